#!/usr/bin/python3
"""Writes a copy of ThriftTest that thriftpy 0.3.9's parser accepts.

thriftpy rejects parts of the IDL that do not change the wire format, so they
are rewritten here at test time instead of keeping a second IDL in the repo:
  - annotations in parentheses (on namespaces, types, structs),
  - the base type name `i8` (thriftpy knows only its synonym `byte`),
  - empty `{}` defaults on set/map fields of optional members.
Usage: derive_thriftpy_idl.py <in.thrift> <out.thrift>
"""
import re
import sys

ANNOTATION = re.compile(r"\(\s*[\w.]+\s*=\s*(\"[^\"]*\"|'[^']*')\s*\)")
I8 = re.compile(r"\bi8\b")
EMPTY_DEFAULT = re.compile(r"\s*=\s*\{\s*\}")


def derive(text):
    text = ANNOTATION.sub("", text)
    text = I8.sub("byte", text)
    return EMPTY_DEFAULT.sub("", text)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: derive_thriftpy_idl.py <in.thrift> <out.thrift>\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        derived = derive(f.read())
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(derived)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

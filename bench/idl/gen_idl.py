#!/usr/bin/env python3
"""Writes a synthetic .thrift file of about N lines (default 10,000): enums,
constants, typedefs, structs with scalar/container/struct fields and
defaults, exceptions and services. Valid for corothrift and for Debian's
thrift 0.17 (so no uuid)."""
import argparse
import sys


def block(i):
    """One group of definitions (~100 lines) numbered i."""
    out = []
    out.append(f"/** Enum number {i}. */")
    out.append(f"enum Color{i} {{")
    for v in range(8):
        out.append(f"  C{i}_{v} = {v},")
    out.append("}")
    out.append("")
    out.append(f"const i32 LIMIT{i} = {i * 7}")
    out.append(f"const string NAME{i} = \"block {i}\"")
    out.append(f"const list<i32> PRIMES{i} = [2, 3, 5, 7, 11]")
    out.append(f"const map<string, i32> WEIGHTS{i} = {{\"a\": 1, \"b\": LIMIT{i}}}")
    out.append(f"typedef list<map<string, i64>> Table{i}")
    out.append("")
    for s in range(3):
        out.append(f"/** Struct {s} of block {i}. */")
        out.append(f"struct Record{i}_{s} {{")
        out.append(f"  1: required i64 id")
        out.append(f"  2: optional string name = NAME{i}")
        out.append(f"  3: i32 count = LIMIT{i}")
        out.append(f"  4: double ratio = 0.5")
        out.append(f"  5: bool enabled = true")
        out.append(f"  6: binary payload")
        out.append(f"  7: list<string> tags")
        out.append(f"  8: set<i32> codes")
        out.append(f"  9: map<string, list<i64>> index")
        out.append(f"  10: Color{i} color = Color{i}.C{i}_1")
        out.append(f"  11: Table{i} table")
        out.append(f"  12: optional i16 small")
        out.append(f"  13: i8 tiny")
        if s > 0:
            out.append(f"  14: Record{i}_{s - 1} previous")
            out.append(f"  15: list<Record{i}_{s - 1}> history")
        out.append("}")
        out.append("")
    out.append(f"exception Failure{i} {{")
    out.append("  1: string message")
    out.append("  2: i32 code")
    out.append("}")
    out.append("")
    out.append(f"service Service{i} {{")
    out.append(f"  void ping{i}()")
    out.append(f"  Record{i}_2 get{i}(1: i64 id) throws (1: Failure{i} failure)")
    out.append(f"  list<Record{i}_0> list{i}(1: i32 limit, 2: string prefix)")
    out.append(f"  map<string, Record{i}_1> all{i}()")
    out.append(f"  oneway void notify{i}(1: Color{i} color)")
    out.append(f"  bool put{i}(1: Record{i}_2 record, 2: bool overwrite = false)")
    out.append("}")
    out.append("")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("output", nargs="?", default="-")
    args = parser.parse_args()
    lines = ["namespace cpp bench.idl", ""]
    i = 0
    while len(lines) + len(block(i)) <= args.lines:
        lines.extend(block(i))
        i += 1
    # Whole blocks only (a cut one would not parse); comments make up the rest.
    lines.extend(["// padding"] * (args.lines - len(lines)))
    text = "\n".join(lines) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()

"""Apache Python's TJSONProtocol (python3-thrift 0.17) as a reference for
interop_json_python_bytes_test.

  json_python_bytes.py write CASE        prints the hex of CASE's struct as
                                         Apache Python writes it
  json_python_bytes.py copy HEX STRINGS  reads HEX as a struct with Apache
                                         Python and prints the hex of it written
                                         again, strings as STRINGS (text|binary)

CASE `same` holds values Apache Python writes exactly as Apache C++ does;
`binary` and `specials` the ones it writes differently (base64 padding; bare
inf, raw control characters), which each side must still read.
"""

import binascii
import math
import sys

from thrift.protocol.TJSONProtocol import TJSONProtocol
from thrift.Thrift import TType
from thrift.transport.TTransport import TMemoryBuffer


def field(p, ttype, fid, write):
    p.writeFieldBegin("", ttype, fid)
    write()
    p.writeFieldEnd()


def write_list(p, ttype, values, write):
    p.writeListBegin(ttype, len(values))
    for v in values:
        write(v)
    p.writeListEnd()


def write_same(p):
    p.writeStructBegin("Same")
    field(p, TType.BOOL, 1, lambda: p.writeBool(True))
    field(p, TType.BYTE, 2, lambda: p.writeByte(-128))
    field(p, TType.I16, 3, lambda: p.writeI16(32767))
    field(p, TType.I32, 4, lambda: p.writeI32(-2147483648))
    field(p, TType.I64, 5, lambda: p.writeI64(2**63 - 1))
    field(p, TType.DOUBLE, 6, lambda: p.writeDouble(-0.1))
    field(p, TType.DOUBLE, 7, lambda: p.writeDouble(1e300))
    field(p, TType.STRING, 8,
          lambda: p.writeString("caf\u00e9 \"q\" \\ /\n\t\b\f\r end \U0001F600"))
    field(p, TType.LIST, 9, lambda: write_list(p, TType.I32, [0, -1, 7, 2147483647], p.writeI32))

    def string_map():
        p.writeMapBegin(TType.STRING, TType.I64, 2)
        for k, v in (("a", -5), ("b\"", 6)):
            p.writeString(k)
            p.writeI64(v)
        p.writeMapEnd()
    field(p, TType.MAP, 10, string_map)

    def number_keys():
        p.writeMapBegin(TType.I32, TType.DOUBLE, 2)
        for k, v in ((-3, 2.5), (40, 0.0)):
            p.writeI32(k)
            p.writeDouble(v)
        p.writeMapEnd()
    field(p, TType.MAP, 11, number_keys)

    def inner():
        p.writeStructBegin("Inner")
        field(p, TType.STRING, 1, lambda: p.writeString(""))
        field(p, TType.SET, 2, lambda: write_list(p, TType.DOUBLE, [1.5, 3.141592653589793],
                                                   p.writeDouble))
        p.writeFieldStop()
        p.writeStructEnd()
    field(p, TType.STRUCT, 32767, inner)
    p.writeFieldStop()
    p.writeStructEnd()


def write_binary(p):
    p.writeStructBegin("Binary")
    field(p, TType.LIST, 1, lambda: write_list(
        p, TType.STRING, [b"", b"\x01", b"\x01\x02", b"\x01\x02\x03", b"\xff\xfe\xfd\xfc"],
        p.writeBinary))
    p.writeFieldStop()
    p.writeStructEnd()


def write_specials(p):
    p.writeStructBegin("Specials")
    field(p, TType.LIST, 1, lambda: write_list(
        p, TType.DOUBLE, [float("inf"), float("-inf")], p.writeDouble))
    field(p, TType.STRING, 2, lambda: p.writeString("a\x01\x1fb"))
    p.writeFieldStop()
    p.writeStructEnd()


def copy(src, dst, ttype, strings):
    """Reads one value of ttype from src and writes it to dst."""
    if ttype == TType.STRUCT:
        src.readStructBegin()
        dst.writeStructBegin("")
        while True:
            _, ftype, fid = src.readFieldBegin()
            if ftype == TType.STOP:
                break
            dst.writeFieldBegin("", ftype, fid)
            copy(src, dst, ftype, strings)
            src.readFieldEnd()
            dst.writeFieldEnd()
        dst.writeFieldStop()
        src.readStructEnd()
        dst.writeStructEnd()
    elif ttype == TType.MAP:
        ktype, vtype, size = src.readMapBegin()
        dst.writeMapBegin(ktype, vtype, size)
        for _ in range(size):
            copy(src, dst, ktype, strings)
            copy(src, dst, vtype, strings)
        src.readMapEnd()
        dst.writeMapEnd()
    elif ttype in (TType.LIST, TType.SET):
        etype, size = src.readListBegin()
        dst.writeListBegin(etype, size)
        for _ in range(size):
            copy(src, dst, etype, strings)
        src.readListEnd()
        dst.writeListEnd()
    else:
        name = {TType.BOOL: "Bool", TType.BYTE: "Byte", TType.I16: "I16", TType.I32: "I32",
                TType.I64: "I64", TType.DOUBLE: "Double",
                TType.STRING: "Binary" if strings == "binary" else "String"}[ttype]
        getattr(dst, "write" + name)(getattr(src, "read" + name)())


def main():
    mode, arg = sys.argv[1], sys.argv[2]
    cases = {"same": write_same, "binary": write_binary, "specials": write_specials}
    out = TMemoryBuffer()
    dst = TJSONProtocol(out)
    if mode == "write":
        cases[arg](dst)
    else:
        src = TJSONProtocol(TMemoryBuffer(binascii.unhexlify(arg)))
        copy(src, dst, TType.STRUCT, sys.argv[3])
    print(binascii.hexlify(out.getvalue()).decode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

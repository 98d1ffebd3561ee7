#!/usr/bin/python3
"""Apache Thrift's Python Calculator client (tutorial.thrift, framed binary)
against a server on 127.0.0.1:PORT: a void call, arguments and results, a
declared exception, a oneway call and the inherited getStruct. Prints one
line per failed check; exits 0 when all pass, 1 otherwise.

usage: tutorial_py_client.py --gen-dir=DIR --port=PORT
"""
import argparse
import sys


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    return parser.parse_args()


def run_checks(client, ttypes, failures):
    def expect(name, got, want):
        if got != want:
            failures.append(f"{name}: got {got!r}, want {want!r}")

    client.ping()
    expect("add", client.add(1, 1), 2)
    expect("add", client.add(-2147483648, 0), -2147483648)
    work = ttypes.Work(num1=1, num2=0, op=ttypes.Operation.DIVIDE)
    try:
        client.calculate(1, work)
        failures.append("calculate: 1 / 0 did not raise InvalidOperation")
    except ttypes.InvalidOperation as e:
        expect("InvalidOperation.whatOp", e.whatOp, ttypes.Operation.DIVIDE)
    work = ttypes.Work(num1=15, num2=10, op=ttypes.Operation.SUBTRACT, comment="ünï")
    expect("calculate", client.calculate(2, work), 5)
    client.zip()
    expect("getStruct", client.getStruct(2).value, "5")


def main():
    args = parse_args()
    sys.path.insert(0, args.gen_dir)
    from thrift.protocol import TBinaryProtocol
    from thrift.transport import TSocket, TTransport
    from tutorial import Calculator, ttypes

    socket = TSocket.TSocket("127.0.0.1", args.port)
    socket.setTimeout(10000)
    transport = TTransport.TFramedTransport(socket)
    client = Calculator.Client(TBinaryProtocol.TBinaryProtocol(transport))
    transport.open()
    failures = []
    try:
        run_checks(client, ttypes, failures)
    finally:
        transport.close()
    for failure in failures:
        print("FAIL " + failure)
    print("tutorial_py_client: " + ("all passed" if not failures else "failed"), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

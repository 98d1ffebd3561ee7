#!/usr/bin/python3
"""Apache Thrift's Python Calculator server (tutorial.thrift, framed binary,
one connection and one request at a time: TSimpleServer), for the
end-to-end interop tests. Prints "listening on 127.0.0.1:PORT" once ready and
serves until killed.

usage: tutorial_py_server.py --gen-dir=DIR   (DIR: `thrift --gen py` output)
"""
import argparse
import sys


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    return parser.parse_args()


def make_handler(ttypes, shared_ttypes):
    class Handler:
        def __init__(self):
            self.log = {}

        def ping(self):
            pass

        def add(self, num1, num2):
            return num1 + num2

        def calculate(self, logid, work):
            op = ttypes.Operation
            if work.op == op.ADD:
                value = work.num1 + work.num2
            elif work.op == op.SUBTRACT:
                value = work.num1 - work.num2
            elif work.op == op.MULTIPLY:
                value = work.num1 * work.num2
            elif work.op == op.DIVIDE and work.num2 != 0:
                value = work.num1 // work.num2
            else:
                raise ttypes.InvalidOperation(whatOp=work.op, why="Cannot divide by 0")
            self.log[logid] = shared_ttypes.SharedStruct(key=logid, value=str(value))
            return value

        def getStruct(self, key):
            return self.log.get(key, shared_ttypes.SharedStruct())

        def zip(self):
            pass

    return Handler()


def main():
    args = parse_args()
    sys.path.insert(0, args.gen_dir)
    from shared import ttypes as shared_ttypes
    from thrift.protocol import TBinaryProtocol
    from thrift.server import TServer
    from thrift.transport import TSocket, TTransport
    from tutorial import Calculator, ttypes

    processor = Calculator.Processor(make_handler(ttypes, shared_ttypes))
    transport = TSocket.TServerSocket(host="127.0.0.1", port=args.port)
    transport.listen()
    port = transport.handle.getsockname()[1]
    transport.listen = lambda: None  # serve() would bind a second socket
    server = TServer.TSimpleServer(processor, transport, TTransport.TFramedTransportFactory(),
                                   TBinaryProtocol.TBinaryProtocolFactory())
    print(f"listening on 127.0.0.1:{port}", flush=True)
    server.serve()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Apache Thrift Python (python3-thrift) ThriftTest server; runs until killed.

One thread per connection (TThreadedServer); --multiplexed hosts ThriftTest
and SecondService behind a TMultiplexedProcessor. --gen-dir names the folder
holding the code `thrift --gen py` made from ThriftTest.v0.17.0.thrift.
"""
import sys

from interop_flags import parse_flags
from interop_handler import make_handlers


def add_gen_dir(parser):
    parser.add_argument("--gen-dir", required=True)


def make_processor(flags, test_service, second_service, handlers):
    from thrift.TMultiplexedProcessor import TMultiplexedProcessor
    test_handler, second_handler = handlers
    test = test_service.Processor(test_handler)
    if not flags.multiplexed:
        return test
    processor = TMultiplexedProcessor()
    processor.registerProcessor("ThriftTest", test)
    processor.registerProcessor("SecondService", second_service.Processor(second_handler))
    return processor


def main(handlers_for=make_handlers):
    """`handlers_for(types)` returns the (ThriftTest, SecondService) handlers."""
    flags = parse_flags(__doc__, add_gen_dir)
    sys.path.insert(0, flags.gen_dir)
    from thrift.Thrift import TException
    from thrift.protocol import TBinaryProtocol, TCompactProtocol, THeaderProtocol, TJSONProtocol
    from thrift.server import TServer
    from thrift.transport import TSocket, TTransport
    from ThriftTest import SecondService, ThriftTest, ttypes

    ttypes.TException = TException
    transports = {"buffered": TTransport.TBufferedTransportFactory,
                  "framed": TTransport.TFramedTransportFactory}
    protocols = {"binary": TBinaryProtocol.TBinaryProtocolFactory,
                 "compact": TCompactProtocol.TCompactProtocolFactory,
                 "json": TJSONProtocol.TJSONProtocolFactory,
                 # A THeader server answers framed and unframed clients too,
                 # as Apache's Python TestServer allows.
                 "header": lambda: THeaderProtocol.THeaderProtocolFactory(tuple(range(5)))}
    processor = make_processor(flags, ThriftTest, SecondService, handlers_for(ttypes))
    if flags.transport == "http":
        from thrift.server import THttpServer
        server = THttpServer.THttpServer(processor, (flags.host, flags.port),
                                         protocols[flags.protocol]())
        print("py_server listening on %s:%d" % (flags.host, flags.port), flush=True)
        server.serve()
        return
    server = TServer.TThreadedServer(
        processor,
        TSocket.TServerSocket(host=flags.host, port=flags.port),
        transports[flags.transport](), protocols[flags.protocol](), daemon=True)
    print("py_server listening on %s:%d" % (flags.host, flags.port), flush=True)
    server.serve()


if __name__ == "__main__":
    main()

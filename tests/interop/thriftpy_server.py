#!/usr/bin/python3
"""thriftpy 0.3.9 (python3-thriftpy) ThriftTest server; runs until killed.

--idl names the thriftpy-loadable copy of ThriftTest that
derive_thriftpy_idl.py writes. One thread per connection; --multiplexed
hosts ThriftTest and SecondService behind thriftpy's TMultiplexedProcessor.
"""
import thriftpy
from thriftpy.protocol import TBinaryProtocolFactory, TCompactProtocolFactory
from thriftpy.server import TThreadedServer
from thriftpy.thrift import (TApplicationException, TException, TMultiplexedProcessor,
                             TProcessor)
from thriftpy.transport import TBufferedTransportFactory, TFramedTransportFactory, TServerSocket

import thriftpy_compat
from interop_flags import parse_flags
from interop_handler import make_handlers

# Lets a client stay silent for a while (its oneway case) without being cut.
CLIENT_TIMEOUT_MS = 30000


class ApacheErrorsMixin:
    """Answers an undeclared handler exception with a TApplicationException.

    Plain thriftpy re-raises it and drops the connection; Apache's servers
    reply with INTERNAL_ERROR and keep serving, which the test cases expect.
    """

    def process(self, iprot, oprot):
        api, seqid, result, call = self.process_in(iprot)
        if isinstance(result, TApplicationException):
            return self.send_exception(oprot, api, result, seqid)
        try:
            result.success = call()
        except Exception as error:  # noqa: BLE001 - every handler error is answered
            if not _declared(error, result):
                if not result.oneway:
                    failure = TApplicationException(TApplicationException.INTERNAL_ERROR, str(error))
                    self.send_exception(oprot, api, failure, seqid)
                return None
            self.handle_exception(error, result)
        if not result.oneway:
            self.send_result(oprot, api, result, seqid)
        return None


def _declared(error, result):
    return any(isinstance(error, spec[2]) for spec in result.thrift_spec.values()
               if spec[1] != "success" and len(spec) > 2 and isinstance(spec[2], type))


class Processor(ApacheErrorsMixin, TProcessor):
    pass


class MultiplexedProcessor(ApacheErrorsMixin, TMultiplexedProcessor):
    pass


def add_idl(parser):
    parser.add_argument("--idl", required=True)


def make_processor(flags, module):
    module.TException = TException
    test_handler, second_handler = make_handlers(module)
    test = Processor(module.ThriftTest, test_handler)
    if not flags.multiplexed:
        return test
    processor = MultiplexedProcessor()
    processor.register_processor("ThriftTest", test)
    processor.register_processor("SecondService", Processor(module.SecondService, second_handler))
    return processor


def main():
    flags = parse_flags(__doc__, add_idl)
    thriftpy_compat.install()
    module = thriftpy.load(flags.idl, module_name="ThriftTest_thrift")
    transports = {"buffered": TBufferedTransportFactory, "framed": TFramedTransportFactory}
    protocols = {"binary": TBinaryProtocolFactory, "compact": TCompactProtocolFactory}
    server = TThreadedServer(
        make_processor(flags, module),
        TServerSocket(host=flags.host, port=flags.port, client_timeout=CLIENT_TIMEOUT_MS),
        iprot_factory=protocols[flags.protocol](), itrans_factory=transports[flags.transport](),
        daemon=True)
    print("thriftpy_server listening on %s:%d" % (flags.host, flags.port), flush=True)
    server.serve()


if __name__ == "__main__":
    main()

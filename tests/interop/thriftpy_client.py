#!/usr/bin/python3
"""thriftpy 0.3.9 (python3-thriftpy) ThriftTest client.

Runs every case of interop_cases against --host/--port; exits 0 when all
pass, 1 naming the failed ones, 3 when it cannot connect. --idl names the
thriftpy-loadable copy of ThriftTest that derive_thriftpy_idl.py writes.
"""
import sys

import thriftpy
from thriftpy.protocol import (TBinaryProtocolFactory, TCompactProtocolFactory,
                               TMultiplexedProtocol)
from thriftpy.thrift import TApplicationException, TClient
from thriftpy.transport import TBufferedTransportFactory, TFramedTransportFactory, TSocket

import interop_cases
import thriftpy_compat
from interop_flags import parse_flags

SOCKET_TIMEOUT_MS = 10000


def add_idl(parser):
    parser.add_argument("--idl", required=True)


def main():
    flags = parse_flags(__doc__, add_idl)
    thriftpy_compat.install()
    module = thriftpy.load(flags.idl, module_name="ThriftTest_thrift")
    module.TApplicationException = TApplicationException
    socket = TSocket(flags.host, flags.port, socket_timeout=SOCKET_TIMEOUT_MS,
                     connect_timeout=SOCKET_TIMEOUT_MS)
    transports = {"buffered": TBufferedTransportFactory, "framed": TFramedTransportFactory}
    protocols = {"binary": TBinaryProtocolFactory, "compact": TCompactProtocolFactory}
    transport = transports[flags.transport]().get_transport(socket)
    protocol = protocols[flags.protocol]().get_protocol(transport)
    try:
        transport.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect
        print("thriftpy_client: cannot connect: %s" % error, file=sys.stderr)
        return 3
    check = interop_cases.Checker()
    if flags.multiplexed:
        client = TClient(module.ThriftTest, TMultiplexedProtocol(protocol, "ThriftTest"))
        interop_cases.run_all_cases(client, module, check)
        second = TClient(module.SecondService, TMultiplexedProtocol(protocol, "SecondService"))
        interop_cases.run_second_service_case(second, check)
    else:
        interop_cases.run_all_cases(TClient(module.ThriftTest, protocol), module, check)
    transport.close()
    return interop_cases.report("thriftpy_client", check)


if __name__ == "__main__":
    sys.exit(main())

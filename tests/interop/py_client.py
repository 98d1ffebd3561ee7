#!/usr/bin/python3
"""Apache Thrift Python (python3-thrift) ThriftTest client.

Runs every case of interop_cases against --host/--port; exits 0 when all
pass, 1 naming the failed ones, 3 when it cannot connect.
"""
import sys

import interop_cases
from interop_flags import parse_flags

SOCKET_TIMEOUT_MS = 10000


def add_gen_dir(parser):
    parser.add_argument("--gen-dir", required=True)


def main():
    flags = parse_flags(__doc__, add_gen_dir)
    sys.path.insert(0, flags.gen_dir)
    from thrift.Thrift import TApplicationException
    from thrift.protocol import TBinaryProtocol, TCompactProtocol, THeaderProtocol
    from thrift.protocol import TJSONProtocol, TMultiplexedProtocol
    from thrift.transport import THeaderTransport, TSocket, TTransport
    from ThriftTest import SecondService, ThriftTest, ttypes

    ttypes.TApplicationException = TApplicationException
    socket = TSocket.TSocket(flags.host, flags.port)
    socket.setTimeout(SOCKET_TIMEOUT_MS)
    transports = {"buffered": TTransport.TBufferedTransport,
                  "framed": TTransport.TFramedTransport}
    header_only = (THeaderTransport.THeaderClientType.HEADERS,)
    protocols = {"binary": TBinaryProtocol.TBinaryProtocol,
                 "compact": TCompactProtocol.TCompactProtocol,
                 "json": TJSONProtocol.TJSONProtocol,
                 "header": lambda t: THeaderProtocol.THeaderProtocol(t, header_only)}
    if flags.transport == "http":
        from thrift.transport import THttpClient
        transport = THttpClient.THttpClient("http://%s:%d/" % (flags.host, flags.port))
        transport.setTimeout(SOCKET_TIMEOUT_MS)
    else:
        transport = transports[flags.transport](socket)
    protocol = protocols[flags.protocol](transport)
    if flags.zlib:
        protocol.add_transform(THeaderTransport.THeaderTransformID.ZLIB)
    try:
        transport.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect
        print("py_client: cannot connect: %s" % error, file=sys.stderr)
        return 3
    check = interop_cases.Checker()
    if flags.multiplexed:
        mux = TMultiplexedProtocol.TMultiplexedProtocol
        client = ThriftTest.Client(mux(protocol, "ThriftTest"))
        interop_cases.run_all_cases(client, ttypes, check)
        interop_cases.run_second_service_case(
            SecondService.Client(mux(protocol, "SecondService")), check)
    else:
        interop_cases.run_all_cases(ThriftTest.Client(protocol), ttypes, check)
    transport.close()
    return interop_cases.report("py_client", check)


if __name__ == "__main__":
    sys.exit(main())

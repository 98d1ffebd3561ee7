"""TLS sockets of the Apache Python peers (python3-thrift's TSSLSocket), with
the flags of Apache's test programs: under --ssl the server loads
keys/server.crt and keys/server.key and the client trusts keys/CA.pem and
checks the host name; --ssl-cert/--ssl-key/--ssl-ca override the paths,
--ssl-client-ca makes the server require client certificates."""
import ssl


def uses_tls(flags):
    return flags.ssl or any((flags.ssl_cert, flags.ssl_key, flags.ssl_ca, flags.ssl_client_ca))


def server_socket(flags):
    from thrift.transport import TSSLSocket, TSocket
    if not uses_tls(flags):
        return TSocket.TServerSocket(host=flags.host, port=flags.port)
    options = dict(certfile=flags.ssl_cert or "keys/server.crt",
                   keyfile=flags.ssl_key or "keys/server.key")
    if flags.ssl_client_ca:
        options.update(ca_certs=flags.ssl_client_ca, cert_reqs=ssl.CERT_REQUIRED)
    return TSSLSocket.TSSLServerSocket(host=flags.host, port=flags.port, **options)


def client_socket(flags):
    from thrift.transport import TSSLSocket, TSocket
    if not uses_tls(flags):
        return TSocket.TSocket(flags.host, flags.port)
    options = dict(ca_certs=flags.ssl_ca or "keys/CA.pem", cert_reqs=ssl.CERT_REQUIRED)
    if flags.ssl_cert:
        options.update(certfile=flags.ssl_cert, keyfile=flags.ssl_key)
    return TSSLSocket.TSSLSocket(flags.host, flags.port, **options)

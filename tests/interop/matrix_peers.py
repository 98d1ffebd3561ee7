"""The implementations the interop matrix runs, as data.

Each entry: name; server and client command templates (argument lists);
the protocols, transports and multiplexing it supports; and `needs`, the
paths its templates use (given to run_matrix.py as --path key=value). An
entry whose paths are missing is shown as `missing`, with its reason, in
every row and column it would fill. Placeholders: {python} (Debian's
interpreter), {here} (this folder), {host}, {port}, {protocol},
{transport}, plus each key of `needs`; the tokens {multiplexed} and {zlib}
become --multiplexed and --zlib or are dropped.

`cases` is how many cases the client runs, plain and multiplexed (each
value a case, counted as its client counts them; read off the clients'
code, not off a run): a cell passes only when the client reports exactly
that many, less any it skipped because the server `lacks` the method.
"""

ALL_PROTOCOLS = ("binary", "compact", "json", "header")
ALL_TRANSPORTS = ("buffered", "framed", "http")
# THeader is its own framing: Apache's test programs put THeaderProtocol over
# the --transport given, so header over framed would be a frame in a frame,
# which no THeader reader outside Apache's test programs expects.
UNSUPPORTED = {("header", "framed"): "THeader is its own framing (header/buf is the THeader wire)",
               ("header", "http"): "THeader is its own framing, not an HTTP body"}
# Pairs that cannot pass a whole run over HTTP, each for a reason outside
# the runner, keyed by (server, client, transport).
PAIR_GAPS = {
    ("apache-cpp", "apache-py", "http"):
        "Apache's C++ THttpServer sends no response to a oneway; Python's THttpClient waits for one",
    ("apache-py", "apache-cpp", "http"):
        "Python's THttpServer answers a oneway; Apache's C++ THttpClient reads no response to one "
        "and takes it for the next call's",
}
FLAGS = ["--host={host}", "--port={port}", "--protocol={protocol}", "--transport={transport}",
         "{multiplexed}", "{zlib}"]

# Peers built from ThriftTest.v0.17.0.thrift have no testUuid: our client
# reports it skipped against them, and nowhere else.
LACKS_UUID = ("testUuid",)

# Apache's test client's cases with our edge values: testVoid 1, strings 4,
# bool 2, byte 5, i32 5, i64 4, typedef 1, double 9, binary 2, enum 6,
# containers 12, structs 6, exceptions 6, oneway 1 = 64; multiplexed adds
# secondtestString.
APACHE_CASES = {"plain": 64, "multiplexed": 65}

# Apache Python's TJSONProtocol writes infinite doubles bare (inf, -inf),
# which Apache's JSON readers, its own included, reject: the double cases
# send infinity, so a JSON cell with Apache Python on one side passes only
# when the other side reads that spelling (`reads_bare_inf`).
def json_gap(server, client, protocol):
    """Why a JSON cell between these two cannot pass, or None."""
    if protocol != "json":
        return None
    for writer, reader in ((server, client), (client, server)):
        if writer.get("writes_bare_inf") and not reader.get("reads_bare_inf"):
            return "%s writes JSON infinity bare, which %s cannot read" % (writer["name"],
                                                                            reader["name"])
    return None

IMPLEMENTATIONS = [
    {
        "name": "apache-cpp",
        "server": ["{apache_cpp_server}"] + FLAGS,
        "client": ["{apache_cpp_client}"] + FLAGS,
        "needs": ["apache_cpp_server", "apache_cpp_client"],
        "missing": "Apache C++ peers not built",
        "cases": APACHE_CASES,
        "lacks": LACKS_UUID,
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
    },
    {
        "name": "apache-py",
        "server": ["{python}", "{here}/py_server.py", "--gen-dir={py_gen_dir}"] + FLAGS,
        "client": ["{python}", "{here}/py_client.py", "--gen-dir={py_gen_dir}"] + FLAGS,
        "needs": ["py_gen_dir"],
        "missing": "thrift --gen py output not found",
        "cases": APACHE_CASES,
        "lacks": LACKS_UUID,
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
        "writes_bare_inf": True,
    },
    {
        "name": "thriftpy",
        "server": ["{python}", "{here}/thriftpy_server.py", "--idl={thriftpy_idl}"] + FLAGS,
        "client": ["{python}", "{here}/thriftpy_client.py", "--idl={thriftpy_idl}"] + FLAGS,
        "needs": ["thriftpy_idl"],
        "missing": "derived thriftpy IDL not found",
        "cases": APACHE_CASES,
        "lacks": LACKS_UUID,
        # thriftpy 0.3.9 has no THeader, and its JSON protocol is its own,
        # not Apache's TJSONProtocol.
        "protocols": ("binary", "compact"),
        "transports": ("buffered", "framed"),  # and no HTTP
        "multiplexed": True,
    },
    {
        "name": "corothrift",
        "server": ["{thrift_test_server}"] + FLAGS,
        "client": ["{thrift_test_client}"] + FLAGS,
        "needs": ["thrift_test_server", "thrift_test_client"],
        "missing": "not built (a matrix run needs corothrift's programs)",
        # Apache's cases, plus inFlight (1,000 calls at once) and testUuid.
        "cases": {"plain": 66, "multiplexed": 67},
        "lacks": (),
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
        "reads_bare_inf": True,
    },
]

# TLS runs (run_matrix.py --tls=oneway|mutual): which implementations take
# the TLS flags of thrift_test_tls.h, and the flags each side adds. A run
# happens in a folder whose keys/ holds a test CA (matrix_tls.py), so a bare
# --ssl finds keys/server.crt, keys/server.key and keys/CA.pem as Apache's
# test programs do; mutual TLS names the client's certificate and the CA the
# server checks it against.
# name -> the transports it cannot run over TLS (Python's THttpServer and
# THttpClient speak plain HTTP only).
TLS_PEERS = {"apache-cpp": (), "apache-py": ("http",), "corothrift": ()}
TLS_FLAGS = {
    "oneway": {"server": ["--ssl"], "client": ["--ssl"]},
    "mutual": {"server": ["--ssl", "--ssl-client-ca=keys/CA.pem"],
               "client": ["--ssl", "--ssl-cert=keys/client.crt", "--ssl-key=keys/client.key"]},
}

"""The implementations the interop matrix runs, as data.

Each entry: name; server and client command templates (argument lists);
the protocols, transports and multiplexing it supports; and `needs`, the
paths its templates use (given to run_matrix.py as --path key=value). An
entry whose paths are missing is shown as `missing`, with its reason, in
every row and column it would fill. Placeholders: {python} (Debian's
interpreter), {here} (this folder), {host}, {port}, {protocol},
{transport}, plus each key of `needs`; the token {multiplexed} becomes
--multiplexed or is dropped.
"""

ALL_PROTOCOLS = ("binary", "compact")
ALL_TRANSPORTS = ("buffered", "framed")
FLAGS = ["--host={host}", "--port={port}", "--protocol={protocol}", "--transport={transport}",
         "{multiplexed}"]

IMPLEMENTATIONS = [
    {
        "name": "apache-cpp",
        "server": ["{apache_cpp_server}"] + FLAGS,
        "client": ["{apache_cpp_client}"] + FLAGS,
        "needs": ["apache_cpp_server", "apache_cpp_client"],
        "missing": "Apache C++ peers not built",
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
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
    },
    {
        "name": "thriftpy",
        "server": ["{python}", "{here}/thriftpy_server.py", "--idl={thriftpy_idl}"] + FLAGS,
        "client": ["{python}", "{here}/thriftpy_client.py", "--idl={thriftpy_idl}"] + FLAGS,
        "needs": ["thriftpy_idl"],
        "missing": "derived thriftpy IDL not found",
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
    },
    {
        "name": "corothrift",
        "server": ["{thrift_test_server}"] + FLAGS,
        "client": ["{thrift_test_client}"] + FLAGS,
        "needs": ["thrift_test_server", "thrift_test_client"],
        "missing": "not built yet",
        "protocols": ALL_PROTOCOLS,
        "transports": ALL_TRANSPORTS,
        "multiplexed": True,
    },
]

"""A throwaway test CA for TLS matrix runs, made with the `openssl` command:
keys/CA.pem, keys/server.crt + keys/server.key (localhost and 127.0.0.1),
keys/client.crt + keys/client.key, in the folder given (nothing is kept)."""
import os
import subprocess

DAYS = "2"
EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def issue(keys, name, subject, alt_names):
    with open(os.path.join(keys, name + ".ext"), "w", encoding="ascii") as f:
        f.write("basicConstraints=CA:FALSE\n")
        if alt_names:
            f.write("subjectAltName=%s\n" % alt_names)
    openssl("req", *EC, "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject, cwd=keys)
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "CA.pem", "-CAkey", "CA.key",
            "-CAcreateserial", "-days", DAYS, "-out", name + ".crt", "-extfile", name + ".ext",
            cwd=keys)


def make_keys(folder):
    keys = os.path.join(folder, "keys")
    os.makedirs(keys, exist_ok=True)
    openssl("req", "-x509", *EC, "-keyout", "CA.key", "-out", "CA.pem", "-days", DAYS,
            "-subj", "/CN=corothrift interop test CA", cwd=keys)
    issue(keys, "server", "/CN=localhost", "DNS:localhost,IP:127.0.0.1")
    # Apache's Python TSSLServerSocket checks a client certificate against
    # the client's address, as a client checks a server's.
    issue(keys, "client", "/CN=interop client", "DNS:localhost,IP:127.0.0.1")
    return keys

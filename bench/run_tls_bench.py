#!/usr/bin/python3
"""The TLS benchmark: corothrift over TLS against corothrift in plaintext and
against Apache Thrift's TSSLServerSocket + TThreadedServer, in one run.

Cells (each server in turn, same client: bench_tls_load):
  add 64x1     64 connections, one `add` in flight each
  echo 64KiB   4 connections, one 64 KiB `echo` in flight each
  handshakes   connect + full handshake + one add + close, sequentially
  resumed      the same, offering the previous session (TLS 1.3 ticket)
Ratios printed: ours TLS / ours plaintext (target >= 0.75 at 64x1), ours
TLS / Apache TLS (target >= 2), handshakes/s ours / Apache. The certificates
are a throwaway CA made with `openssl` (P-256). Numbers from 2 shared cores
swing with outside load: compare only the ratios of one run.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

from run_rpc_bench import free_port, wait_listening

EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]


def make_keys(folder):
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)
    openssl("req", "-x509", *EC, "-keyout", "CA.key", "-out", "CA.pem", "-days", "2",
            "-subj", "/CN=bench CA")
    with open(os.path.join(folder, "server.ext"), "w", encoding="ascii") as f:
        f.write("basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("req", *EC, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "CA.pem", "-CAkey", "CA.key",
            "-CAcreateserial", "-days", "2", "-out", "server.crt", "-extfile", "server.ext")


def servers(bin_dir, keys, workers):
    tls = ["--tls-cert", os.path.join(keys, "server.crt"),
           "--tls-key", os.path.join(keys, "server.key")]
    ours = [os.path.join(bin_dir, "bench_corothrift_server"), "--workers", str(workers)]
    apache = [os.path.join(bin_dir, "bench_apache_server"), "--kind", "threaded"]
    return {"ours-plain": (ours, False), "ours-tls": (ours + tls, True),
            "apache-threaded-tls": (apache + tls, True)}


CELLS = {
    "add 64x1": (["--mode", "calls", "--connections", "64", "--call", "add"],
                 ["ours-plain", "ours-tls", "apache-threaded-tls"]),
    "echo 64KiB 4x1": (["--mode", "calls", "--connections", "4", "--call", "echo",
                        "--payload", "65536"], ["ours-plain", "ours-tls", "apache-threaded-tls"]),
    "handshakes": (["--mode", "handshakes", "--resume", "0"], ["ours-tls", "apache-threaded-tls"]),
    "resumed": (["--mode", "handshakes", "--resume", "1"], ["ours-tls", "apache-threaded-tls"]),
}


def run_cell(load, server_command, tls, load_args, keys, seconds):
    port = free_port()
    server = subprocess.Popen(server_command + ["--port", str(port), "--max-seconds", "120"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_listening(port, server):
            return {"error": "server did not start"}
        command = [load, "--port", str(port), "--seconds", str(seconds)] + load_args
        if tls:
            command += ["--tls-ca", os.path.join(keys, "CA.pem")]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
        result = json.loads(lines[-1]) if lines else {"error": done.stderr.strip()[-200:]}
        if done.returncode != 0:
            result["error"] = "load exit %d %s" % (done.returncode, done.stderr.strip()[-200:])
        return result
    finally:
        server.kill()
        server.wait()


def ratio(results, cell, a, b):
    x, y = results[cell].get(a, {}), results[cell].get(b, {})
    if not x.get("ops_per_s") or not y.get("ops_per_s"):
        return "n/a"
    return "%.2fx" % (x["ops_per_s"] / y["ops_per_s"])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    keys = tempfile.mkdtemp(prefix="corothrift-tls-bench-")
    try:
        make_keys(keys)
        print("load average: %s" % open("/proc/loadavg", encoding="ascii").read().strip())
        load = os.path.join(args.bin_dir, "bench_tls_load")
        table = servers(args.bin_dir, keys, args.workers)
        results = {}
        for cell, (load_args, names) in CELLS.items():
            results[cell] = {}
            for name in names:
                command, tls = table[name]
                r = run_cell(load, command, tls, load_args, keys, args.seconds)
                results[cell][name] = r
                print("%-16s %-20s %s" % (cell, name, json.dumps(r)), flush=True)
        print()
        print("add 64x1: ours TLS / ours plaintext = %s (target >= 0.75); ours TLS / Apache TLS = %s"
              " (target >= 2)" % (ratio(results, "add 64x1", "ours-tls", "ours-plain"),
                                  ratio(results, "add 64x1", "ours-tls", "apache-threaded-tls")))
        print("echo 64KiB 4x1: ours TLS / ours plaintext = %s; ours TLS / Apache TLS = %s" % (
            ratio(results, "echo 64KiB 4x1", "ours-tls", "ours-plain"),
            ratio(results, "echo 64KiB 4x1", "ours-tls", "apache-threaded-tls")))
        for cell in ("handshakes", "resumed"):
            print("%s/s: ours / Apache = %s" % (
                cell, ratio(results, cell, "ours-tls", "apache-threaded-tls")))
    finally:
        shutil.rmtree(keys, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The TLS benchmark: corothrift over TLS against corothrift in plaintext and
against Apache Thrift's TSSLServerSocket + TThreadedServer, in one run.

Cells (every server measured with the same client, bench_tls_load):
  add 64x1     64 connections, one `add` in flight each
  echo 64KiB   4 connections, one 64 KiB `echo` in flight each
  handshakes   connect + full handshake + one add + close, one after another
  resumed      the same, offering the previous session (TLS 1.3 ticket)

Each round runs every cell on every server, the servers in a rotating order
(ours TLS, ours plaintext, Apache TLS, then shifted by one), each on a fresh
process; the report takes medians over rounds. Beside ops/s it gives CPU time
per op: the server's (user + system, all threads, from /proc/PID/stat, read
just before and after the load; a calls cell includes its 64 handshakes, under
1%) and the client's (getrusage over the measured time). On 2 shared cores
ops/s swings with outside load; CPU per op hardly does, so each ratio is
printed both ways: from ops/s (the target's definition) and from total CPU
per op (client + server), and each round's ops/s ratio is listed. The machine's
load (`uptime`) is printed at the start and the end: trust a run whose load
stayed low.

With --pin, each server runs on core 0 (ours with one loop) and the load
generator on core 1 (taskset): neither takes CPU from the other, so ops/s is
bounded by the slower of the two. Without it they share both cores, and ops/s
is bounded by server + client CPU per op.

Targets (the PASS/FAIL lines): add 64x1 ours TLS / ours plaintext >= 0.75,
ours TLS / Apache TLS >= 2, both read from the median of the rounds' ops/s
ratios. Handshakes and 64 KiB echo have no number to meet and are reported.
Exit status 1 when the harness failed (a server did not start, a load run
measured nothing), not for a missed target; calls that failed in a run that
measured are counted in the table's errors column.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from run_rpc_bench import free_port, wait_listening

EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
ORDER = ["ours-tls", "ours-plain", "apache-tls"]

CELLS = {
    "add 64x1": ["--mode", "calls", "--connections", "64", "--call", "add"],
    "echo 64KiB 4x1": ["--mode", "calls", "--connections", "4", "--call", "echo",
                       "--payload", "65536"],
    "handshakes": ["--mode", "handshakes", "--resume", "0"],
    "resumed": ["--mode", "handshakes", "--resume", "1"],
}
PLAINTEXT_CELLS = {"add 64x1", "echo 64KiB 4x1"}
# --pin: the cores the server and the load generator each get to themselves.
SERVER_CORE, LOAD_CORE = "0", "1"

# (cell, numerator, denominator, target or None)
RATIOS = [
    ("add 64x1", "ours-tls", "ours-plain", 0.75),
    ("add 64x1", "ours-tls", "apache-tls", 2.0),
    ("echo 64KiB 4x1", "ours-tls", "ours-plain", None),
    ("echo 64KiB 4x1", "ours-tls", "apache-tls", None),
    ("handshakes", "ours-tls", "apache-tls", None),
    ("resumed", "ours-tls", "apache-tls", None),
]


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


def servers(bin_dir, keys, workers, pin):
    """name -> (command without --port, speaks TLS)"""
    tls = ["--tls-cert", os.path.join(keys, "server.crt"),
           "--tls-key", os.path.join(keys, "server.key")]
    on_core = ["taskset", "-c", SERVER_CORE] if pin else []
    ours = on_core + [os.path.join(bin_dir, "bench_corothrift_server"), "--workers", str(workers)]
    apache = on_core + [os.path.join(bin_dir, "bench_apache_server"), "--kind", "threaded"]
    return {"ours-plain": (ours, False), "ours-tls": (ours + tls, True),
            "apache-tls": (apache + tls, True)}


def cpu_seconds(pid):
    """User + system CPU time of a process, all its threads, so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(command):
    """A started server and its port, or None (tries a few free ports)."""
    for _ in range(3):
        port = free_port()
        server = subprocess.Popen(command + ["--port", str(port), "--max-seconds", "120"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_listening(port, server):
            return server, port
        stop(server)
    return None, None


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_cell(load, server_command, tls, load_args, keys, seconds):
    server, port = start_server(server_command)
    if server is None:
        return {"error": "server did not start"}
    try:
        command = load + ["--port", str(port), "--seconds", str(seconds)] + load_args
        if tls:
            command += ["--tls-ca", os.path.join(keys, "CA.pem")]
        before = cpu_seconds(server.pid)
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        spent = cpu_seconds(server.pid) - before
        lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
        result = json.loads(lines[-1]) if lines else {"error": done.stderr.strip()[-200:]}
        if done.returncode != 0:
            result["error"] = "load exit %d %s" % (done.returncode, done.stderr.strip()[-200:])
        if result.get("ops"):
            result["server_cpu_us_per_op"] = spent * 1e6 / result["ops"]
            result["cpu_us_per_op"] = (result["server_cpu_us_per_op"]
                                       + result["client_cpu_us_per_op"])
        return result
    finally:
        stop(server)


def median_of(rounds, cell, name, key):
    values = [r[cell][name][key] for r in rounds if key in r[cell].get(name, {})]
    return statistics.median(values) if values else None


def print_table(rounds, cells):
    print("%-16s %-12s %10s %14s %14s %12s %9s %7s" % (
        "cell", "server", "ops/s", "server us/op", "client us/op", "total us/op", "resumed",
        "errors"))
    for cell in cells:
        for name in ORDER:
            if name == "ours-plain" and cell not in PLAINTEXT_CELLS:
                continue
            ops = median_of(rounds, cell, name, "ops_per_s")
            if ops is None:
                print("%-16s %-12s %s" % (cell, name, "failed"))
                continue
            resumed = ""
            if cell == "resumed":
                got = [r[cell][name] for r in rounds if r[cell].get(name, {}).get("ops")]
                resumed = "%.0f%%" % (100.0 * sum(g["resumed"] for g in got)
                                      / sum(g["ops"] for g in got))
            errors = sum(r[cell].get(name, {}).get("errors", 0) for r in rounds)
            print("%-16s %-12s %10.0f %14.1f %14.1f %12.1f %9s %7d" % (
                cell, name, ops, median_of(rounds, cell, name, "server_cpu_us_per_op"),
                median_of(rounds, cell, name, "client_cpu_us_per_op"),
                median_of(rounds, cell, name, "cpu_us_per_op"), resumed, errors))


def round_ratio(one_round, cell, a, b, key, invert=False):
    x, y = one_round[cell].get(a, {}).get(key), one_round[cell].get(b, {}).get(key)
    if not x or not y:
        return None
    return y / x if invert else x / y


def print_ratios(rounds, cells):
    print()
    for cell, a, b, target in RATIOS:
        if cell not in cells:
            continue
        by_ops = [round_ratio(r, cell, a, b, "ops_per_s") for r in rounds]
        by_ops = [v for v in by_ops if v is not None]
        # Less CPU per op is faster: the CPU ratio is b's cost over a's.
        by_cpu = [round_ratio(r, cell, a, b, "cpu_us_per_op", invert=True) for r in rounds]
        by_cpu = [v for v in by_cpu if v is not None]
        if not by_ops:
            print("%s: %s / %s: n/a" % (cell, a, b))
            continue
        median = statistics.median(by_ops)
        verdict = ("no target" if target is None else
                   "%s (target >= %.2f)" % ("PASS" if median >= target else "FAIL", target))
        print("%-16s %s / %s = %.2fx by ops/s (rounds: %s); %s by CPU per op  %s" % (
            cell, a, b, median, " ".join("%.2f" % v for v in by_ops),
            "%.2fx" % statistics.median(by_cpu) if by_cpu else "n/a", verdict))


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--seconds", type=int, default=3, help="per load run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="our server's loops")
    parser.add_argument("--cells", default=",".join(CELLS), help="comma-separated subset")
    parser.add_argument("--json", help="write every raw result here")
    parser.add_argument("--pin", action="store_true",
                        help="every server on core %s (ours with one loop), the load generator "
                             "on core %s" % (SERVER_CORE, LOAD_CORE))
    args = parser.parse_args()
    if args.pin:
        args.workers = 1
    cells = args.cells.split(",")
    keys = tempfile.mkdtemp(prefix="corothrift-tls-bench-")
    failed = False
    try:
        make_keys(keys)
        print("start: %s" % uptime(), flush=True)
        if args.pin:
            print("pinned: servers on core %s (ours: 1 loop), load generator on core %s"
                  % (SERVER_CORE, LOAD_CORE), flush=True)
        load = (["taskset", "-c", LOAD_CORE] if args.pin else []) + [
            os.path.join(args.bin_dir, "bench_tls_load")]
        table = servers(args.bin_dir, keys, args.workers, args.pin)
        rounds = []
        for number in range(args.rounds):
            order = ORDER[number % len(ORDER):] + ORDER[:number % len(ORDER)]
            results = {cell: {} for cell in CELLS}
            for cell in cells:
                for name in order:
                    if name == "ours-plain" and cell not in PLAINTEXT_CELLS:
                        continue
                    command, tls = table[name]
                    r = run_cell(load, command, tls, CELLS[cell], keys, args.seconds)
                    # A run that measured something stays in the table with
                    # its error count (libthrift 0.17's TThreadedServer drops
                    # connections in the echo cell); one that measured nothing
                    # fails the harness.
                    failed = failed or not r.get("ops")
                    results[cell][name] = r
                    print("round %d  %-16s %-12s %s" % (number + 1, cell, name, json.dumps(r)),
                          flush=True)
            rounds.append(results)
        print("end:   %s" % uptime())
        print()
        print_table(rounds, cells)
        print_ratios(rounds, cells)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(rounds, f, indent=1)
    finally:
        shutil.rmtree(keys, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

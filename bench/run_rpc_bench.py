#!/usr/bin/env python3
"""Runs the RPC benchmark cells against every server in turn and prints a table.

Each server (ours, Apache Thrift's TNonblockingServer and TThreadedServer, and
the zero-work ceiling with one and with two threads) runs on its own free
127.0.0.1 port for the whole run; for each cell the load generator drives them
one after another, so they share the same machine state, and results are
reported as ratios within this run.

    bench/run_rpc_bench.py --bin-dir build/bench            # < 3 minutes
    bench/run_rpc_bench.py --bin-dir build/bench --quick    # about 30 s

Exit status 1 when the harness itself failed (a server did not start, a reply
failed its check, no call completed); missed targets are reported, not fatal.
"""

import argparse
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclasses.dataclass
class Server:
    name: str
    binary: str
    args: list  # "{port}" and "{workers}" are filled in
    role: str  # "ours", "apache" or "ceiling"


# Adding a server is one entry. Ours is used only when its binary was built.
SERVERS = [
    # Ours at one loop (the load generator needs a core too) and at --workers
    # (default: every core, the Server's own default); like Apache's and the
    # ceiling's variants, each target reads the better of the two.
    Server("corothrift-1w", "bench_corothrift_server",
           ["--port", "{port}", "--workers", "1"], "ours"),
    Server("corothrift", "bench_corothrift_server",
           ["--port", "{port}", "--workers", "{workers}"], "ours"),
    Server("apache-nonblocking-1io", "bench_apache_server",
           ["--kind", "nonblocking", "--io-threads", "1", "--port", "{port}"], "apache"),
    Server("apache-nonblocking", "bench_apache_server",
           ["--kind", "nonblocking", "--io-threads", "2", "--port", "{port}"], "apache"),
    Server("apache-threaded", "bench_apache_server",
           ["--kind", "threaded", "--port", "{port}"], "apache"),
    # Which ceiling is faster depends on what else runs (with outside load the
    # kernel shares CPU per thread), so both run and each cell uses the faster.
    Server("ceiling-1t", "bench_ceiling_server", ["--port", "{port}", "--threads", "1"], "ceiling"),
    Server("ceiling-2t", "bench_ceiling_server", ["--port", "{port}", "--threads", "2"], "ceiling"),
]


@dataclasses.dataclass
class Cell:
    name: str
    connections: int
    inflight: int
    call: str = "add"
    payload: int = 0
    wire: str = "framed"  # or "header" (THeader around the same binary message)


CELLS = [
    Cell("add 1x1", 1, 1),
    Cell("add 16x1", 16, 1),
    Cell("add 64x1", 64, 1),
    Cell("add 4x32", 4, 32),
    Cell("echo 64KiB 4x1", 4, 1, "echo", 65536),
]

SMOKE_CELLS = [Cell("add 16x1", 16, 1), Cell("echo 1KiB 4x2", 4, 2, "echo", 1024)]


@dataclasses.dataclass
class Target:
    text: str
    cell: str
    measure: str  # "vs_ceiling_rps", "vs_apache_rps" or "vs_apache_p99"
    goal: float
    at_least: bool


TARGETS = [
    Target("64x1 throughput / ceiling's", "add 64x1", "vs_ceiling_rps", 0.85, True),
    Target("64x1 p99 / Apache's best p99", "add 64x1", "vs_apache_p99", 0.6, False),
    Target("4x32 throughput / Apache's best", "add 4x32", "vs_apache_rps", 3.0, True),
    Target("64 KiB echo throughput / Apache's best", "echo 64KiB 4x1", "vs_apache_rps", 1.5, True),
]
SERIALIZE_GOAL = 1.0 / 3.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", default=os.path.join(HERE, "..", "build", "bench"),
                        help="folder holding bench_load and the servers (the build's bench/)")
    parser.add_argument("--quick", action="store_true", help="short cells, about 30 s in all")
    parser.add_argument("--smoke", action="store_true",
                        help="a few seconds: checks that the harness works, measures nothing")
    parser.add_argument("--duration-ms", type=int, help="measured time per server and cell")
    parser.add_argument("--warmup-ms", type=int, help="unmeasured time before it")
    parser.add_argument("--rounds", type=int,
                        help="repeat every cell; the median of the rounds is reported "
                             "(default 3, or 1 with --quick or --smoke)")
    parser.add_argument("--servers", help="comma-separated server names to run (default all)")
    parser.add_argument("--cells", help="comma-separated cell names to run (default all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="worker threads of the 'corothrift' server (default: every core; "
                             "'corothrift-1w' always runs one)")
    parser.add_argument("--load-threads", type=int, default=1,
                        help="bench_load's threads (1 unless measured better)")
    parser.add_argument("--serialize-iterations", type=int, default=200000)
    parser.add_argument("--json", help="also write every raw result to this file")
    args = parser.parse_args()
    # Several short interleaved rounds resist load that comes and goes better
    # than one long run of each server.
    warmup, duration = (50, 300) if args.smoke else (200, 1000) if args.quick else (300, 1200)
    args.rounds = args.rounds or (1 if args.smoke or args.quick else 3)
    args.warmup_ms = args.warmup_ms if args.warmup_ms is not None else warmup
    args.duration_ms = args.duration_ms if args.duration_ms is not None else duration
    if args.smoke:
        args.serialize_iterations = min(args.serialize_iterations, 1000)
    elif args.quick:
        args.serialize_iterations = min(args.serialize_iterations, 50000)
    return args


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, process, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.02)
    return False


class Running:
    """A started server process; stopped by pid in stop(). Its stderr is kept
    in a temporary file so that a failure can say why."""

    def __init__(self, server, path, args, max_seconds, attempts=3):
        self.server = server
        self.log = tempfile.TemporaryFile(mode="w+")
        for _ in range(attempts):  # a port picked free may be taken before the bind
            self.port = free_port()
            self.log.seek(0)
            self.log.truncate()
            fill = {"port": self.port, "workers": args.workers}
            argv = [path] + [a.format(**fill) for a in server.args]
            argv += ["--max-seconds", str(max_seconds)]
            self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=self.log)
            self.ready = wait_listening(self.port, self.process)
            if self.ready:
                break
            self.stop()

    def alive(self):
        return self.process.poll() is None

    def cpu_seconds(self):
        """User + system CPU time of the server, all its threads, so far."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def why_down(self):
        self.log.seek(0)
        tail = self.log.read()[-300:].strip().replace("\n", " | ")
        return f"server not running (exit {self.process.poll()}): {tail}"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_load(args, port, cell):
    argv = [os.path.join(args.bin_dir, "bench_load"), "--port", str(port),
            "--connections", str(cell.connections), "--inflight", str(cell.inflight),
            "--duration-ms", str(args.duration_ms), "--warmup-ms", str(args.warmup_ms),
            "--call", cell.call, "--payload", str(cell.payload),
            "--threads", str(args.load_threads), "--wire", cell.wire]
    limit = (args.duration_ms + args.warmup_ms) / 1000.0 + 30
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"failure": "bench_load timed out"}
    lines = done.stdout.strip().splitlines()
    if not lines:
        return {"failure": f"bench_load exited {done.returncode}: {done.stderr.strip()[-200:]}"}
    result = json.loads(lines[-1])
    if result["errors"] or not result["calls"]:
        result["failure"] = result["first_error"] or "no call completed"
    return result


def run_load_measuring_cpu(args, running, cell):
    """run_load plus the server's CPU time per call: unlike req/s, it hardly
    changes when other work shares the machine."""
    before = running.cpu_seconds()
    result = run_load(args, running.port, cell)
    if running.alive() and result.get("calls_total"):
        spent = running.cpu_seconds() - before
        result["cpu_us_per_call"] = spent * 1e6 / result["calls_total"]
    return result


def median_result(rounds):
    """The median of each number over the rounds that worked; a failure in any
    round stays visible."""
    good = [r for r in rounds if "failure" not in r]
    failed = [r for r in rounds if "failure" in r]
    if not good:
        return failed[-1]
    merged = dict(good[len(good) // 2])
    for key in ("rps", "p50_us", "p99_us", "cpu_us_per_call"):
        values = [r[key] for r in good if key in r]
        if values:
            merged[key] = statistics.median(values)
    for key in ("errors", "reconnects", "lost_calls"):
        merged[key] = sum(r.get(key, 0) for r in rounds)
    if failed:
        merged["failure"] = f"{len(failed)} of {len(rounds)} rounds: {failed[0]['failure']}"
    return merged


def start_servers(args, max_seconds):
    wanted = set(args.servers.split(",")) if args.servers else None
    started, missing = [], []
    for server in SERVERS:
        if wanted is not None and server.name not in wanted:
            continue
        path = os.path.join(args.bin_dir, server.binary)
        if not os.access(path, os.X_OK):
            missing.append(server)
            continue
        started.append(Running(server, path, args, max_seconds))
    return started, missing


def run_cells(args, cells, servers):
    """results[cell name][server name] = bench_load's JSON (median of rounds)."""
    raw = {c.name: {s.server.name: [] for s in servers} for c in cells}
    for _ in range(args.rounds):
        for cell in cells:
            for running in servers:
                if not running.ready or not running.alive():
                    result = {"failure": running.why_down()}
                else:
                    result = run_load_measuring_cpu(args, running, cell)
                raw[cell.name][running.server.name].append(result)
                show_progress(cell, running.server, result)
    return {c: {s: median_result(r) for s, r in per.items()} for c, per in raw.items()}


def show_progress(cell, server, result):
    text = result.get("failure") or f"{result['rps']:.0f} req/s"
    print(f"  {cell.name:<16} {server.name:<20} {text}", file=sys.stderr, flush=True)


def add_ratios(results, roles):
    for per_server in results.values():
        good = {n: r for n, r in per_server.items() if "failure" not in r}
        apache = [r for n, r in good.items() if roles[n] == "apache"]
        best_ceiling = max((r["rps"] for n, r in good.items() if roles[n] == "ceiling"),
                           default=None)
        best_rps = max((r["rps"] for r in apache), default=None)
        best_p99 = min((r["p99_us"] for r in apache), default=None)
        for r in good.values():
            r["vs_apache_rps"] = r["rps"] / best_rps if best_rps else None
            r["vs_apache_p99"] = r["p99_us"] / best_p99 if best_p99 else None
            r["vs_ceiling_rps"] = r["rps"] / best_ceiling if best_ceiling else None


def ratio(value):
    return "-" if value is None else f"{value:.2f}x"


def cpu_text(result):
    value = result.get("cpu_us_per_call")
    return "-" if value is None else f"{value:.2f}"


def print_table(cells, results, servers, missing):
    print(f"{'cell':<16} {'server':<20} {'req/s':>10} {'p50 us':>8} {'p99 us':>8} "
          f"{'/ceiling':>9} {'/apache':>8} {'p99/apache':>10} {'cpu us/call':>11} {'reconn':>6}")
    for cell in cells:
        for running in servers:
            r = results[cell.name][running.server.name]
            head = f"{cell.name:<16} {running.server.name:<20}"
            if "failure" in r and "rps" not in r:
                print(f"{head} FAILED: {r['failure']}")
                continue
            note = f"  FAILED: {r['failure']}" if "failure" in r else ""
            print(f"{head} {r['rps']:>10.0f} {r['p50_us']:>8.1f} {r['p99_us']:>8.1f} "
                  f"{ratio(r.get('vs_ceiling_rps')):>9} {ratio(r.get('vs_apache_rps')):>8} "
                  f"{ratio(r.get('vs_apache_p99')):>10} {cpu_text(r):>11} {r['reconnects']:>6}{note}")
        for server in missing:
            print(f"{cell.name:<16} {server.name:<20} FAILED: not built")


def run_serialize(args):
    path = os.path.join(args.bin_dir, "bench_serialize")
    if not os.access(path, os.X_OK):
        return None
    done = subprocess.run([path, "--iterations", str(args.serialize_iterations)],
                          capture_output=True, text=True, timeout=120)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"failure": f"bench_serialize exited {done.returncode}"}
    return json.loads(lines[-1])


def verdict(value, goal, at_least):
    if value is None:
        return "n/a"
    return "PASS" if (value >= goal if at_least else value <= goal) else "FAIL"


def best_of_ours(per_server, ours, target):
    """(server name, result) of our variant that does best on the target."""
    good = [(name, per_server[name]) for name in ours
            if name in per_server and "failure" not in per_server[name]
            and per_server[name].get(target.measure) is not None]
    if not good:
        return None, None
    pick = max if target.at_least else min
    return pick(good, key=lambda item: item[1][target.measure])


def print_targets(results, ours, serialize):
    """`ours`: the names of our server variants that ran."""
    print(f"\n{'target (ours: the better variant)':<40} {'measured':>9} {'goal':>9}  result")
    for t in TARGETS:
        op = ">=" if t.at_least else "<="
        per_server = results.get(t.cell, {})
        name, r = best_of_ours(per_server, ours, t)
        if r is None:
            failures = [per_server[n].get("failure") for n in ours if n in per_server]
            why = "not built yet" if not ours else next((f for f in failures if f), "not run")
            print(f"{t.text:<40} {'-':>9} {op} {t.goal:<5.2f}  n/a ({why})")
            continue
        value = r[t.measure]
        print(f"{t.text:<40} {ratio(value):>9} {op} {t.goal:<5.2f}  "
              f"{verdict(value, t.goal, t.at_least)} ({name})")
    s = serialize or {}
    value = s.get("ratio")
    why = "not built yet" if value is None else verdict(value, SERIALIZE_GOAL, False)
    print(f"{'serialize time / Apache':<40} {ratio(value):>9} <= {SERIALIZE_GOAL:<5.2f}  {why}")
    if serialize and "apache_ns" in serialize:
        ours_ns = serialize.get("corothrift_ns")
        ours_text = "not built yet" if ours_ns is None else f"{ours_ns:.0f} ns"
        print(f"  encode+decode of MidSize: Apache {serialize['apache_ns']:.0f} ns, "
              f"corothrift {ours_text}")


def build_note(args):
    """The build type recorded by bench/CMakeLists.txt, with a warning if unoptimised."""
    try:
        with open(os.path.join(args.bin_dir, "bench_build.json")) as f:
            info = json.load(f)
    except (OSError, ValueError):
        return "build type unknown"
    flags = info.get("cxx_flags", "").strip()
    note = f"{info['build_type'] or 'no build type'} build"
    note += f" ({flags}), {info['compiler']}" if flags else f", {info['compiler']}"
    if not info.get("optimised", info["build_type"] in ("Release", "RelWithDebInfo", "MinSizeRel")):
        note += " -- WARNING: the runtime is unoptimised; use -DCMAKE_BUILD_TYPE=Release"
    return note


def main():
    args = parse_args()
    cells = SMOKE_CELLS if args.smoke else CELLS
    if args.cells:
        wanted = set(args.cells.split(","))
        cells = [c for c in cells if c.name in wanted]
    if not os.access(os.path.join(args.bin_dir, "bench_load"), os.X_OK):
        sys.exit(f"no bench_load in {args.bin_dir}: build the bench targets or pass --bin-dir")
    per_run = (args.warmup_ms + args.duration_ms) / 1000.0 + 1
    max_seconds = int(per_run * len(cells) * len(SERVERS) * args.rounds + 120)
    load_before = os.getloadavg()[0]
    servers, missing = start_servers(args, max_seconds)
    try:
        results = run_cells(args, cells, servers)
    finally:
        for running in servers:
            running.stop()
    add_ratios(results, {s.server.name: s.server.role for s in servers})
    serialize = run_serialize(args)
    ours = [s.server.name for s in servers if s.server.role == "ours"]
    print(f"\n{args.rounds} round(s), {args.warmup_ms} ms warm-up + {args.duration_ms} ms "
          f"measured per server and cell, on {os.cpu_count()} cores shared with the load")
    print(f"{build_note(args)}")
    load_after = os.getloadavg()[0]
    busy = " -- other work was running: numbers are noisy" if load_before > 0.5 else ""
    print(f"load average (1 min) before {load_before:.2f}, after {load_after:.2f}{busy}\n")
    print_table(cells, results, servers, missing)
    print_targets(results, ours, serialize)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"cells": results, "serialize": serialize}, out, indent=1)
    failed = [r for per in results.values() for r in per.values() if "failure" in r]
    failed += [serialize] if serialize and "failure" in serialize else []
    absent = not_built(missing, serialize)
    if absent:
        print(f"\nFAILED: not built: {', '.join(absent)} (a program that failed to build "
              "is a failure, not a gap: build the bench targets first)")
    return 1 if failed or not servers or absent else 0


def not_built(missing, serialize):
    """The programs this run wanted but found no binary of."""
    absent = [server.binary for server in missing]
    if serialize is None:
        absent.append("bench_serialize")
    elif "failure" not in serialize and serialize.get("corothrift_ns") is None:
        absent.append("bench_serialize's corothrift side")
    return absent


if __name__ == "__main__":
    sys.exit(main())

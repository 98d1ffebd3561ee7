#!/usr/bin/env python3
"""Connections at scale: ours against Apache Thrift's TNonblockingServer, in one run.

For each server (started with the same worker/IO thread count):
- idle memory: RSS before and after N connections (10,000 by default) that
  each made one add() call and then sent nothing, per connection;
- give-back: rounds of N connections opened, used and closed, RSS after each
  (a server that keeps what it took for them stays high);
- active: bench_load (one epoll loop per thread, several threads) driving
  add() on 1,000 and on 10,000 connections: calls/s, p99, server CPU per call.

    bench/run_scale_bench.py --bin-dir build/bench            # about 2 minutes
    bench/run_scale_bench.py --bin-dir build/bench --quick    # about 40 s

Numbers are ratios within the run (ours / Apache's); on a shared machine the
absolute ones move with outside load, printed at the top. Bounded: every
server ends itself after --max-seconds, every wait has a deadline.
"""

import argparse
import dataclasses
import os
import resource
import socket
import struct
import sys
import time

import run_rpc_bench as rpc


@dataclasses.dataclass
class ScaleServer:
    name: str
    binary: str
    args: list  # "{port}" and "{workers}" are filled in
    role: str


SERVERS = [
    ScaleServer("corothrift", "bench_corothrift_server",
                ["--port", "{port}", "--workers", "{workers}"], "ours"),
    ScaleServer("apache-nonblocking", "bench_apache_server",
                ["--kind", "nonblocking", "--io-threads", "{workers}", "--port", "{port}"],
                "apache"),
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin-dir", default="build/bench")
    p.add_argument("--idle", type=int, default=10000, help="idle connections (RSS per one)")
    p.add_argument("--rounds", type=int, default=5, help="open/use/close rounds")
    p.add_argument("--round-connections", type=int, default=5000)
    p.add_argument("--stalled", type=int, default=10000,
                   help="connections that announce a 16 MiB frame and stall after a few bytes")
    p.add_argument("--active", default="1000,10000", help="connection counts of the load cells")
    p.add_argument("--inflight", type=int, default=1, help="calls in flight per connection")
    p.add_argument("--workers", type=int, default=2,
                   help="ours' loops and Apache's IO threads (the same for both)")
    p.add_argument("--load-threads", type=int, default=2)
    p.add_argument("--duration-ms", type=int, default=4000)
    p.add_argument("--warmup-ms", type=int, default=3000)
    p.add_argument("--quick", action="store_true",
                   help="5,000 idle, 2 rounds of 2,000, shorter cells")
    args = p.parse_args()
    if args.quick:
        args.idle, args.rounds, args.round_connections, args.stalled = 5000, 2, 2000, 5000
        args.duration_ms, args.warmup_ms = 2000, 2000
    return args


def raise_fd_limit(connections):
    """Soft limit up to the hard one, for this script's clients and (inherited)
    the servers and bench_load: each process holds one end of each connection."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < connections + 200:
        sys.exit(f"the hard limit on open files ({hard}) is too low for {connections} connections")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def add_call(seqid, a, b):
    """add(a, b) as a framed strict binary call (bench.thrift's field ids)."""
    name = b"add"
    body = struct.pack(">Ii", 0x80010001, len(name)) + name + struct.pack(">i", seqid)
    body += struct.pack(">bhi", 8, 1, a) + struct.pack(">bhi", 8, 2, b) + b"\x00"
    return struct.pack(">I", len(body)) + body


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed by the server")
        data += chunk
    return data


def call_add(sock, seqid):
    """One add() and its reply, whose value must be right."""
    sock.sendall(add_call(seqid, seqid, 1))
    (size,) = struct.unpack(">I", read_exactly(sock, 4))
    reply = read_exactly(sock, size)
    # The reply's last bytes: field 0 (i32) = seqid + 1, then stop.
    if struct.unpack(">i", reply[-5:-1])[0] != seqid + 1:
        raise RuntimeError("wrong reply")


def open_used(port, n):
    """n connections that each made one call; the server has answered all."""
    socks = []
    try:
        for i in range(n):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            socks.append(s)
            call_add(s, i)
    except BaseException:
        close_all(socks)
        raise
    return socks


def close_all(socks):
    for s in socks:
        s.close()


def wait_fds(pid, at_most, seconds=30.0):
    """Until the server has closed its side of the connections (bounded)."""
    deadline = time.monotonic() + seconds
    while fd_count(pid) > at_most:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def settle_rss(pid, seconds=1.0):
    """RSS once it stops changing (a server frees on its loop, a little later)."""
    last = rss_kib(pid)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = rss_kib(pid)
        if now == last:
            break
        last = now
    return last


def measure_memory(args, running):
    pid, port = running.process.pid, running.port
    close_all(open_used(port, 8))  # the first connections' one-off costs
    base_fds = fd_count(pid) + 8  # slack for the server's own descriptors
    wait_fds(pid, base_fds)
    base = settle_rss(pid)
    socks = open_used(port, args.idle)
    idle = settle_rss(pid)
    close_all(socks)
    wait_fds(pid, base_fds)
    result = {"rss_base_kib": base, "rss_idle_kib": idle,
              "idle_bytes_per_conn": (idle - base) * 1024 / args.idle, "rounds_kib": []}
    for _ in range(args.rounds):
        close_all(open_used(port, args.round_connections))
        if not wait_fds(pid, base_fds):
            result["failure"] = "connections not closed by the server"
            break
        result["rounds_kib"].append(settle_rss(pid))
    if args.stalled:
        result.update(measure_stalled(args, running, base_fds))
    return result


def measure_stalled(args, running, base_fds):
    """RSS per connection that announced a 16 MiB frame and sent 30 bytes of it."""
    pid, port = running.process.pid, running.port
    call = add_call(1, 1, 2)
    start = struct.pack(">I", 16 * 1024 * 1024 - 16) + call[4:34]
    before = settle_rss(pid)
    socks = []
    try:
        for _ in range(args.stalled):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            socks.append(s)
            s.sendall(start)
        # No reply to wait for: RSS once it stops changing (bounded).
        stalled = settle_rss(pid, seconds=5.0)
        alive = running.alive()
    finally:
        close_all(socks)
    wait_fds(pid, base_fds)
    return {"stalled_bytes_per_conn": (stalled - before) * 1024 / args.stalled,
            "stalled_rss_kib": stalled, "stalled_alive": alive}


def run_active(args, running, connections):
    """bench_load opens its connections one by one before serving them: the
    warm-up grows with their count, so that no call queued while it was still
    connecting lands in the measured window."""
    cell = rpc.Cell(f"add {connections}x{args.inflight}", connections, args.inflight)
    cell_args = argparse.Namespace(**vars(args))
    cell_args.warmup_ms = args.warmup_ms + connections // 2
    return rpc.run_load_measuring_cpu(cell_args, running, cell)


def ratio(ours, apache):
    return f"{ours / apache:.2f}" if ours and apache else "-"


def print_report(args, results, load):
    print(f"\nload average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f} "
          f"({os.cpu_count()} cores shared by servers, load generator and other work); "
          f"{args.workers} loops / IO threads each, bench_load with {args.load_threads} threads")
    names = [s.name for s in SERVERS]
    ours, apache = names
    print(f"\n{'':34}" + "".join(f"{n:>20}" for n in names) + f"{'ours/apache':>14}")
    mem = {n: results[n]["memory"] for n in names}
    rows = [("RSS at start (KiB)", lambda m: m["rss_base_kib"], "{:.0f}"),
            (f"RSS with {args.idle} idle (KiB)", lambda m: m["rss_idle_kib"], "{:.0f}"),
            ("bytes per idle connection", lambda m: m["idle_bytes_per_conn"], "{:.0f}")]
    for i in range(args.rounds):
        rows.append((f"RSS after round {i + 1} of {args.round_connections} (KiB)",
                     lambda m, i=i: m["rounds_kib"][i] if i < len(m["rounds_kib"]) else 0,
                     "{:.0f}"))
    if args.stalled:
        rows.append((f"RSS, {args.stalled} stalled 16 MiB (KiB)",
                     lambda m: m.get("stalled_rss_kib", 0), "{:.0f}"))
        rows.append(("bytes per stalled connection",
                     lambda m: m.get("stalled_bytes_per_conn", 0), "{:.0f}"))
    for label, get, fmt in rows:
        values = [get(mem[n]) for n in names]
        print(f"{label:34}" + "".join(f"{fmt.format(v):>20}" for v in values)
              + f"{ratio(values[0], values[1]):>14}")
    for connections in args.active:
        for measure, fmt in (("rps", "{:.0f}"), ("p99_us", "{:.0f}"),
                             ("cpu_us_per_call", "{:.1f}")):
            values = [results[n]["active"][connections].get(measure, 0) for n in names]
            label = f"add {connections}x{args.inflight} {measure}"
            print(f"{label:34}" + "".join(f"{fmt.format(v):>20}" for v in values)
                  + f"{ratio(values[0], values[1]):>14}")
    for n in names:
        for connections, r in results[n]["active"].items():
            if "failure" in r or r.get("connect_failures") or r.get("reconnects"):
                print(f"{n} at {connections}: failure={r.get('failure')} "
                      f"connect_failures={r.get('connect_failures')} "
                      f"reconnects={r.get('reconnects')}")


def main():
    args = parse_args()
    args.active = [int(c) for c in args.active.split(",")]
    raise_fd_limit(max(args.active + [args.idle, args.round_connections]))
    per_cell = (args.warmup_ms + max(args.active) // 2 + args.duration_ms) / 1000.0 + 30
    max_seconds = int(per_cell * len(args.active) + 300)
    load = os.getloadavg()
    results = {}
    failed = False
    for server in SERVERS:
        path = os.path.join(args.bin_dir, server.binary)
        if not os.access(path, os.X_OK):
            sys.exit(f"no {server.binary} in {args.bin_dir}: build the bench targets")
        running = rpc.Running(server, path, args, max_seconds)
        if not running.ready:
            sys.exit(f"{server.name}: {running.why_down()}")
        try:
            memory = measure_memory(args, running)
            active = {c: run_active(args, running, c) for c in args.active}
        except (OSError, RuntimeError) as e:
            why = running.why_down() if not running.alive() else "server still running"
            sys.exit(f"{server.name}: {e} ({why})")
        finally:
            running.stop()
        results[server.name] = {"memory": memory, "active": active}
        failed |= "failure" in memory or any("failure" in r for r in active.values())
    print_report(args, results, load)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

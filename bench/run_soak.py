#!/usr/bin/env python3
"""The soak: a million calls over 64 connections, dropped at random from both sides.

Starts bench_soak_server (2 loops; every accepted connection dropped after a random
number of bytes, and on calls that ask for it) and runs bench_soak_client against it
(64 ClientChannels x 4 callers; each connection dropped after a random number of bytes,
closed before some calls, random per-call timeouts, calls cancelled by with_timeout,
oneway notes and server-side delays; every call carries a unique token that its reply
must echo; 8 connections go to the server's clean port, where nothing is dropped).
Samples both processes' RSS and fd count at each of the client's progress lines, then
checks:

  - every call is accounted for: sent = ok + timeouts + conn-failed + other + lost,
    with other = 0, lost = 0 (no call in flight longer than 10 s), none failed with its
    connection on a clean one, every note written or failed with its connection,
    mismatched replies = 0, no reply to a call the server dropped, no timeout
    on a call without one, no bad request seen by the server, no runtime error logged;
  - the faults really happened (timeouts, failed calls, drops on both sides);
  - RSS flat after warm-up, for each process: of the samples after the first quarter of
    the calls (the warm-up), the last quarter's max <= the max of those before it + slack
    (a leak keeps growing to the end; a peak of connections in the middle of the run
    leaves a high-water mark that malloc keeps, which is not a leak);
  - fd counts back to baseline at the end (the client's before its first connection,
    the server's once listening).

    bench/run_soak.py --bin-dir build/bench/soak            # 1,000,000 calls, under a minute
    bench/run_soak.py --bin-dir build/bench/soak --smoke    # 20,000 calls, a few seconds

Prints a table; exit status 1 when an invariant fails, 2 when the harness cannot run.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

WARMUP_FRACTION = 0.25


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin-dir", required=True, help="where bench_soak_server/_client are")
    p.add_argument("--smoke", action="store_true",
                   help="20,000 calls with denser faults (the ctest bench_soak_smoke)")
    p.add_argument("--calls", type=int, default=1_000_000)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--inflight", type=int, default=4, help="callers per connection")
    p.add_argument("--clean-connections", type=int, default=8,
                   help="of the connections, those to the server's clean port, without faults")
    p.add_argument("--workers", type=int, default=2, help="server loops")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--transport", default="framed", help="framed, unframed, header or http")
    p.add_argument("--protocol", default="binary", help="binary, compact or json")
    p.add_argument("--chaos-bytes", type=int, default=1 << 20,
                   help="mean bytes a connection moves before it is dropped (each side)")
    p.add_argument("--close-every", type=int, default=5000,
                   help="the client closes its channel before 1 call in N")
    p.add_argument("--drop-every", type=int, default=2000,
                   help="1 call in N asks the server to drop its connection")
    p.add_argument("--delay-every", type=int, default=20,
                   help="1 call in N asks the server to wait 1..40 ms")
    p.add_argument("--samples", type=int, default=100)
    p.add_argument("--rss-slack-kib", type=int, default=2048,
                   help="allowed RSS growth from the first to the last quarter after warm-up")
    p.add_argument("--max-seconds", type=int, default=900)
    p.add_argument("--json", help="write every sample and count to this file")
    args = p.parse_args()
    if args.smoke:
        args.calls = 20_000
        args.chaos_bytes = 64 * 1024
        args.close_every = 500
        args.drop_every = 200
        args.samples = 40
        args.rss_slack_kib = max(args.rss_slack_kib, 8192)
        args.max_seconds = min(args.max_seconds, 150)
    return args


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def start_server(args):
    binary = os.path.join(args.bin_dir, "bench_soak_server")
    server = subprocess.Popen(
        [binary, "--workers", str(args.workers), "--chaos-bytes", str(args.chaos_bytes),
         "--seed", str(args.seed), "--max-seconds", str(args.max_seconds + 30)],
        stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if not line:
        print("bench_soak_server did not start", file=sys.stderr)
        sys.exit(2)
    ports = json.loads(line)
    return server, ports["port"], ports["clean_port"]


def client_command(args, port, clean_port):
    binary = os.path.join(args.bin_dir, "bench_soak_client")
    flags = {"port": port, "clean-port": clean_port,
             "clean-connections": args.clean_connections, "calls": args.calls, "connections": args.connections,
             "inflight": args.inflight, "seed": args.seed, "transport": args.transport,
             "protocol": args.protocol, "chaos-bytes": args.chaos_bytes,
             "close-every": args.close_every, "drop-every": args.drop_every,
             "delay-every": args.delay_every, "samples": args.samples,
             "max-seconds": args.max_seconds}
    return [binary] + [str(x) for k, v in flags.items() for x in (f"--{k}", v)]


def run_client(args, ports, server_pid):
    """Runs the client to its end; samples the server at each client line."""
    client = subprocess.Popen(client_command(args, *ports), stdout=subprocess.PIPE, text=True)
    samples, end = [], None
    for line in client.stdout:
        event = json.loads(line)
        if event["event"] == "end":
            end = event
            continue
        samples.append({"done": event["done"], "client_rss_kib": event["rss_kib"],
                        "client_fds": event["fds"], "server_rss_kib": rss_kib(server_pid),
                        "server_fds": fd_count(server_pid)})
    return client.wait(), samples, end


def wait_for_fds(pid, baseline, seconds=10.0):
    """The server closes a connection once it sees the client's end: poll for it."""
    deadline = time.monotonic() + seconds
    count = fd_count(pid)
    while count > baseline and time.monotonic() < deadline:
        time.sleep(0.05)
        count = fd_count(pid)
    return count


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        out, _ = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()
        return None, None
    lines = [line for line in out.splitlines() if line.strip()]
    return server.returncode, (json.loads(lines[-1]) if lines else None)


def rss_flatness(samples, key, calls):
    """(max before the last quarter, max of the last quarter) of the samples after warm-up."""
    steady = [s[key] for s in samples if s["done"] >= WARMUP_FRACTION * calls]
    if len(steady) < 4:
        return None, None
    quarter = len(steady) // 4
    return max(steady[:-quarter]), max(steady[-quarter:])


def judge(args, run):
    """[(name, value shown, reference, passed)] for the table."""
    c, s = run["client_end"] or {}, run["server_end"] or {}
    rows = []

    def check(name, value, reference, passed):
        rows.append((name, value, reference, bool(passed)))

    check("client exit status", run["client_rc"], 0, run["client_rc"] == 0 and c)
    check("server exit status", run["server_rc"], 0, run["server_rc"] == 0 and s)
    if not c or not s:
        return rows
    accounted = c["ok"] + c["mismatched"] + c["timeouts"] + c["conn_failed"] + c["other"] + c["lost"]
    check("calls sent", c["sent"], args.calls, c["sent"] == args.calls)
    check("  ok", c["ok"], "> 0", c["ok"] > 0)
    check("  timed out", c["timeouts"], "> 0", c["timeouts"] > 0)
    check("  failed with their connection", c["conn_failed"], "> 0", c["conn_failed"] > 0)
    check("    on clean connections (notes too)", c["clean_conn_failed"], 0,
          c["clean_conn_failed"] == 0)
    check("  other failures", c["other"], 0, c["other"] == 0)
    check("  lost (never completed)", c["lost"], 0, c["lost"] == 0)
    check("  accounted (sum of the above)", accounted, c["sent"], accounted == c["sent"])
    notes_ended = c["notes_sent"] + c["notes_conn_failed"] + c["notes_other"]
    check("oneway notes", c["notes"], "> 0", c["notes"] > 0)
    check("  written", c["notes_sent"], "> 0", c["notes_sent"] > 0)
    check("  failed with their connection", c["notes_conn_failed"], "", True)
    check("  other failures", c["notes_other"], 0, c["notes_other"] == 0)
    check("  accounted (sum of the above)", notes_ended, c["notes"], notes_ended == c["notes"])
    check("calls also under with_timeout (cancelled)", c["cancels"], "> 0", c["cancels"] > 0)
    check("mismatched replies", c["mismatched"], 0, c["mismatched"] == 0)
    check("calls in flight > 10 s (stuck)", c["stuck"], 0, c["stuck"] == 0)
    check("replies to dropped calls", c["dropped_but_ok"], 0, c["dropped_but_ok"] == 0)
    check("timeouts of calls without one", c["unasked_timeouts"], 0, c["unasked_timeouts"] == 0)
    check("server: bad request payloads", s["bad_payloads"], 0, s["bad_payloads"] == 0)
    check("drops: client closes", c["closes"], "> 0", c["closes"] > 0)
    check("drops: client streams", c["stream_drops"], "> 0", c["stream_drops"] > 0)
    check("drops: server streams (asked + by bytes)", s["stream_drops"], "> 0",
          s["stream_drops"] > 0)
    check("drops: asked of the server", s["drops_asked"], "> 0", s["drops_asked"] > 0)
    check("runtime errors logged (client, server)", (c["log_errors"], s["log_errors"]), (0, 0),
          c["log_errors"] == 0 and s["log_errors"] == 0)
    for side in ("client", "server"):
        first, last = rss_flatness(run["samples"], f"{side}_rss_kib", args.calls)
        check(f"{side} RSS KiB, last quarter vs before, after warm-up", last,
              f"<= {first} + {args.rss_slack_kib}" if first else "4 samples",
              first is not None and last <= first + args.rss_slack_kib)
    check("client fds at the end", c["final_fds"], c["baseline_fds"],
          c["final_fds"] == c["baseline_fds"])
    check("server fds at the end", run["server_final_fds"], run["server_baseline_fds"],
          run["server_final_fds"] == run["server_baseline_fds"])
    return rows


def print_table(args, run, rows):
    c, s = run["client_end"] or {}, run["server_end"] or {}
    seconds = c.get("seconds", 0) or 1
    print(f"soak: {args.calls:,} calls, {args.connections} connections x {args.inflight} callers, "
          f"{args.transport} {args.protocol}, server {args.workers} loops, seed {args.seed}; load average "
          f"{os.getloadavg()[0]:.2f} at the end")
    print(f"      {seconds:.1f} s, {c.get('sent', 0) / seconds:,.0f} calls/s; "
          f"server handled {s.get('calls', 0):,} calls, {s.get('notes', 0):,} notes; runtime warnings logged: "
          f"client {c.get('log_warnings', 0):,}, server {s.get('log_warnings', 0):,}")
    width = max(len(r[0]) for r in rows)
    for name, value, reference, passed in rows:
        print(f"  {name:<{width}}  {str(value):>14}  {str(reference):<22} "
              f"{'ok' if passed else 'FAIL'}")
    if run["samples"]:
        first, last = run["samples"][0], run["samples"][-1]
        print(f"  RSS KiB client {first['client_rss_kib']} -> {last['client_rss_kib']}, "
              f"server {first['server_rss_kib']} -> {last['server_rss_kib']} "
              f"(first and last samples)")


def main():
    args = parse_args()
    server, port, clean_port = start_server(args)
    run = {"args": vars(args)}
    try:
        run["server_baseline_fds"] = fd_count(server.pid)
        run["client_rc"], run["samples"], run["client_end"] = run_client(args, (port, clean_port), server.pid)
        run["server_final_fds"] = wait_for_fds(server.pid, run["server_baseline_fds"])
        run["server_rc"], run["server_end"] = stop_server(server)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    rows = judge(args, run)
    print_table(args, run, rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(run, f, indent=1)
    failed = [r[0].strip() for r in rows if not r[3]]
    if failed:
        print("soak FAILED: " + ", ".join(failed))
        return 1
    print("soak passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

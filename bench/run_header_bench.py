#!/usr/bin/env python3
"""Small calls over THeader against the same calls framed, on one corothrift
server (one loop), interleaved round by round so both see the same machine.

    bench/run_header_bench.py --bin-dir build/bench [--rounds 5]

Prints, per cell, the median req/s and server CPU per call of each wire and
header's ratio to framed; the target is header at most 10% slower (req/s
ratio >= 0.90, CPU per call ratio <= 1.10). The machine is shared: trust CPU
per call more than req/s, and only ratios from one run.
"""

import argparse
import os
import sys

import run_rpc_bench as rb

CELLS = [("add 16x1", 16, 1), ("add 4x32", 4, 32)]
GOAL = 0.10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration-ms", type=int, default=2000)
    parser.add_argument("--warmup-ms", type=int, default=300)
    parser.add_argument("--load-threads", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    return parser.parse_args()


def main():
    args = parse_args()
    server = rb.Server("corothrift-1w", "bench_corothrift_server",
                       ["--port", "{port}", "--workers", "1"], "ours")
    path = os.path.join(args.bin_dir, server.binary)
    per_run = (args.duration_ms + args.warmup_ms) / 1000.0 + 1
    running = rb.Running(server, path, args, int(per_run * 4 * args.rounds + 60))
    if not running.ready:
        sys.exit(running.why_down())
    failed = False
    try:
        for name, connections, inflight in CELLS:
            rounds = {"framed": [], "header": []}
            for _ in range(args.rounds):
                for wire in ("framed", "header"):
                    cell = rb.Cell(name, connections, inflight, wire=wire)
                    rounds[wire].append(rb.run_load_measuring_cpu(args, running, cell))
            framed, header = (rb.median_result(rounds[w]) for w in ("framed", "header"))
            if "failure" in framed or "failure" in header:
                print(f"{name}: FAILED {framed.get('failure') or header.get('failure')}")
                failed = True
                continue
            rps = header["rps"] / framed["rps"]
            cpu = header["cpu_us_per_call"] / framed["cpu_us_per_call"]
            ok = rps >= 1 - GOAL and cpu <= 1 + GOAL
            print(f"{name}: framed {framed['rps']:.0f} req/s {framed['cpu_us_per_call']:.2f} "
                  f"cpu us/call | header {header['rps']:.0f} req/s "
                  f"{header['cpu_us_per_call']:.2f} cpu us/call | header/framed req/s "
                  f"{rps:.3f}, cpu/call {cpu:.3f} {'ok' if ok else 'MISSED'}")
    finally:
        running.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

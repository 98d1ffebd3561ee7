#!/usr/bin/env python3
"""Times the corothrift front end against Apache Thrift's compiler on one
synthetic IDL (gen_idl.py, 10,000 lines by default).

Each command runs --runs times; the table shows the best wall time, the best
CPU time (user + system, from wait4's rusage: it includes /usr/bin/time's own
~1 ms, which reports the peak RSS) and the peak RSS. The machine is shared, so
CPU time is the steadier number.

  bench/idl/run_idl_bench.py --corothrift build-release/codegen/corothrift
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(command, runs):
    """(best wall s, best cpu s, max rss KiB) over `runs` runs of `command`.
    CPU comes from wait4's rusage, in microseconds (/usr/bin/time prints 10 ms
    steps, too coarse for a 100 ms run); the peak RSS from /usr/bin/time,
    since a child forked from Python reports Python's RSS as its own peak."""
    walls, cpus, rss = [], [], 0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile(mode="w+") as peak, tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name] + command,
                                       stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            walls.append(time.perf_counter() - started)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                text = errors.read().decode(errors="replace")
                sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{text[-2000:]}")
            rss = max(rss, int(peak.read().split()[-1]))
        cpus.append(usage.ru_utime + usage.ru_stime)
    return min(walls), min(cpus), rss


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corothrift", required=True, help="path to the corothrift binary")
    parser.add_argument("--thrift", default="/usr/bin/thrift")
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="idl_bench_") as tmp:
        idl = os.path.join(tmp, "bench.thrift")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_idl.py"), "--lines",
                        str(args.lines), idl], check=True)
        out = os.path.join(tmp, "gen")
        os.mkdir(out)
        cells = [
            ("corothrift (parse + resolve + check)", [args.corothrift, idl]),
            ("corothrift --dump-ast", [args.corothrift, "--dump-ast", idl]),
            ("thrift 0.17 --gen cpp", [args.thrift, "--gen", "cpp", "-out", out, idl]),
        ]
        print(f"{args.lines}-line IDL, best of {args.runs} runs")
        print(f"{'command':40} {'wall ms':>9} {'cpu ms':>9} {'peak RSS MiB':>13}")
        for name, command in cells:
            wall, cpu, rss = measure(command, args.runs)
            print(f"{name:40} {wall * 1000:9.0f} {cpu * 1000:9.0f} {rss / 1024:13.1f}")


if __name__ == "__main__":
    main()

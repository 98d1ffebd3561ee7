#!/usr/bin/env python3
"""Times the corothrift front end against Apache Thrift's compiler on one
synthetic IDL (gen_idl.py, 10,000 lines by default).

Each command runs --runs times under /usr/bin/time -v; the table shows the
best wall time, the best CPU time (user + system) and the peak RSS. The
machine is shared, so CPU time is the steadier number.

  bench/idl/run_idl_bench.py --corothrift build-release/codegen/corothrift
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(command, runs):
    """(best wall s, best cpu s, max rss KiB) over `runs` runs of `command`."""
    walls, cpus, rss = [], [], 0
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        report = result.stderr
        if result.returncode != 0:
            sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{report[-2000:]}")
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", report).group(1))
        system = float(re.search(r"System time \(seconds\): ([\d.]+)", report).group(1))
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", report).group(1)
        seconds = 0.0
        for part in wall.split(":"):
            seconds = seconds * 60 + float(part)
        walls.append(seconds)
        cpus.append(user + system)
        rss = max(rss, int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)))
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

#!/usr/bin/env python3
"""Times code generation and the compile of the generated C++, corothrift beside
Apache Thrift 0.17 (`thrift --gen cpp`), on the same inputs:

  1. generation: the synthetic 10,000-line IDL (gen_idl.py) and ThriftTest;
  2. compiling the generated .cpp files of ThriftTest with g++ -std=c++20 -O2,
     one file at a time (CPU seconds summed), as a build would.

ThriftTest is the v0.17.0 copy for both compilers, since Debian's thrift 0.17
rejects `uuid`. CPU time (user + system) is the number to read on a shared machine.

  bench/idl/run_codegen_bench.py --corothrift build/codegen/corothrift --runtime-include runtime/include
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

from run_idl_bench import measure

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_IDL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "idl"))


def generate(label, command, runs, rows):
    wall, cpu, rss = measure(command, runs)
    rows.append((label, wall, cpu, rss))
    return cpu


def compile_all(sources, include_dirs, runs):
    """Summed best CPU seconds to compile each source to an object file."""
    total = 0.0
    for source in sources:
        command = ["g++", "-std=c++20", "-O2", "-c", source, "-o", os.devnull]
        for directory in include_dirs:
            command += ["-I", directory]
        _, cpu, _ = measure(command, runs)
        total += cpu
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corothrift", required=True, help="path to the corothrift binary")
    parser.add_argument("--runtime-include", required=True, help="corothrift's runtime/include")
    parser.add_argument("--thrift", default="/usr/bin/thrift")
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compile-runs", type=int, default=1,
                        help="compiles of each generated source (the best counts)")
    parser.add_argument("--apache-idl-dir", default=SHARED_IDL,
                        help="folder holding Apache Thrift's ThriftTest.v0.17.0.thrift (the "
                             "build's COROTHRIFT_APACHE_IDL_DIR; default ../shared/idl)")
    args = parser.parse_args()
    thrift_test = os.path.join(args.apache_idl_dir, "ThriftTest.v0.17.0.thrift")
    if not os.path.exists(thrift_test):
        sys.exit(f"run_codegen_bench: {thrift_test} not found: pass --apache-idl-dir "
                 "(Apache Thrift's IDL files are not part of this repository)")

    with tempfile.TemporaryDirectory(prefix="codegen_bench_") as tmp:
        big = os.path.join(tmp, "big.thrift")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_idl.py"), "--lines",
                        str(args.lines), big], check=True)
        dirs = {name: os.path.join(tmp, name) for name in ("ours_big", "apache_big", "ours", "apache")}
        for directory in dirs.values():
            os.mkdir(directory)
        rows = []
        ratios = []
        for label, idl, ours_dir, apache_dir in (
                (f"{args.lines}-line IDL", big, dirs["ours_big"], dirs["apache_big"]),
                ("ThriftTest", thrift_test, dirs["ours"], dirs["apache"])):
            ours = generate(f"corothrift --gen cpp, {label}",
                            [args.corothrift, "--gen", "cpp", "-o", ours_dir, idl], args.runs, rows)
            apache = generate(f"thrift --gen cpp, {label}",
                              [args.thrift, "--gen", "cpp", "-out", apache_dir, idl], args.runs, rows)
            ratios.append((f"generate {label}", ours, apache))

        print(f"{'generation':44} {'wall ms':>9} {'cpu ms':>9} {'peak RSS MiB':>13}")
        for name, wall, cpu, rss in rows:
            print(f"{name:44} {wall * 1000:9.0f} {cpu * 1000:9.0f} {rss / 1024:13.1f}")

        ours_sources = sorted(glob.glob(os.path.join(dirs["ours"], "*.cpp")))
        apache_sources = sorted(s for s in glob.glob(os.path.join(dirs["apache"], "*.cpp"))
                                if not s.endswith("_server.skeleton.cpp"))
        ours_cpu = compile_all(ours_sources, [dirs["ours"], args.runtime_include],
                               args.compile_runs)
        apache_cpu = compile_all(apache_sources, [dirs["apache"]], args.compile_runs)
        ratios.append(("compile ThriftTest's generated C++", ours_cpu, apache_cpu))
        print()
        print(f"compile ThriftTest's generated C++ (g++ -O2, per file, CPU s): corothrift "
              f"{ours_cpu:.1f} s over {len(ours_sources)} files, Apache {apache_cpu:.1f} s over "
              f"{len(apache_sources)} files")
        print()
        print(f"{'ratio (corothrift / Apache, CPU)':44} {'ratio':>9}")
        for name, ours, apache in ratios:
            # A tiny input can finish within the clock tick of the CPU accounting.
            ratio = f"{ours / apache:9.2f}" if apache > 0 else "  < 10 ms"
            print(f"{name:44} {ratio}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Runs the interop matrix: every server against every client, for every
protocol and transport both support, plain and multiplexed.

Paths the implementations need come as --path key=value (see
matrix_peers.py); a run that selects an implementation whose paths are
missing fails at once, naming it. A cell passes when its client exits 0 AND
reports running every case it has (matrix_cell.require_cases). Prints the
matrix as Markdown tables, rewrites the marked section of docs/interop.md
with --write-docs, and exits 1 if any cell failed.
"""
import argparse
import atexit
import concurrent.futures
import os
import shutil
import sys
import tempfile

import matrix_cell
import matrix_peers
import matrix_table
import matrix_tls

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "..", "docs", "interop.md")
BEGIN, END = "<!-- interop-matrix:begin -->", "<!-- interop-matrix:end -->"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--python", default="/usr/bin/python3")
    names = [impl["name"] for impl in matrix_peers.IMPLEMENTATIONS]
    parser.add_argument("--server", action="append", choices=names, help="only these servers")
    parser.add_argument("--client", action="append", choices=names, help="only these clients")
    parser.add_argument("--involving", action="append", choices=names,
                        help="only the cells with one of these as server or client")
    parser.add_argument("--protocol", action="append", choices=matrix_peers.ALL_PROTOCOLS)
    parser.add_argument("--transport", action="append", choices=matrix_peers.ALL_TRANSPORTS)
    parser.add_argument("--mode", choices=["plain", "multiplexed", "both"], default="both")
    parser.add_argument("--zlib", action="store_true",
                        help="header clients compress requests (THeader zlib transform)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write-docs", nargs="?", const=DOCS, metavar="FILE")
    parser.add_argument("--verbose", action="store_true", help="print every client's output")
    parser.add_argument("--tls", choices=["none", "oneway", "mutual"], default="none",
                        help="run every cell over TLS (implementations without it: n/a)")
    return parser.parse_args()


def parse_paths(pairs):
    paths = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if value:
            paths[key] = value
    return paths


def unbuilt_selection(args, disabled):
    """The implementations this run selects (every one unless --server or
    --client narrows it) that cannot run: a run that needs one fails, rather
    than dropping its row and column."""
    names = [impl["name"] for impl in matrix_peers.IMPLEMENTATIONS]
    chosen = set(args.server or names) | set(args.client or names)
    return {name: why for name, why in disabled.items() if name in chosen}


def disabled_reasons(paths):
    """name -> why it cannot run, for implementations missing a path."""
    reasons = {}
    for impl in matrix_peers.IMPLEMENTATIONS:
        absent = [key for key in impl["needs"] if not os.path.exists(paths.get(key, ""))]
        if absent:
            reasons[impl["name"]] = impl["missing"]
    return reasons


def command(template, values):
    args = []
    for part in template:
        text = part.format(**values)
        if text:
            args.append(text)
    return args


def support_gap(server, client, protocol, transport, multiplexed, tls="none"):
    """Why this cell cannot run (a side lacks the feature), or None."""
    if (protocol, transport) in matrix_peers.UNSUPPORTED:
        return matrix_peers.UNSUPPORTED[(protocol, transport)]
    if (server["name"], client["name"], transport) in matrix_peers.PAIR_GAPS:
        return matrix_peers.PAIR_GAPS[(server["name"], client["name"], transport)]
    for impl in (server, client):
        if tls != "none" and impl["name"] not in matrix_peers.TLS_PEERS:
            return "%s lacks TLS" % impl["name"]
        if tls != "none" and transport in matrix_peers.TLS_PEERS.get(impl["name"], ()):
            return "%s lacks %s over TLS" % (impl["name"], transport)
        if protocol not in impl["protocols"]:
            return "%s lacks the %s protocol" % (impl["name"], protocol)
        if transport not in impl["transports"]:
            return "%s lacks the %s transport" % (impl["name"], transport)
        if multiplexed and not impl["multiplexed"]:
            return "%s lacks multiplexing" % impl["name"]
    return matrix_peers.json_gap(server, client, protocol)


def plan(args, disabled):
    """Yields (key, server, client, protocol, transport, multiplexed) to run,
    and collects the cells that cannot run with their reasons."""
    modes = {"plain": [False], "multiplexed": [True], "both": [False, True]}[args.mode]
    chosen = [i for i in matrix_peers.IMPLEMENTATIONS if i["name"] not in disabled]
    cells, gaps = [], {}
    for multiplexed in modes:
        for server in chosen:
            if args.server and server["name"] not in args.server:
                continue
            for client in chosen:
                if args.client and client["name"] not in args.client:
                    continue
                if args.involving and not {server["name"], client["name"]} & set(args.involving):
                    continue
                for protocol in args.protocol or matrix_peers.ALL_PROTOCOLS:
                    for transport in args.transport or matrix_peers.ALL_TRANSPORTS:
                        key = (multiplexed, server["name"], client["name"], protocol, transport)
                        gap = support_gap(server, client, protocol, transport, multiplexed,
                                          args.tls)
                        if gap:
                            gaps[key] = gap
                        else:
                            cells.append((key, server, client, protocol, transport, multiplexed))
    return cells, gaps


def run_one(cell, args, paths):
    key, server, client, protocol, transport, multiplexed = cell
    values = dict(paths, python=args.python, here=HERE, host=matrix_cell.HOST,
                  protocol=protocol, transport=transport,
                  multiplexed="--multiplexed" if multiplexed else "",
                  zlib="--zlib" if args.zlib else "")
    tls = matrix_peers.TLS_FLAGS.get(args.tls, {"server": [], "client": []})
    result = matrix_cell.run_cell(
        lambda port: command(server["server"] + tls["server"], dict(values, port=port)),
        lambda port: command(client["client"] + tls["client"], dict(values, port=port)))
    expected = client["cases"]["multiplexed" if multiplexed else "plain"]
    return key, matrix_cell.require_cases(result, expected, server["lacks"])


def describe(key):
    multiplexed, server, client, protocol, transport = key
    return "%s server <- %s client, %s/%s%s" % (server, client, protocol, transport,
                                              " multiplexed" if multiplexed else "")


def run_all(cells, args, paths):
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for key, result in pool.map(lambda cell: run_one(cell, args, paths), cells):
            results[key] = result
            print("%-4s %s" % ("ok" if result.ok else "FAIL", describe(key)), flush=True)
            if args.verbose or not result.ok:
                print("  " + result.summary + "\n" + indent(result.log), flush=True)
    return results


def indent(text):
    return "\n".join("    " + line for line in text.strip().splitlines()[-60:])


def render(results, gaps, disabled):
    names = [impl["name"] for impl in matrix_peers.IMPLEMENTATIONS]
    combos = [(p, t) for p in matrix_peers.ALL_PROTOCOLS for t in matrix_peers.ALL_TRANSPORTS]
    parts = [matrix_table.legend(), ""]
    for multiplexed, title in ((False, "Plain"), (True, "Multiplexed (TMultiplexedProtocol, "
                                                        "ThriftTest + SecondService)")):
        states = {key[1:]: ("pass" if result.ok else "fail")
                  for key, result in results.items() if key[0] == multiplexed}
        states.update({key[1:]: "n/a" for key in gaps if key[0] == multiplexed})
        parts += [matrix_table.table(title, names, names, states, combos, disabled), ""]
    if gaps:
        parts.append("Cells not run:")
        parts += ["- %s: %s" % (describe(key), reason) for key, reason in sorted(gaps.items())]
    for name, reason in sorted(disabled.items()):
        parts.append("- %s: %s (its row and column are empty)" % (name, reason))
    return "\n".join(parts).rstrip() + "\n"


def write_docs(path, text):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    head, begin, rest = doc.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit("%s lacks the %s / %s markers" % (path, BEGIN, END))
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + text + END + tail)


def main():
    return main_with(parse_args())


def main_with(args):
    paths = parse_paths(args.path)
    disabled = disabled_reasons(paths)
    unbuilt = unbuilt_selection(args, disabled)
    if unbuilt:
        print("FAIL: cannot run " + ", ".join("%s (%s)" % item for item in sorted(unbuilt.items())))
        return 1
    if args.zlib and args.protocol != ["header"]:
        print("FAIL: --zlib needs --protocol=header")
        return 1
    cells, gaps = plan(args, disabled)
    if not cells:
        print("no runnable cell")
        return 1
    if args.tls != "none":
        # Every peer runs in a folder holding keys/, as Apache's do.
        folder = tempfile.mkdtemp(prefix="corothrift-tls-matrix-")
        atexit.register(shutil.rmtree, folder, True)
        matrix_tls.make_keys(folder)
        os.chdir(folder)
    results = run_all(cells, args, paths)
    text = render(results, gaps, disabled)
    print("\n" + text)
    failed = sum(1 for result in results.values() if not result.ok)
    print("%d cells run, %d passed, %d failed, %d not runnable" % (
        len(results), len(results) - failed, failed, len(gaps)))
    if args.write_docs:
        write_docs(args.write_docs, text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reads what one ctest run really did and says whether CI may call it green.

ctest counts a skipped test as passed ("100% tests passed") and its label
summary counts skipped tests too, so this reads ctest's JUnit file (one
status per test) and `ctest --show-only=json-v1` (each test's labels):
  - every test that did not run is listed by name with its reason, and is a
    failure unless --allow-skips is given;
  - each label of --require-labels must have run (passed or failed) at least
    one test, skips allowed or not;
  - prints "ctest counts: passed=P failed=F skipped=S" for .ci/test's totals.
Exit status 0 when green, 1 otherwise.
"""
import argparse
import json
import sys
import xml.etree.ElementTree as ElementTree

# ctest writes a test whose program was never built as "notrun" with this
# message, and counts it as failed, not skipped.
NOT_BUILT = "Unable to find executable"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--junit", required=True, help="ctest --output-junit FILE")
    parser.add_argument("--tests-json", required=True, help="ctest --show-only=json-v1 output")
    parser.add_argument("--require-labels", default="",
                        help="comma- or space-separated labels that must run at least one test")
    parser.add_argument("--allow-skips", action="store_true",
                        help="list skipped tests but do not fail the run for them")
    return parser.parse_args()


def skip_reason(case):
    """The why of a skipped test: gtest's GTEST_SKIP() message, else the last
    lines the test printed, else ctest's own reason."""
    lines = [line.rstrip() for line in (case.findtext("system-out") or "").splitlines()]
    for i, line in enumerate(lines):
        if line.endswith(": Skipped"):
            message = []
            for rest in lines[i + 1:]:
                if rest.startswith("[  SKIPPED ]"):
                    break
                message.append(rest.strip())
            if any(message):
                return " ".join(part for part in message if part)
    printed = [line.strip() for line in lines if line.strip() and not line.startswith("[")]
    skipped = case.find("skipped")
    ctest_says = skipped.get("message", "") if skipped is not None else case.get("status", "")
    if printed:
        return "%s (%s)" % (" / ".join(printed[-2:]), ctest_says)
    return ctest_says or "no reason given"


def outcome(case):
    """'passed', 'failed' or 'skipped' for one JUnit testcase."""
    status = case.get("status")
    if status == "run":
        return "failed" if case.find("failure") is not None else "passed"
    if status == "fail":
        return "failed"
    skipped = case.find("skipped")
    if status == "notrun" and skipped is not None and NOT_BUILT in skipped.get("message", ""):
        return "failed"
    return "skipped"


def labels_by_test(path):
    with open(path, encoding="utf-8") as f:
        tests = json.load(f).get("tests", [])
    labels = {}
    for test in tests:
        found = [p["value"] for p in test.get("properties", []) if p.get("name") == "LABELS"]
        labels[test["name"]] = set(found[0]) if found else set()
    return labels


def main():
    args = parse_args()
    cases = ElementTree.parse(args.junit).getroot().iter("testcase")
    outcomes = {case.get("name"): (outcome(case), case) for case in cases}
    labels = labels_by_test(args.tests_json)
    required = [label for label in args.require_labels.replace(",", " ").split() if label]
    green = True

    skipped = sorted(name for name, (kind, _) in outcomes.items() if kind == "skipped")
    if skipped:
        verdict = "allowed" if args.allow_skips else "a failure: CI runs every test"
        print("ctest: %d test(s) did not run (%s):" % (len(skipped), verdict))
        for name in skipped:
            print("  SKIPPED %s: %s" % (name, skip_reason(outcomes[name][1])))
        green = green and args.allow_skips

    for label in required:
        ran = [n for n, (kind, _) in outcomes.items()
               if kind != "skipped" and label in labels.get(n, ())]
        not_run = [n for n in skipped if label in labels.get(n, ())]
        print("ctest: label %-8s %4d ran, %d skipped" % (label, len(ran), len(not_run)))
        if not ran:
            print("ctest: required label '%s' ran no test" % label)
            green = False

    counts = {kind: sum(1 for k, _ in outcomes.values() if k == kind)
              for kind in ("passed", "failed", "skipped")}
    print("ctest counts: passed=%(passed)d failed=%(failed)d skipped=%(skipped)d" % counts)
    if not outcomes:
        print("ctest: no test ran")
        green = False
    return 0 if green and counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

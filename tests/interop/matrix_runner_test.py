#!/usr/bin/python3
"""Tests of the matrix runner itself: it must report failures, bound every
wait, stop servers it started, and list the cells it cannot run."""
import os
import sys
import tempfile
import time
import unittest

import lying_server
import matrix_cell
import matrix_peers
import run_matrix

PY = sys.executable
# A server that accepts connections and answers nothing, until killed.
SILENT_SERVER = ("import socket,sys,time\n"
                 "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                 "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(8)\n"
                 "while True: s.accept()\n")


def silent_server(port):
    return [PY, "-c", SILENT_SERVER, str(port)]


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class RunCellTest(unittest.TestCase):
    def test_a_client_exiting_zero_passes_the_cell(self):
        result = matrix_cell.run_cell(silent_server, lambda port: [PY, "-c", "pass"])
        self.assertTrue(result.ok, result.log)

    def test_a_client_exiting_nonzero_fails_the_cell_with_its_output(self):
        client = [PY, "-c", "print('FAIL testI32: got 1, want 2'); raise SystemExit(1)"]
        result = matrix_cell.run_cell(silent_server, lambda port: client)
        self.assertFalse(result.ok)
        self.assertIn("FAIL testI32", result.log)

    def test_a_server_that_exits_at_once_fails_the_cell(self):
        result = matrix_cell.run_cell(lambda port: [PY, "-c", "print('boom')"],
                                      lambda port: [PY, "-c", "pass"])
        self.assertFalse(result.ok)
        self.assertEqual(result.summary, "server did not start")
        self.assertIn("boom", result.log)

    def test_a_hanging_client_times_out_and_the_server_is_stopped(self):
        pid_file = os.path.join(tempfile.mkdtemp(), "server.pid")
        script = "import os; open(%r, 'w').write(str(os.getpid()))\n" % pid_file + SILENT_SERVER

        saved = matrix_cell.CLIENT_SECONDS
        matrix_cell.CLIENT_SECONDS = 1
        try:
            begin = time.monotonic()
            result = matrix_cell.run_cell(lambda port: [PY, "-c", script, str(port)],
                                          lambda port: [PY, "-c", "import time; time.sleep(30)"])
        finally:
            matrix_cell.CLIENT_SECONDS = saved
        self.assertFalse(result.ok)
        self.assertIn("timed out", result.summary)
        self.assertLess(time.monotonic() - begin, 20)
        with open(pid_file) as f:
            self.assertFalse(pid_alive(int(f.read())))


def full_log(run, failed=0, skipped=0, skips=()):
    lines = ["SKIP %s: the server does not know it" % name for name in skips]
    return "\n".join(lines + ["client: %d cases run, %d failed, %d skipped" % (run, failed, skipped)])


class CaseCountTest(unittest.TestCase):
    """A cell passes on exit 0 only with the client's full case count."""

    def passed(self, log):
        return matrix_cell.CellResult(True, "pass", log)

    def test_the_full_count_passes(self):
        self.assertTrue(matrix_cell.require_cases(self.passed(full_log(64)), 64).ok)

    def test_a_client_that_ran_no_case_fails_the_cell(self):
        result = matrix_cell.require_cases(self.passed(full_log(0)), 64)
        self.assertFalse(result.ok)
        self.assertEqual(result.summary, "the client ran no case")

    def test_a_client_that_stopped_early_fails_the_cell(self):
        result = matrix_cell.require_cases(self.passed(full_log(63)), 64)
        self.assertFalse(result.ok)
        self.assertEqual(result.summary, "the client ran 63 and skipped 0 of 64 cases")

    def test_a_client_without_a_count_line_fails_the_cell(self):
        result = matrix_cell.require_cases(self.passed("client: all cases passed\n"), 64)
        self.assertFalse(result.ok)
        self.assertEqual(result.summary, "the client reported no case count")

    def test_a_skip_passes_only_for_a_method_the_server_lacks(self):
        log = full_log(65, skipped=1, skips=["testUuid"])
        self.assertTrue(matrix_cell.require_cases(self.passed(log), 66, ("testUuid",)).ok)
        result = matrix_cell.require_cases(self.passed(log), 66, ())
        self.assertFalse(result.ok)
        self.assertIn("skipped testUuid", result.summary)

    def test_a_count_of_failed_cases_fails_even_with_exit_zero(self):
        self.assertFalse(matrix_cell.require_cases(self.passed(full_log(64, failed=1)), 64).ok)

    def test_a_failed_cell_stays_failed(self):
        failed = matrix_cell.CellResult(False, "client exit 1", full_log(64))
        self.assertIs(matrix_cell.require_cases(failed, 64), failed)


def selection(*argv):
    saved = sys.argv
    sys.argv = ["run_matrix.py"] + list(argv)
    try:
        return run_matrix.parse_args()
    finally:
        sys.argv = saved


class PlanTest(unittest.TestCase):
    def test_a_run_that_selects_an_unbuilt_implementation_cannot_start(self):
        disabled = run_matrix.disabled_reasons({})
        unbuilt = run_matrix.unbuilt_selection(selection(), disabled)
        self.assertEqual(unbuilt["corothrift"],
                         "not built (a matrix run needs corothrift's programs)")
        self.assertEqual(run_matrix.main_with(selection()), 1)

    def test_a_run_that_leaves_an_unbuilt_implementation_out_may_start(self):
        disabled = {"corothrift": "not built"}
        args = selection("--server=apache-cpp", "--client=apache-py")
        self.assertEqual(run_matrix.unbuilt_selection(args, disabled), {})
        args = selection("--server=apache-cpp")
        self.assertEqual(run_matrix.unbuilt_selection(args, disabled), disabled)

    def test_a_cell_a_peer_cannot_run_is_listed_with_the_reason(self):
        lacking = dict(matrix_peers.IMPLEMENTATIONS[0], name="no-compact", protocols=("binary",))
        full = matrix_peers.IMPLEMENTATIONS[1]
        self.assertEqual(run_matrix.support_gap(full, lacking, "compact", "framed", False),
                         "no-compact lacks the compact protocol")
        self.assertIsNone(run_matrix.support_gap(full, lacking, "binary", "framed", False))

    def test_involving_keeps_exactly_the_cells_with_that_peer_on_a_side(self):
        everything, _ = run_matrix.plan(selection(), {})
        ours, _ = run_matrix.plan(selection("--involving=corothrift"), {})
        expected = [cell for cell in everything
                    if "corothrift" in (cell[1]["name"], cell[2]["name"])]
        self.assertEqual([cell[0] for cell in ours], [cell[0] for cell in expected])
        self.assertLess(len(ours), len(everything))
        self.assertTrue(any(cell[1]["name"] != "corothrift" for cell in ours))
        self.assertTrue(any(cell[2]["name"] != "corothrift" for cell in ours))

    def test_the_multiplexed_token_is_dropped_when_empty(self):
        args = run_matrix.command(["prog", "--port={port}", "{multiplexed}"],
                                  {"port": 1, "multiplexed": ""})
        self.assertEqual(args, ["prog", "--port=1"])


def required_env(name):
    """ctest always gives the peers' paths: a missing one fails the test, never skips it."""
    value = os.environ.get(name)
    if not value:
        raise AssertionError("%s is not set (ctest sets it; see matrix_tests.cmake)" % name)
    return value


class RealPeerTest(unittest.TestCase):
    def test_a_client_speaking_another_protocol_than_the_server_fails(self):
        server = required_env("INTEROP_APACHE_CPP_SERVER")
        client = required_env("INTEROP_APACHE_CPP_CLIENT")
        result = matrix_cell.run_cell(
            lambda port: [server, "--host=127.0.0.1", "--port=%d" % port, "--protocol=compact"],
            lambda port: [client, "--host=127.0.0.1", "--port=%d" % port, "--protocol=binary"])
        self.assertFalse(result.ok)
        self.assertIn("failed cases", result.log)

    def test_a_plain_client_fails_against_a_multiplexed_server(self):
        # Proves that the multiplexed cells really go through service names.
        server = required_env("INTEROP_APACHE_CPP_SERVER")
        client = required_env("INTEROP_APACHE_CPP_CLIENT")
        result = matrix_cell.run_cell(
            lambda port: [server, "--host=127.0.0.1", "--port=%d" % port, "--multiplexed"],
            lambda port: [client, "--host=127.0.0.1", "--port=%d" % port])
        self.assertFalse(result.ok)
        self.assertIn("FAIL testVoid", result.log)


class ClientChecksTest(unittest.TestCase):
    """Each client must catch a server's wrong answers, case by case, and go
    on to run (and count) every case after them."""

    def run_client_against_liar(self, client, impl, also_wrong=()):
        here = os.path.dirname(os.path.abspath(__file__))
        server = [PY, os.path.join(here, "lying_server.py"),
                  "--gen-dir=" + required_env("INTEROP_PY_GEN_DIR"), "--host=127.0.0.1"]
        result = matrix_cell.run_cell(lambda port: server + ["--port=%d" % port],
                                      lambda port: client + ["--host=127.0.0.1", "--port=%d" % port])
        self.assertFalse(result.ok)
        failed = [line for line in result.log.splitlines() if line.startswith("FAIL ")]
        named = {line.split()[1].rstrip(":") for line in failed}
        self.assertEqual(named, set(lying_server.WRONG_CASES) | set(also_wrong), "\n".join(failed))
        # The count is checked as a passing cell's would be, less the failures.
        run, failed_cases, skipped = (int(n) for n in matrix_cell.COUNT_LINE.findall(result.log)[-1])
        self.assertEqual(run + skipped, peer(impl)["cases"]["plain"], result.log)
        self.assertGreaterEqual(failed_cases, len(named), result.log)

    def test_the_apache_cpp_client_names_every_wrong_answer(self):
        self.run_client_against_liar([required_env("INTEROP_APACHE_CPP_CLIENT")], "apache-cpp")

    def test_the_apache_py_client_names_every_wrong_answer(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.run_client_against_liar([PY, os.path.join(here, "py_client.py"),
                                      "--gen-dir=" + required_env("INTEROP_PY_GEN_DIR")],
                                     "apache-py")

    def test_the_thriftpy_client_names_every_wrong_answer(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.run_client_against_liar([PY, os.path.join(here, "thriftpy_client.py"),
                                      "--idl=" + required_env("INTEROP_THRIFTPY_IDL")],
                                     "thriftpy")

    def test_the_corothrift_client_names_every_wrong_answer(self):
        # inFlight's 1,000 calls are testI32 calls, which the liar answers wrongly.
        self.run_client_against_liar([required_env("INTEROP_THRIFT_TEST_CLIENT")], "corothrift",
                                     also_wrong=("inFlight",))


def peer(name):
    return next(impl for impl in matrix_peers.IMPLEMENTATIONS if impl["name"] == name)


if __name__ == "__main__":
    unittest.main()

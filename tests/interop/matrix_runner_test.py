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


class PlanTest(unittest.TestCase):
    def test_missing_programs_disable_an_implementation_with_its_reason(self):
        reasons = run_matrix.disabled_reasons({})
        self.assertEqual(reasons["corothrift"], "not built yet")

    def test_a_cell_a_peer_cannot_run_is_listed_with_the_reason(self):
        lacking = dict(matrix_peers.IMPLEMENTATIONS[0], name="no-compact", protocols=("binary",))
        full = matrix_peers.IMPLEMENTATIONS[1]
        self.assertEqual(run_matrix.support_gap(full, lacking, "compact", "framed", False),
                         "no-compact lacks the compact protocol")
        self.assertIsNone(run_matrix.support_gap(full, lacking, "binary", "framed", False))

    def test_the_multiplexed_token_is_dropped_when_empty(self):
        args = run_matrix.command(["prog", "--port={port}", "{multiplexed}"],
                                  {"port": 1, "multiplexed": ""})
        self.assertEqual(args, ["prog", "--port=1"])


@unittest.skipUnless(os.environ.get("INTEROP_APACHE_CPP_SERVER"), "Apache C++ peers not given")
class RealPeerTest(unittest.TestCase):
    def test_a_client_speaking_another_protocol_than_the_server_fails(self):
        server = os.environ["INTEROP_APACHE_CPP_SERVER"]
        client = os.environ["INTEROP_APACHE_CPP_CLIENT"]
        result = matrix_cell.run_cell(
            lambda port: [server, "--host=127.0.0.1", "--port=%d" % port, "--protocol=compact"],
            lambda port: [client, "--host=127.0.0.1", "--port=%d" % port, "--protocol=binary"])
        self.assertFalse(result.ok)
        self.assertIn("failed cases", result.log)

    def test_a_plain_client_fails_against_a_multiplexed_server(self):
        # Proves that the multiplexed cells really go through service names.
        server = os.environ["INTEROP_APACHE_CPP_SERVER"]
        client = os.environ["INTEROP_APACHE_CPP_CLIENT"]
        result = matrix_cell.run_cell(
            lambda port: [server, "--host=127.0.0.1", "--port=%d" % port, "--multiplexed"],
            lambda port: [client, "--host=127.0.0.1", "--port=%d" % port])
        self.assertFalse(result.ok)
        self.assertIn("FAIL testVoid", result.log)


@unittest.skipUnless(os.environ.get("INTEROP_PY_GEN_DIR"), "generated peer code not given")
class ClientChecksTest(unittest.TestCase):
    """Each client must catch a server's wrong answers, case by case."""

    def run_client_against_liar(self, client):
        here = os.path.dirname(os.path.abspath(__file__))
        server = [PY, os.path.join(here, "lying_server.py"),
                  "--gen-dir=" + os.environ["INTEROP_PY_GEN_DIR"], "--host=127.0.0.1"]
        result = matrix_cell.run_cell(lambda port: server + ["--port=%d" % port],
                                      lambda port: client + ["--host=127.0.0.1", "--port=%d" % port])
        self.assertFalse(result.ok)
        failed = [line for line in result.log.splitlines() if line.startswith("FAIL ")]
        named = {line.split()[1].rstrip(":") for line in failed}
        self.assertEqual(named, set(lying_server.WRONG_CASES), "\n".join(failed))

    def test_the_apache_cpp_client_names_every_wrong_answer(self):
        self.run_client_against_liar([os.environ["INTEROP_APACHE_CPP_CLIENT"]])

    def test_the_apache_py_client_names_every_wrong_answer(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.run_client_against_liar([PY, os.path.join(here, "py_client.py"),
                                      "--gen-dir=" + os.environ["INTEROP_PY_GEN_DIR"]])

    def test_the_thriftpy_client_names_every_wrong_answer(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.run_client_against_liar([PY, os.path.join(here, "thriftpy_client.py"),
                                      "--idl=" + os.environ["INTEROP_THRIFTPY_IDL"]])


if __name__ == "__main__":
    unittest.main()

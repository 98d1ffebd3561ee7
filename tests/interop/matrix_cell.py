"""Runs one matrix cell: a server on a free 127.0.0.1 port, then one client,
and checks the client's case count (an exit status of 0 alone proves nothing:
a client that returned early exits 0 too).

Every wait is bounded; the server is always stopped by its pid (SIGTERM,
then SIGKILL), never by name. Safe to call from several threads at once.
"""
import re
import signal
import socket
import subprocess
import tempfile
import time

HOST = "127.0.0.1"
SERVER_START_SECONDS = 15
CLIENT_SECONDS = 90
STOP_SECONDS = 5
PORT_ATTEMPTS = 3


class CellResult:
    def __init__(self, ok, summary, log=""):
        self.ok = ok
        self.summary = summary
        self.log = log


def free_port():
    # The kernel picks the port; another process may take it before the
    # server binds, which run_cell notices and retries with a new one.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_accepting(server, port):
    """True once the port accepts; False if the server exits or time runs out."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def stop(process):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


def read_log(log_file):
    log_file.seek(0)
    return log_file.read().decode("utf-8", "replace")


def run_client(command):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=CLIENT_SECONDS, check=False)
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode("utf-8", "replace")
        return CellResult(False, "client timed out after %ds" % CLIENT_SECONDS, output)
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode == 0:
        return CellResult(True, "pass", output)
    return CellResult(False, "client exit %d" % done.returncode, output)


def run_cell(server_command_for, client_command_for):
    """Both arguments map a port to an argument list."""
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        with tempfile.TemporaryFile() as server_log:
            server = subprocess.Popen(server_command_for(port), stdout=server_log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            try:
                if not wait_until_accepting(server, port):
                    stop(server)
                    log = read_log(server_log)
                    if "in use" in log:
                        continue
                    return CellResult(False, "server did not start", log)
                result = run_client(client_command_for(port))
            finally:
                stop(server)
            if not result.ok:
                result.log += "\n--- server output ---\n" + read_log(server_log)[-4000:]
            return result
    return CellResult(False, "no free port after %d attempts" % PORT_ATTEMPTS)



# Every client ends with "<program>: N cases run, F failed, S skipped", and
# prints "SKIP <case>: <why>" for each case it skipped.
COUNT_LINE = re.compile(r"^\S+: (\d+) cases run, (\d+) failed, (\d+) skipped$", re.MULTILINE)


def count_problem(log, expected, skippable):
    """Why the client's reported cases fall short of `expected` (None when
    they do not): it must report a count, run at least one case, and run or
    skip all `expected`, skipping only cases in `skippable`."""
    counts = COUNT_LINE.findall(log)
    if not counts:
        return "the client reported no case count"
    run, failed, skipped = (int(n) for n in counts[-1])
    skips = [line.split()[1].rstrip(":") for line in log.splitlines() if line.startswith("SKIP ")]
    if run == 0:
        return "the client ran no case"
    if run + skipped != expected:
        return "the client ran %d and skipped %d of %d cases" % (run, skipped, expected)
    if len(skips) != skipped or not set(skips) <= set(skippable):
        return "the client skipped %s; only %s may be" % (
            ", ".join(skips) or "%d unnamed" % skipped, ", ".join(skippable) or "none")
    if failed:
        return "the client exited 0 but counted %d failed cases" % failed
    return None


def require_cases(result, expected, skippable=()):
    """A passed cell whose client's count falls short becomes a failed one."""
    if not result.ok:
        return result
    problem = count_problem(result.log, expected, skippable)
    if problem:
        return CellResult(False, problem, result.log)
    return result

"""benchmarks/_net.py's ``stop``: Ctrl-C first (a server then cleans up), harder only when the process ignores it."""

from __future__ import annotations

import signal
import subprocess
import sys

from benchmarks._net import stop

# A process that says it is ready, then waits; with "ignore", Ctrl-C does not stop it.
WAITER = """
import signal, sys, time
# Set either way: a process started in the background by a shell (CI) begins with SIGINT ignored.
signal.signal(signal.SIGINT, signal.SIG_IGN if sys.argv[1] == "ignore" else signal.default_int_handler)
print("ready", flush=True)
time.sleep(600)
"""


def started(mode: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", WAITER, mode], stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stdout.readline() == "ready\n"  # its signal handlers are in place
    return process


def test_ctrl_c_stops_a_process_that_takes_it():
    process = started("default")
    stop(process, wait=30)
    assert process.returncode == -signal.SIGINT  # ended by Ctrl-C itself (Python re-raises an uncaught SIGINT)
    process.stdout.close()


def test_a_process_that_ignores_ctrl_c_is_terminated():
    process = started("ignore")
    stop(process, wait=5)
    assert process.returncode == -signal.SIGTERM
    process.stdout.close()


def test_an_ended_process_is_left_alone():
    process = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
    process.wait(timeout=30)
    stop(process)  # no signal to a group that no longer exists (os.killpg would raise)
    assert process.returncode == 0

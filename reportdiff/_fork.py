"""Run a function in a forked process and get its return value (or exception) back through a pipe.

Reading PDFs is CPU-bound Python: on a machine with several cores, editions (`api.load_pair`, `api.load_many`) and
the pages of one long edition (`extract.read_pages`) are read in forked workers. Fork, not spawn: a worker starts
at once with every module already loaded (no second interpreter start, no re-import).
"""
from __future__ import annotations

import os
from typing import Any, Callable


class WorkerDied(Exception):
    """The worker ended without sending a result (killed, out of memory); the caller can do the work itself."""


def fork_context():
    """multiprocessing's fork context, or None where there is no fork or where this process runs other threads (a
    library caller's: a child forked while another thread holds a lock can hang on it); the work is then done one
    piece after the other in this process."""
    import multiprocessing
    import threading

    if threading.active_count() > 1:
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask, e.g. a container's limit), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Forked:
    """`fn(*args, **kwargs)` running in a forked process, started at once.

    `result()` returns its value or raises its exception here (WorkerDied if it sent nothing); `stop()` ends it
    (call it in a `finally`). The worker ignores SIGINT: a terminal's Ctrl-C reaches the whole process group, and
    the one-line message is the parent's to give, after it stops its workers."""

    def __init__(self, context, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(send, fn, args, kwargs), daemon=True)
        self.process.start()
        send.close()

    def result(self) -> Any:
        try:
            ok, value = self.receive.recv()
        except EOFError:
            raise WorkerDied() from None
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receive.close()


def _run(send, fn, args, kwargs) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome = (True, fn(*args, **kwargs))
    except BaseException as e:           # sent back and raised in the parent, as a call there would have
        outcome = (False, e)
    try:
        send.send(outcome)
    except Exception:                    # an unpicklable result or error: the parent sees WorkerDied
        pass
    send.close()

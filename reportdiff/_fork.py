"""Run a function in a forked process and get its return value (or exception) back through a pipe.

Reading PDFs is CPU-bound Python: on a machine with several cores, editions (`api.load_pair`, `api.load_many`) and
the pages of one long edition (`extract.read_pages`) are read in forked workers. Fork, not spawn: a worker starts
at once with every module already loaded (no second interpreter start, no re-import).

Fork is only safe in a process running one thread: a child forked while another thread holds a lock (a logging
handler's, an allocator's) can wait on it for ever. A process running other threads (Jupyter's kernel, a web
server, a Dask worker's task threads) gets the `forkserver` context instead: children are forked from a small
single-threaded server process started once (it preloads the reading modules, so each child starts warm).
A daemonic process (a Dask worker, a multiprocessing pool's worker) may not have children at all: it reads in
this process.
"""
from __future__ import annotations

import os
from typing import Any, Callable


class WorkerDied(Exception):
    """The worker ended without sending a result (killed, out of memory); the caller can do the work itself."""


#: Modules a forkserver loads once, so that each worker it forks starts with them.
FORKSERVER_PRELOAD = ["reportdiff.api", "reportdiff.pdf.extract", "reportdiff.pdf.structure"]


def fork_context():
    """The multiprocessing context to start workers with: `fork` in a single-threaded process (cheapest: the
    child has everything loaded), `forkserver` where other threads run (see the module docstring), or None where
    no child may be started (a daemonic process, no fork on this platform): the work is then done one piece after
    the other in this process."""
    import multiprocessing
    import threading

    if multiprocessing.current_process().daemon:
        return None
    try:
        if threading.active_count() == 1:
            return multiprocessing.get_context("fork")
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return None
    context.set_forkserver_preload(FORKSERVER_PRELOAD)      # effective until the server first starts
    return context


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask, e.g. a container's limit), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def surroundings(context) -> tuple[dict[str, str], str] | None:
    """What a worker started through `context` must adopt to act as if forked from this process: the environment
    and working folder (None for fork, which copies them)."""
    return None if context.get_start_method() == "fork" else (dict(os.environ), os.getcwd())


def adopt(here: tuple[dict[str, str], str] | None) -> None:
    """In a worker: take on the parent's `surroundings` (the cache folder comes from the environment, and a path
    may be relative)."""
    if here is None:
        return
    environ, folder = here
    os.environ.clear()
    os.environ.update(environ)
    try:
        os.chdir(folder)
    except OSError:
        pass


class Forked:
    """`fn(*args, **kwargs)` running in a forked process, started at once.

    `result()` returns its value or raises its exception here (WorkerDied if it sent nothing); `stop()` ends it
    (call it in a `finally`). The worker ignores SIGINT: a terminal's Ctrl-C reaches the whole process group, and
    the one-line message is the parent's to give, after it stops its workers."""

    def __init__(self, context, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.receive, send = context.Pipe(duplex=False)
        # A forked child has this process's environment and folder; one started by a forkserver has the server's,
        # as they were when it started: send ours (the cache folder is read from the environment, a path may
        # be relative).
        here = surroundings(context)
        # A forked child also holds this end of the pipe; it closes it (see _run), or, its parent killed, it would
        # block for ever writing a result larger than the pipe's buffer that no one reads.
        forked = context.get_start_method() == "fork"
        inherited = self.receive if forked else None
        parent = os.getpid() if forked else None       # a forkserver's child has the server for parent
        self.process = context.Process(target=_run, args=(send, fn, args, kwargs, here, inherited, parent),
                                       daemon=True)
        try:
            self.process.start()
        except BaseException:            # no process (EAGAIN, out of memory): no pipe left open either
            self.receive.close()
            raise
        finally:
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


def _run(send, fn, args, kwargs, here=None, inherited=None, parent=None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if inherited is not None:
        inherited.close()
    _end_with_parent(parent)
    adopt(here)
    try:
        outcome = (True, fn(*args, **kwargs))
    except BaseException as e:           # sent back and raised in the parent, as a call there would have
        outcome = (False, e)
    try:
        send.send(outcome)
    except Exception:                    # an unpicklable result or error: the parent sees WorkerDied
        pass
    send.close()


def _end_with_parent(parent: int | None = None) -> None:
    """Linux: have the kernel end this worker when its parent ends (killed with SIGKILL, or by a caller's
    timeout that signals only the process it started), so that no reader outlives the command. Elsewhere the
    worker ends when it next writes to the closed pipe. `parent`: the pid the parent had before it started this
    worker (read here, it could already be another's: a parent that died first would go unnoticed)."""
    import signal

    parent = parent or os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)              # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:                              # the parent ended before the request was made
        os._exit(1)

"""One lock for every use of PDFium in the process.

PDFium is not thread-safe: pypdfium2 says so and calls into it without a lock of its own, and ctypes lets go of the
GIL during each call, so two threads reading two documents at once run PDFium concurrently. It then corrupts its
global state and may stop the whole process on an internal check (SIGTRAP in libpdfium.so: a pytest run died so
when `reportdiff.load_many` read through a caller's ThreadPoolExecutor). Every open, read and close of a PDFium
document holds this lock; processes (the page workers, a process pool, Dask workers) each have their own PDFium and
their own lock, so reading in parallel across processes is untouched.
"""
from __future__ import annotations

import functools
import threading
from typing import Callable, TypeVar

PDFIUM_LOCK = threading.RLock()

F = TypeVar("F", bound=Callable)


def with_pdfium_lock(function: F) -> F:
    """The function, run while holding PDFIUM_LOCK (for every function that opens a PDFium document)."""
    @functools.wraps(function)
    def locked(*args, **kwargs):
        with PDFIUM_LOCK:
            return function(*args, **kwargs)
    return locked  # type: ignore[return-value]


__all__ = ["PDFIUM_LOCK", "with_pdfium_lock"]

"""The `reportdiff` console script and `python -m reportdiff`: the command line, with Ctrl-C answered from the start.

Loading the command line (typer, click, the library's modules) takes a tenth of a second or more; a Ctrl-C in that
time would raise KeyboardInterrupt inside some import and print a traceback. Until the command line is loaded, an
interrupt is answered here as the commands answer it later (one line, exit 130); nothing has been written yet.
"""
from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Optional

INTERRUPTED = 130


def _interrupted_while_loading(signum: int, frame: Optional[FrameType]) -> None:
    sys.stderr.write("error: interrupted; no output was written\n")
    sys.stderr.flush()
    os._exit(INTERRUPTED)        # not an exception: it would surface as a traceback in whichever import it hit


def main() -> None:
    previous = signal.signal(signal.SIGINT, _interrupted_while_loading)
    from .cli import app
    signal.signal(signal.SIGINT, previous)   # from here the commands catch KeyboardInterrupt themselves
    app(prog_name="reportdiff")

"""Progress of a whole CLI command on stderr: the files being read (pages), then comparing, then writing.

- On a terminal (the default there): one transient line drawn by rich — a page bar while reading, then the stage
  with a spinner and the time so far — shown once the command has run for half a second, erased at the end.
- Off a terminal, only when asked (`--progress`): plain lines for a CI log, one per stage and at most one every
  few seconds while pages are read, then `progress: done in 3.2 s`.

While files are read no thread runs here: the reading forks worker processes only when no other thread runs
(`_fork.fork_context`), so the page bar is redrawn from the page callbacks themselves; the spinner's refresh
thread starts only for the later stages. A file read in a worker process reports nothing until it is done:
its pages are counted then.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Any, Callable, TextIO

SHOW_AFTER = 0.5          # seconds: a command done sooner draws nothing on a terminal
LINE_INTERVAL = 2.0       # seconds between two page lines off a terminal
REDRAW_INTERVAL = 0.1     # seconds between two redraws of the page bar


class JobProgress:
    """What a command is doing, on stderr. `mode` is "live" (a terminal), "lines" (a log) or "off" (nothing is
    shown: every method does nothing, so that a command need not ask)."""

    def __init__(self, mode: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.mode, self.stream, self.clock = mode, stream or sys.stderr, clock
        self.started = clock()
        self.total = 0                      # pages to parse (files not in the cache)
        self.counted = 0                    # pages parsed, in files finished
        self.piece: list[int] | None = None  # [done, total, counts] of the file (or batch) reporting now
        self.stage_name = ""
        self.live: Any = None               # the rich Progress while one is shown
        self.task: Any = None
        self.last_line = self.last_draw = -1e9
        self.lock = threading.Lock()        # the display is started by a timer thread too (later stages)
        self.timer: threading.Timer | None = None
        self.closed = False

    @classmethod
    def for_cli(cls, asked: bool | None) -> JobProgress:
        """The progress a command shows: `asked` is --progress (True), --no-progress (False) or neither (None:
        on a terminal only)."""
        tty = sys.stderr.isatty()
        if asked is False or (asked is None and not tty):
            return cls("off")
        return cls("live" if tty else "lines")

    @property
    def shown(self) -> bool:
        return self.mode != "off"

    # ------------------------------------------------------------------------------------------ reading

    def reading(self, names: list[str], pages: int) -> None:
        """Reading `names` begins; `pages` of them are to be parsed (the rest is in the cache)."""
        if not self.shown:
            return
        self.total = pages
        what = f"{len(names)} files" if len(names) > 1 else (names[0] if names else "nothing")
        self._set_stage(f"reading {what}", f" ({pages} pages to parse)" if pages else " (from the cache)")

    def pages(self, done: int, total: int) -> None:
        """The page callback of `api.load` & co: `done` of `total` pages of the file (or batch) read now. A
        count that restarts is the next file; a file reported whole at once came from the cache (not counted)."""
        if not self.shown:
            return
        p = self.piece
        if p is None or total != p[1] or done < p[0]:
            if p is not None and p[2]:
                self.counted += p[0]
            p = self.piece = [done, total, not (done == total and total > 1)]
        p[0] = done
        self._show_pages()

    def files_read(self) -> None:
        """Every file is read (those read in other processes included)."""
        if not self.shown:
            return
        self.piece, self.counted = None, self.total
        self._show_pages(force=True)

    def _done_pages(self) -> int:
        p = self.piece
        return min(self.total, self.counted + (p[0] if p and p[2] else 0))

    def _show_pages(self, force: bool = False) -> None:
        now = self.clock()
        if self.mode == "lines":
            if self.total and (force or now - self.last_line >= LINE_INTERVAL):
                self.last_line = now
                self._line(f"read {self._done_pages()}/{self.total} pages")
        elif force or now - self.last_draw >= REDRAW_INTERVAL:
            self.last_draw = now
            self._draw(auto_refresh=False)

    # ------------------------------------------------------------------------------------------ stages

    def stage(self, name: str) -> None:
        """A later stage begins ("comparing", "rendering")."""
        if self.shown:
            self._set_stage(name, "")

    def _set_stage(self, name: str, detail: str) -> None:
        self.stage_name = name
        if self.mode == "lines":
            self._line(name + detail)
        else:
            self._stop_live()               # the reading bar ends; the next display may run a refresh thread
            self._draw(auto_refresh=not name.startswith("reading"))

    def close(self, ok: bool = True) -> None:
        """The command is over (`ok`: it succeeded): erase the live line, or log the total time."""
        if self.closed:
            return
        with self.lock:
            self.closed = True
        self._stop_live()
        if self.mode == "lines" and ok:
            self._line("done")

    # ------------------------------------------------------------------------------------------ output

    def _line(self, text: str) -> None:
        self.stream.write(f"progress: {text} ({self.clock() - self.started:.1f} s)\n")
        self.stream.flush()

    def _draw(self, auto_refresh: bool) -> None:
        wait = SHOW_AFTER - (self.clock() - self.started)
        if wait > 0:
            if auto_refresh and self.timer is None:     # threads are fine now: show it if the stage lasts
                self.timer = threading.Timer(wait, self._draw, (True,))
                self.timer.daemon = True
                self.timer.start()
            return
        with self.lock:
            if self.closed:
                return
            reading = self.stage_name.startswith("reading") and self.total > 0
            if self.live is None:
                self._start_live(reading, auto_refresh)
            self.live.update(self.task, description=self.stage_name, completed=self._done_pages() if reading else 0,
                             total=self.total if reading else None)
            if not auto_refresh:
                self.live.refresh()

    def _start_live(self, reading: bool, auto_refresh: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn
        from rich.text import Text

        job = self

        class JobElapsed(ProgressColumn):
            """The time since the command started (not since this stage did)."""

            def render(self, task: Any) -> Text:
                seconds = int(job.clock() - job.started)
                return Text(f"{seconds // 60}:{seconds % 60:02d}", style="progress.elapsed")

        # the description names a file ("reading [draft] r.pdf"): as rich markup, "[draft]" would be a style
        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}", markup=False)]
        if reading:
            columns += [BarColumn(), MofNCompleteColumn(), TextColumn("pages")]
        columns.append(JobElapsed())
        self.live = Progress(*columns, console=Console(file=self.stream), transient=True,
                             auto_refresh=auto_refresh, redirect_stdout=False, redirect_stderr=False)
        self.task = self.live.add_task(self.stage_name, total=self.total if reading else None,
                                       completed=self._done_pages() if reading else 0)
        self.live.start()

    def _stop_live(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        with self.lock:
            if self.live is not None:
                self.live.stop()
                self.live = self.task = None

"""Text set sideways: a chart's axis title ("Number of trajectories", S/2025/153), a table's column headings turned
90° over narrow columns (the organizations of JIU/REP/2025/2's annex matrix).

Such text is no body text — a line of it is one character high — so the page reader keeps it apart
(`PageText.turned`), as runs: the characters of one text run that follow each other along the turned baseline.
The table and figure reader gives each run to the object it belongs to (`tables.attach`): a figure whose lines it
stands beside, a table column it stands over. The running symbol, job number and page number printed up the margin
of a page set sideways are furniture, taken out with the rest of it (`furniture.marks_only`) before any is given.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

NEAR_FIGURE = 40.0           # points: how far beside a figure's own lines its axis title may stand
HEADING_REACH = 250.0        # points: how far above a table's first row its turned headings may reach


@dataclass(frozen=True)
class TurnedText:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def runs(chars: Iterable) -> list[TurnedText]:
    """Turned characters (anything with text, x0, x1, top, bottom and size), in the order the page draws them →
    runs of text: a character continues the run when it stands in the same column (turned 90°, its box's left edge
    the same) right after the one before, above or below it."""
    out: list[TurnedText] = []
    run: list = []

    def close() -> None:
        text = " ".join("".join(c.text for c in run).split())
        if len(text) > 1:            # text turned by another angle than a right one falls apart into letters
            out.append(TurnedText(text, min(c.x0 for c in run), min(c.top for c in run), max(c.x1 for c in run),
                                  max(c.bottom for c in run)))

    for c in chars:
        if run:
            last = run[-1]
            apart = max(c.top - last.bottom, last.top - c.bottom)
            if abs(c.x0 - last.x0) > 0.5 or apart > 0.6 * max(c.size, last.size):
                close()
                run = []
        run.append(c)
    if run:
        close()
    return out


def beside(turned: list[TurnedText], x0: float, top: float, x1: float, bottom: float) -> list[TurnedText]:
    """The runs whose middle stands within the box's height and at most NEAR_FIGURE beside it: a figure's axis
    titles, left to right."""
    return sorted((t for t in turned if top <= t.middle[1] <= bottom and x0 - NEAR_FIGURE <= t.middle[0] <= x1
                   + NEAR_FIGURE), key=lambda t: (t.x0, t.top))


def over_columns(turned: list[TurnedText], columns: list[tuple[float, float]], first_row_top: float
                 ) -> dict[int, list[TurnedText]]:
    """Column index → the runs standing over it (their middle inside the column, give or take 2 points, and ending
    above the first row, at most HEADING_REACH above it): a table's turned headings."""
    out: dict[int, list[TurnedText]] = {}
    for t in turned:
        if not first_row_top - HEADING_REACH <= t.bottom <= first_row_top + 1:
            continue
        x = t.middle[0]
        k = next((k for k, (a, b) in enumerate(columns) if a - 2 <= x <= b + 2), None)
        if k is not None:
            out.setdefault(k, []).append(t)
    return out

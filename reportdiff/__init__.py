"""reportdiff: show precisely how a periodic UN report changed from one edition to the next.

    import reportdiff
    old = reportdiff.load("S_2025_72.pdf")          # -> Edition
    cmp = reportdiff.compare(old, "S_2025_496.pdf")  # -> Comparison (paths or Editions)
    ser = reportdiff.series(["S_2025_54.pdf", "S_2025_211.pdf", "S_2025_504.pdf"])  # -> Series (lineages)
"""
from __future__ import annotations

# Load the stage module `reportdiff.compare` before binding the function of the same name: importing a submodule
# sets it as an attribute of the package, which would otherwise shadow `reportdiff.compare()` after first use.
from . import compare as _compare_stage  # noqa: F401
# Likewise `reportdiff.series` (the module) before `reportdiff.series()` (the function).
from .series import (FigurePoint, FigureTrack, Lineage, LineageEdge, LineageEvent, Node, SectionState,
                     SectionTrack, Series)
from .api import compare, load, series
from .errors import (CorruptPDFError, EncryptedPDFError, InputFileError, NoTextLayerError, NotAPDFError,
                     OutputError, ReportDiffError, TooLargeError, UsageError)
from .model import (Change, Comparison, Edition, Footnote, FootnoteChange, Paragraph, Section, SectionPair,
                    Signal)

__version__ = "0.1.0"

__all__ = [
    "load", "compare", "series", "__version__",
    "Series", "Lineage", "LineageEdge", "LineageEvent", "Node", "FigureTrack", "FigurePoint", "SectionTrack",
    "SectionState",
    "Edition", "Section", "Paragraph", "Footnote", "Comparison", "Change", "SectionPair", "Signal", "FootnoteChange",
    "ReportDiffError", "InputFileError", "NotAPDFError", "CorruptPDFError", "EncryptedPDFError", "NoTextLayerError",
    "TooLargeError", "OutputError", "UsageError",
]

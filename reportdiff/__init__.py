"""reportdiff: show precisely how a periodic UN report changed from one edition to the next.

    import reportdiff
    old = reportdiff.load("S_2025_72.pdf")          # -> Edition
    cmp = reportdiff.compare(old, "S_2025_496.pdf")  # -> Comparison (paths or Editions)
    ser = reportdiff.series(["S_2025_54.pdf", "S_2025_211.pdf", "S_2025_504.pdf"])  # -> Series (lineages)
"""
from __future__ import annotations

# Importing the package stays light (0.04 s: no numpy, rapidfuzz, jinja2): each stage loads when first used, so
# that reading one edition does not pay for the comparison. Load the module `reportdiff.series` before binding
# the function `reportdiff.series()`: importing a submodule sets it as an attribute of the package, which would
# otherwise shadow the function after first use.
from .series import (FigurePoint, FigureTrack, Lineage, LineageEdge, LineageEvent, Node, SectionState,
                     SectionTrack, Series)
from .batch import BatchResult, Item     # the module first, as for series: the function `batch` is bound below
from .api import batch, compare, load, series
from .errors import (CorruptPDFError, EncryptedPDFError, FetchError, InputFileError, NoTextLayerError,
                     NotAPDFError, OutputError, ReportDiffError, TooLargeError, UsageError)
from .model import (Change, Comparison, Edition, Footnote, FootnoteChange, Paragraph, Section, SectionPair,
                    Signal)

__version__ = "0.1.0"

__all__ = [
    "load", "compare", "series", "batch", "__version__", "BatchResult", "Item",
    "Series", "Lineage", "LineageEdge", "LineageEvent", "Node", "FigureTrack", "FigurePoint", "SectionTrack",
    "SectionState",
    "Edition", "Section", "Paragraph", "Footnote", "Comparison", "Change", "SectionPair", "Signal", "FootnoteChange",
    "ReportDiffError", "InputFileError", "NotAPDFError", "CorruptPDFError", "EncryptedPDFError", "NoTextLayerError",
    "TooLargeError", "OutputError", "UsageError", "FetchError",
]

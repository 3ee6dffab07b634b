"""reportdiff: show precisely how a periodic UN report changed from one edition to the next.

    import reportdiff
    old = reportdiff.load("S_2025_72.pdf")          # -> Edition
    cmp = reportdiff.compare(old, "S_2025_496.pdf")  # -> Comparison (paths or Editions)
    ser = reportdiff.series(["S_2025_54.pdf", "S_2025_211.pdf", "S_2025_504.pdf"])  # -> Series (lineages)

The model (`Edition`, `Comparison`, `Series` and their parts) is typed (the package ships `py.typed`), prints as
one line (`Edition('S/2025/72', 2025-01-31, 15 pages, 68 paragraphs)`), and goes to and from JSON
(`to_json()`, `Edition.from_json(...)`, `Comparison.from_json(...)`; schemas in `reportdiff/schemas/`).
Errors are `ReportDiffError`s; a missing input is also a `FileNotFoundError`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# Importing the package costs nothing: each public name is imported from its module when first used (PEP 562), and
# each stage loads its own libraries when first used, so that reading one edition does not pay for the comparison.
# Nothing runs at `import reportdiff` that a Ctrl-C could interrupt with a traceback before the command line
# has installed its handler (see `_launch`). No submodule bears the name of a function of the package (the series
# module is `lineage`, the batch module `batches`): `import reportdiff.lineage` and `reportdiff.series()` never
# collide.
_SOURCE = {
    "api": ("load", "compare", "series", "batch"),
    "batches": ("BatchResult", "Item"),
    "errors": ("CorruptPDFError", "EncryptedPDFError", "FetchError", "InputFileError", "InputIsADirectoryError",
               "InputPermissionError", "JSONInputError", "MissingFileError", "NoTextLayerError", "NotAPDFError",
               "OutputError", "ReportDiffError", "TooLargeError", "UnreadableInputError", "UsageError"),
    "lineage": ("FigurePoint", "FigureTrack", "Lineage", "LineageEdge", "LineageEvent", "Node", "SectionState",
                "SectionTrack", "Series"),
    "model": ("Change", "Comparison", "Edition", "Footnote", "FootnoteChange", "Paragraph", "Section",
              "SectionPair", "Signal"),
}
_MODULE_OF = {name: module for module, names in _SOURCE.items() for name in names}

__version__ = "0.1.0"

__all__ = [
    "load", "compare", "series", "batch", "__version__", "BatchResult", "Item",
    "Series", "Lineage", "LineageEdge", "LineageEvent", "Node", "FigureTrack", "FigurePoint", "SectionTrack",
    "SectionState",
    "Edition", "Section", "Paragraph", "Footnote", "Comparison", "Change", "SectionPair", "Signal", "FootnoteChange",
    "ReportDiffError", "InputFileError", "NotAPDFError", "CorruptPDFError", "EncryptedPDFError", "NoTextLayerError",
    "TooLargeError", "OutputError", "UsageError", "FetchError", "MissingFileError", "InputIsADirectoryError",
    "InputPermissionError", "UnreadableInputError", "JSONInputError",
]

if TYPE_CHECKING:        # what type checkers and editors read: the same names, imported eagerly
    from .api import batch, compare, load, series
    from .batches import BatchResult, Item
    from .errors import (CorruptPDFError, EncryptedPDFError, FetchError, InputFileError, InputIsADirectoryError,
                         InputPermissionError, JSONInputError, MissingFileError, NoTextLayerError, NotAPDFError,
                         OutputError, ReportDiffError, TooLargeError, UnreadableInputError, UsageError)
    from .lineage import (FigurePoint, FigureTrack, Lineage, LineageEdge, LineageEvent, Node, SectionState,
                          SectionTrack, Series)
    from .model import (Change, Comparison, Edition, Footnote, FootnoteChange, Paragraph, Section, SectionPair,
                        Signal)
else:                    # hidden from type checkers, so that a misspelt name stays an error for them
    def __getattr__(name: str) -> object:
        import importlib
        import importlib.util

        module = _MODULE_OF.get(name)
        if module is not None:
            value = getattr(importlib.import_module(f".{module}", __name__), name)
        elif not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
            # a submodule: `import reportdiff; reportdiff.batches.run_item` worked when the package imported
            # its modules eagerly, and keeps working
            value = importlib.import_module(f".{name}", __name__)
        else:
            raise AttributeError(f"module 'reportdiff' has no attribute {name!r}")
        globals()[name] = value          # later uses find it directly
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))

"""The exceptions reportdiff raises. The CLI turns each into one line on stderr and exit code 2.

Every message names the file, says what is wrong and what to do about it.
"""
from __future__ import annotations


class ReportDiffError(Exception):
    """Base class: bad input or a refused operation. `str(err)` is the one-line message for the user."""

    exit_code = 2


class InputFileError(ReportDiffError):
    """The path is missing, a directory, unreadable or empty."""


class NotAPDFError(ReportDiffError):
    """The file is not a PDF at all (HTML, ZIP, text...)."""


class CorruptPDFError(ReportDiffError):
    """The file claims to be a PDF but cannot be parsed (truncated, broken cross-reference table...)."""


class EncryptedPDFError(ReportDiffError):
    """The PDF is encrypted and cannot be read without a password."""


class NoTextLayerError(ReportDiffError):
    """The PDF has no text layer (a scan); it needs OCR first."""


class TooLargeError(ReportDiffError):
    """The document exceeds a resource limit (pages, file size)."""


class OutputError(ReportDiffError):
    """The output path cannot be written, or would overwrite an input."""


class UsageError(ReportDiffError):
    """Options that do not fit together."""


class FetchError(ReportDiffError):
    """A document asked for by its UN symbol could not be had: malformed or unknown symbol, server unreachable
    or answering badly, timeout, a cut or oversized download, not in the cache with --offline."""

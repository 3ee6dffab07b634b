"""The exceptions reportdiff raises. The CLI turns each into one line on stderr and exit code 2.

Every message names the file, says what is wrong and what to do about it.
"""
from __future__ import annotations

from typing import Any


class ReportDiffError(Exception):
    """Base class: bad input or a refused operation. `str(err)` is the one-line message for the user."""

    exit_code = 2


class InputFileError(ReportDiffError):
    """The path is missing, a directory, unreadable or empty.

    Where the operating system's error says the same, the exception is also that `OSError`: a missing file
    raises `MissingFileError`, which is a `FileNotFoundError`, so code written for the standard exceptions
    catches it too (`except FileNotFoundError`, `except OSError`, `err.errno == errno.ENOENT`). `str(err)`
    stays the one-line message; `err.filename` is the path.
    """

    def __str__(self) -> str:               # OSError's own str() would be "[Errno 2] ...: 'name'"
        return str(self.args[0]) if self.args else ""

    @classmethod
    def from_os_error(cls, e: OSError, name: str, hint: str = "check the path") -> InputFileError:
        """The one-line error for a file that cannot be found, opened or read, as the `InputFileError` subclass
        that matches the OS error (`MissingFileError` for a missing file...); `hint` says what to do."""
        if isinstance(e, NotADirectoryError):
            message = f"{name} does not exist (a part of the path is not a folder); {hint}"
        elif isinstance(e, FileNotFoundError):
            message = f"{name} does not exist; {hint}"
        elif isinstance(e, PermissionError):
            message = f"cannot read {name}: permission denied; check the file's permissions"
        elif isinstance(e, IsADirectoryError):
            message = f"{name} is a directory, not a file; {hint}"
        else:
            message = f"cannot read {name}: {e.strerror or e}; {hint}"
        return cls.like(e, message, name)

    @staticmethod
    def like(e: OSError, message: str, name: str) -> InputFileError:
        """An error with this message, of the `InputFileError` subclass that matches the OS error `e` (missing,
        a folder, no permission, other), carrying its errno, strerror and the file name."""
        kind: type[InputFileError] = UnreadableInputError
        if isinstance(e, (FileNotFoundError, NotADirectoryError)):
            kind = MissingFileError
        elif isinstance(e, IsADirectoryError):
            kind = InputIsADirectoryError
        elif isinstance(e, PermissionError):
            kind = InputPermissionError
        return kind(message).with_os_details(e.errno, e.strerror, name)

    def with_os_details(self, errno: int | None, strerror: str | None, filename: str) -> InputFileError:
        """Set the `OSError` attributes (errno, strerror, filename) of an error that is also an OSError."""
        if isinstance(self, OSError):
            self.errno, self.strerror, self.filename = errno, strerror, filename
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # so that the error raised in a reading process arrives whole, errno and file name included
        details = (self.errno, self.strerror, self.filename) if isinstance(self, OSError) else None
        return _rebuild_input_error, (type(self), str(self), details)


class MissingFileError(InputFileError, FileNotFoundError):
    """The input file does not exist (also a `FileNotFoundError`)."""


class InputIsADirectoryError(InputFileError, IsADirectoryError):
    """The input path is a folder where a file was expected (also an `IsADirectoryError`)."""


class InputPermissionError(InputFileError, PermissionError):
    """The input file cannot be read for lack of permission (also a `PermissionError`)."""


class UnreadableInputError(InputFileError, OSError):
    """The input file could not be read for another reason the operating system gave (also an `OSError`)."""


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
def _rebuild_input_error(kind: type[InputFileError], message: str,
                        details: tuple[int | None, str | None, str] | None) -> InputFileError:
    err = kind(message)
    return err.with_os_details(*details) if details else err


class JSONInputError(ReportDiffError, ValueError):
    """A JSON document given to `from_json` is not JSON, or not the document expected (also a `ValueError`)."""


def interrupted(e: BaseException) -> bool:
    """Whether an exception is a Ctrl-C in disguise. A SIGINT that arrives while ctypes converts the arguments of a
    call into PDFium (where a long parse spends its time) raises KeyboardInterrupt inside that conversion, and
    ctypes turns it into an ArgumentError that keeps only its name ("argument 1: KeyboardInterrupt: "): code that
    turns a parser's exceptions into "damaged PDF" must let it go as the interruption it is."""
    import ctypes

    seen: BaseException | None = e
    for _ in range(10):                 # an exception's chain, not a cycle
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt) or (isinstance(seen, ctypes.ArgumentError)
                                                  and "KeyboardInterrupt" in str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def raise_if_interrupted(e: BaseException) -> None:
    """Raise KeyboardInterrupt (from `e`) when `e` is a Ctrl-C in disguise (`interrupted`): for the handlers that
    turn any other exception into a report of bad input or a failed item."""
    if interrupted(e):
        raise KeyboardInterrupt from e

"""Editions by UN document symbol: `S/2025/496` fetched from the UN Official Document System (ODS).

Wherever a file is accepted (`load`, `compare`, `series`, the CLI), an argument that is not an existing path and
reads as a UN document symbol is resolved here to a local PDF:

- The English PDF is asked of `{base}/api/symbol/access?s={SYMBOL}&l=en&t=pdf`, which answers with a redirect to
  the file; base `https://documents.un.org`, or `$REPORTDIFF_ODS_URL` (tests point it at a server on 127.0.0.1).
- Downloads live in the cache folder (`<cache dir>/documents/S_2025_496.pdf`, keyed by symbol), with the
  response's validators (ETag, Last-Modified) beside it (`….meta.json`). A cached document is used as it is;
  `refresh=True` asks the server whether it changed (documents are reissued), `offline=True` never asks.
- httpx with timeouts (connect, read and an overall deadline), a second try of a refused connection, retries
  with backoff on 429 and 5xx (Retry-After honoured up to MAX_RETRY_AFTER seconds), redirects followed, a size
  limit enforced while streaming; proxies from the environment (HTTPS_PROXY, NO_PROXY) apply. The body goes to
  a temporary file in the cache folder, renamed into place only once complete and through the input checks
  (`validate_pdf`: a cut file or a web page starting with %PDF- is refused): a failed download leaves nothing
  behind. The file's sha256 is kept with its validators; a cached file that does not match it is checked again,
  and removed if it fails, so that a damaged file is never read from the cache.
- Every failure is a `FetchError` whose message is one line built from our own words and numbers: nothing the
  server sent (body, reason phrase, headers) reaches a terminal.
"""
from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import (CorruptPDFError, FetchError, InputFileError, NotAPDFError, OutputError, ReportDiffError,
                     UsageError)
from .fileio import write_atomic

DEFAULT_BASE = "https://documents.un.org"
ENV_BASE = "REPORTDIFF_ODS_URL"
ENV_TIMEOUT = "REPORTDIFF_ODS_TIMEOUT"          # seconds without data before giving up (default 30)
ENV_MAX_BYTES = "REPORTDIFF_ODS_MAX_BYTES"      # largest document accepted (default: the input limit, 256 MiB)
ATTEMPTS = 4                                    # tries of one request on 429/5xx
CONNECT_ATTEMPTS = 2                            # tries when the connection is refused or the name unknown
BACKOFF = 0.5                                   # seconds before the 2nd try, doubled each time after
MAX_RETRY_AFTER = 60                            # a server asking to wait longer than this is not waited for
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_TIMEOUT = 86400.0                           # the largest REPORTDIFF_ODS_TIMEOUT taken (a day)
MAX_DOWNLOAD_BYTES = 1e12                       # the largest REPORTDIFF_ODS_MAX_BYTES taken

# A UN document symbol: an organ's code in capitals (S, A, E, DP, UNEP, ICC-ASP…), then parts separated by
# slashes — session or year, body codes with a number (CN.6, C.3, PV.9876, L.12), the number — and optionally a
# revision, addendum or corrigendum (Rev.1, Add.2, Corr.1); resolutions carry their year: S/RES/2719 (2023).
_CODE = r"[A-Z][A-Z0-9]*(?:[.\-][A-Z0-9]+)*"
_PART = r"(?:[A-Z0-9]+(?:[.\-][A-Z0-9]+)*|(?:Rev|Add|Corr|Amend|Suppl)\.\d+)"
SYMBOL_RE = re.compile(rf"{_CODE}(?:/{_PART})+(?: ?\(\d{{4}}\))?")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Invisible letters and marks that are not format characters: Hangul fillers, the combining grapheme joiner
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f")
# A URL's user info (http://user:password@host, a password holding "/", "?" or "#" included): everything from the
# scheme to the last "@" of the address. Only after a scheme: "draft:v2@final.pdf" is a file's name (an address
# given without a scheme is shown from its host on where it is refused: `_checked_base`)
_USER_INFO = re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://)[^\s@]*@(?=[^\s@]*(?:\s|$))")


@dataclass(frozen=True)
class FetchOptions:
    """How symbols are resolved: `offline` uses the download cache only; `refresh` asks the server whether a
    cached document changed (a conditional request: nothing is downloaded again when it did not)."""
    offline: bool = False
    refresh: bool = False


def is_symbol(text: str) -> bool:
    """Whether `text` is written as a UN document symbol (S/2025/496, A/79/947, S/2025/71/Rev.1, E/CN.6/2025/3)."""
    return len(text) <= 80 and bool(SYMBOL_RE.fullmatch(text)) and any(ch.isdigit() for ch in text)


def printable(text: str, limit: int = 80) -> str:
    """Text for a one-line message: control, bidi and zero-width characters removed, a URL's user info (a password
    in REPORTDIFF_ODS_URL) left out, lone surrogates (a file name that is not UTF-8) replaced by U+FFFD, so that
    the line can be written anywhere, length capped."""
    text = " ".join(without_controls(_USER_INFO.sub(r"\1", text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def without_controls(text: str) -> str:
    """Untrusted text (from a PDF, a server, a file name) that can be shown anywhere: its control characters and
    every invisible format character removed (Unicode "Cf": bidi marks and overrides, zero-width characters, the
    byte order mark, soft hyphens, tag characters — what could hide or reorder what a reader sees), a tab or a
    line break made a space, lone surrogates replaced, but otherwise as written: for a line that names a path,
    which `printable` would change by collapsing its spaces or cutting it. The text forms of a report use it too."""
    text = _UNPRINTABLE.sub(lambda m: " " if m.group().isspace() else "", _SURROGATE.sub("\ufffd", text))
    if text.isascii():
        return text
    return "".join(ch for ch in text if ch not in _INVISIBLE and unicodedata.category(ch) != "Cf")


def resolve(item, options: FetchOptions | None = None):
    """An input as given, or the local PDF of a UN document symbol (fetched when not cached). Editions, existing
    paths and anything that is neither path nor symbol pass through unchanged (the input checks then say what
    is wrong), except a missing path written with a slash that is not a well-formed symbol: that is refused
    here, so that `S/2025/` or a mistyped folder gets one message naming both readings."""
    if not isinstance(item, (str, os.PathLike)):
        return item
    text = os.fspath(item)
    if not isinstance(text, str) or os.path.exists(text):
        return item
    if is_symbol(text):
        return fetch(text, options or FetchOptions())
    if "/" in text and not text.lower().endswith(".pdf") and not any(ch in text for ch in "*?["):
        raise FetchError(f"{printable(text)} is not an existing file, and not a UN document symbol (written like "
                         f"S/2025/496 or A/79/947/Rev.1, capitals as printed); check the path or the symbol")
    return item


def resolve_all(items, options: FetchOptions | None = None) -> list:
    return [resolve(x, options) for x in items]


# ---------------------------------------------------------------------------------------------------- the cache

def documents_dir() -> Path:
    from . import cache

    return cache.cache_dir() / "documents"


def file_stem(symbol: str) -> str:
    """S/2025/71/Rev.1 → S_2025_71_Rev.1 (a symbol holds no underscore, so no two symbols share a stem)."""
    return re.sub(r"[^A-Za-z0-9.()\-]+", "_", symbol.replace(" (", "(")).strip("_")


def cached_path(symbol: str) -> Path | None:
    """The downloaded PDF of a symbol, or None when it was never fetched."""
    path = documents_dir() / f"{file_stem(symbol)}.pdf"
    return path if path.is_file() else None


def _meta_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.stem + ".meta.json")


def _read_meta(pdf: Path) -> dict:
    try:
        data = json.loads(_meta_path(pdf).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


_VALIDATOR = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?")   # h11 sends no space at either end


def _validator(value: object) -> str | None:
    """An ETag or Last-Modified as a server sent it (or as a meta file holds it), if it can go back in a request
    header: printable ASCII, 200 characters at most. Anything else is dropped (the next refresh downloads again):
    httpx cannot send "é" in a header, and server text is never trusted."""
    return value if isinstance(value, str) and _VALIDATOR.fullmatch(value) else None


def _write_meta(pdf: Path, meta: dict) -> None:
    try:
        write_atomic(_meta_path(pdf), json.dumps(meta, ensure_ascii=False, indent=1))
    except (OSError, OutputError):
        pass           # an optimisation: the next --refresh downloads again, the next use checks the file again


#: The temporary files of a download (`_save`'s, and its validators'), left behind when the process was killed
#: mid-download (SIGTERM): `reportdiff cache clear` removes them (`stray_downloads`).
_PARTIAL_NAME = re.compile(r"\.[A-Za-z0-9.()_-]+\.(?:pdf|meta\.json)\.[A-Za-z0-9_]+\.part")


#: A temporary file untouched this long is a download cut short; a younger one may be a download going on in
#: another process, which `cache clear` must not break.
STALE_PART_SECONDS = 3600


def stray_downloads() -> list[Path]:
    """The temporary files downloads cut short left in the documents folder (untouched for an hour)."""
    now = time.time()
    try:
        return [p for p in documents_dir().iterdir()
                if _PARTIAL_NAME.fullmatch(p.name) and now - _mtime(p) > STALE_PART_SECONDS]
    except OSError:
        return []


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return time.time()


#: No page limit when a download is checked: the command that reads it applies its own --max-pages.
_ANY_LENGTH = sys.maxsize


def check_document(path: str | os.PathLike) -> None:
    """Whether a downloaded file is damaged — cut short, not a PDF, an empty or broken one: raises the input
    checks' error (`validate_pdf`) for such a file only. Its size, pages and encryption are the reading command's
    to judge (its --max-pages, the size limit it applies): a file refused for those is not damaged."""
    from .pdf.inputs import validate_pdf

    try:
        validate_pdf(path, max_pages=_ANY_LENGTH, max_bytes=_ANY_LENGTH)
    except (NotAPDFError, CorruptPDFError, InputFileError):
        raise
    except ReportDiffError:
        pass


def _usable_cached(symbol: str) -> Path | None:
    """The cached PDF of a symbol, if it is the file that passed the checks when downloaded (its sha256 is kept
    with its validators), or passes them now (a file cached by an older reportdiff, or changed since). A file
    that fails them is removed, and FetchError raised: read from the cache, it would fail every command."""
    from .cache import file_digest

    path = cached_path(symbol)
    if path is None:
        return None
    try:
        digest = file_digest(path)
    except OSError:
        return path           # unreadable: the input checks of the command that reads it say so
    meta = _read_meta(path)
    if meta.get("sha256") != digest:
        try:
            check_document(path)
        except ReportDiffError as e:
            _unlink(path)
            _unlink(_meta_path(path))
            reason = str(e).replace(str(path), "it").split(";")[0]        # without the hint for a file
            raise FetchError(f"the cached copy of {symbol} was damaged ({printable(reason, 120)}) and is removed; "
                             f"fetch it again (without --offline)") from None
        _write_meta(path, {**meta, "sha256": digest})
    return path


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------------- fetching

def ods_base() -> str:
    return (os.environ.get(ENV_BASE) or DEFAULT_BASE).rstrip("/")


def _checked_base(base: str) -> str:
    """The server's address, refused with one line when it is not an http(s) URL with a host."""
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(base)
        parts.port                                   # raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{ENV_BASE} is not an http(s) address ({printable(base.rpartition('@')[2])}); set it "
                         f"like {DEFAULT_BASE}, or unset it")
    return base


def _env_number(name: str, default: float, most: float, least: float = 0.0) -> float:
    """A positive number from the environment, `default` when unset (or blank). A value that is not a positive
    number, or above `most` (infinity too: deep in the download it would overflow), is refused with one line:
    ignoring it would fetch with a timeout or a limit the user did not ask for."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= most and value >= least):  # NaN too
        lowest = f"{least:g}" if least else "above 0"
        raise UsageError(f"{name}={printable(text, 40)} is not a number from {lowest} up to {most:g}; set one, "
                         f"or unset it")
    return value


def fetch(symbol: str, options: FetchOptions = FetchOptions()) -> Path:
    """The local PDF of a UN document symbol: from the download cache, else downloaded from ODS (see the module
    docstring). Raises FetchError (one line, exit 2 in the CLI) for a malformed symbol, an unknown one, a server
    that cannot be reached or answers badly, a timeout, a cut or oversized download."""
    if not is_symbol(symbol):
        # what makes it no symbol may be what a cleaned echo of it cannot show
        why = ("it has a space before or after it" if symbol != symbol.strip() else
               "it holds an invisible or control character" if _UNPRINTABLE.search(symbol) else "")
        raise FetchError(f"{printable(symbol)} is not a UN document symbol{': ' + why if why else ''} (written like "
                         f"S/2025/496 or A/79/947/Rev.1, capitals as printed); check it")
    try:
        cached = _usable_cached(symbol)
    except FetchError:
        if options.offline:
            raise                 # the damaged copy is gone: say so
        cached = None             # downloaded again below
    if options.offline:
        if cached is None:
            raise FetchError(f"{symbol} is not in the download cache and --offline was given; fetch it first "
                             f"(reportdiff fetch {symbol}) or pass a file path")
        return cached
    if cached is not None and not options.refresh:
        return cached
    target = documents_dir() / f"{file_stem(symbol)}.pdf"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _unwritable_cache(target.parent, e) from e
    _Download(symbol, target, _read_meta(target) if cached else {}).run()
    return target


def _unwritable_cache(folder: Path, e: OSError) -> FetchError:
    return FetchError(f"cannot write the download cache {folder}: {e.strerror or e}; free some space, or set "
                      f"REPORTDIFF_CACHE_DIR to another, writable folder")


class _Download:
    """One symbol's download into the cache (conditional when validators are known), with its retries."""

    def __init__(self, symbol: str, target: Path, validators: dict) -> None:
        self.symbol, self.target, self.validators = symbol, target, validators
        self.base = _checked_base(ods_base())
        self.host = printable(re.sub(r"^[a-z]+://", "", self.base).split("/")[0].rpartition("@")[2], 60)
        self.timeout = _env_number(ENV_TIMEOUT, 30.0, most=MAX_TIMEOUT)
        # at least a byte: 0.5 would become a limit of 0, and every document "larger than the limit"
        self.max_bytes = int(_env_number(ENV_MAX_BYTES, _input_limit(), most=MAX_DOWNLOAD_BYTES, least=1))
        self.patience = max(60.0, 20 * self.timeout)          # a trickling server is not waited on for ever
        self.deadline = time.monotonic() + self.patience
        self.retries = 0

    def run(self) -> None:
        import httpx

        headers = {"User-Agent": f"reportdiff/{_version()}", "Accept": "application/pdf"}
        if etag := _validator(self.validators.get("etag")):
            headers["If-None-Match"] = etag
        if last_modified := _validator(self.validators.get("last_modified")):
            headers["If-Modified-Since"] = last_modified
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0))
        try:
            # httpx's default transport, so that HTTP(S)_PROXY and NO_PROXY apply (a transport of our own, for
            # its connection retries, would ignore them): a refused connection is tried once more below instead
            client = httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5, headers=headers)
        except (ValueError, ImportError) as e:     # the environment's proxy: an unknown scheme, or SOCKS unsupported
            raise FetchError(f"the proxy set in the environment (HTTP_PROXY, HTTPS_PROXY or ALL_PROXY) cannot be "
                             f"used ({printable(str(e))}); fix or unset it, or pass a file path") from e
        try:
            with client:
                for attempt in range(1, ATTEMPTS + 1):
                    try:
                        wait = self._attempt(client)
                    except httpx.ConnectError:
                        if attempt >= CONNECT_ATTEMPTS:
                            raise
                        wait = BACKOFF
                    if wait is None:
                        return
                    if attempt == ATTEMPTS or time.monotonic() + wait > self.deadline:
                        raise FetchError(f"{self.host} kept answering with a server error for {self.symbol} "
                                         f"({attempt} tries); try again later, or pass a file path")
                    time.sleep(wait)
        except httpx.TimeoutException as e:
            raise FetchError(f"{self.host} did not answer within {self.timeout:g} s for {self.symbol}; try again "
                             f"later, pass a file path, or --offline") from e
        except httpx.TooManyRedirects as e:
            raise FetchError(f"{self.host} redirected too many times for {self.symbol}; pass a file path") from e
        except (httpx.ConnectError, httpx.UnsupportedProtocol, httpx.ProxyError) as e:
            raise FetchError(f"could not reach {self._host_asked(e)} for {self.symbol}; pass a file path, or "
                             f"--offline (set {ENV_BASE} for another server)") from e
        except httpx.HTTPError as e:           # the connection dropped mid-answer (RemoteProtocolError, ReadError)
            raise FetchError(f"the download of {self.symbol} from {self.host} was cut short "
                             f"({type(e).__name__}); try again") from e
        except httpx.InvalidURL as e:          # not an HTTPError: a redirect to an address httpx cannot request
            raise FetchError(f"{self.host} redirected {self.symbol} to an address that cannot be fetched "
                             f"({printable(str(e))}); pass a file path") from e

    def _host_asked(self, error: Exception) -> str:
        """The host the failed request went to: ODS's, or the one it redirected to ("127.0.0.1:9 (where
        127.0.0.1:8000 redirected)"), so that the message names the server that could not be reached. A redirect
        is told only when the request's scheme, host or port differ from the base address's, both as httpx
        normalises them (letter case, a default port, IPv6 brackets)."""
        import httpx

        try:
            asked, base = error.request.url, httpx.URL(self.base)      # type: ignore[attr-defined]
        except (AttributeError, RuntimeError, httpx.InvalidURL):      # RuntimeError: the request is not set
            return self.host
        if (asked.scheme, asked.host, asked.port) == (base.scheme, base.host, base.port):
            return self.host
        if asked.scheme not in ("http", "https"):
            return f"a {printable(asked.scheme, 20)}: address (where {self.host} redirected)"
        host = f"[{asked.host}]" if ":" in asked.host else asked.host
        where = printable(f"{host}:{asked.port}" if asked.port else host, 60)
        return f"{where} (where {self.host} redirected)"

    def _attempt(self, client) -> float | None:
        """One request: None when done (downloaded, or not modified), else the seconds to wait before retrying."""
        url = f"{self.base}/api/symbol/access"
        with client.stream("GET", url, params={"s": self.symbol, "l": "en", "t": "pdf"}) as response:
            status = response.status_code
            if status == 304 and self.validators:
                return None                                    # the cached copy is current
            if status in RETRY_STATUSES:
                return self._retry_wait(response)
            if status == 404 or status == 410:
                raise FetchError(f"ODS has no document {self.symbol} (HTTP {status}); check the symbol")
            if status != 200:
                raise FetchError(f"{self.host} refused {self.symbol} (HTTP {status}); pass a file path")
            self._save(response)
            return None

    def _retry_wait(self, response) -> float:
        after = _retry_after(response.headers.get("Retry-After"))
        if after is not None and after > MAX_RETRY_AFTER:
            raise FetchError(f"{self.host} asks to wait {after:.0f} s before asking for {self.symbol} again "
                             f"(HTTP {response.status_code}); try later, or pass a file path")
        import random

        self.retries += 1
        backoff = BACKOFF * 2 ** (self.retries - 1) * (1 + 0.25 * random.random())
        return max(after or 0.0, backoff)

    def _save(self, response) -> None:
        length = response.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        if expected is not None and expected > self.max_bytes:
            raise self._too_large()
        if "html" in response.headers.get("Content-Type", "").lower():
            raise self._not_a_pdf()
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part")
            with os.fdopen(fd, "wb") as f:
                received = self._copy_body(response, f)
            if received == 0:
                raise self._not_a_pdf()
            if expected is not None and received != expected and not response.headers.get("Content-Encoding"):
                raise FetchError(f"the download of {self.symbol} from {self.host} was cut short ({received} of "
                                 f"{expected} bytes); try again")
            digest = self._checked(tmp)
            os.replace(tmp, self.target)
            tmp = None
        except OSError as e:                 # a full disk (ENOSPC), a read-only cache
            raise _unwritable_cache(self.target.parent, e) from e
        finally:
            if tmp is not None:
                _unlink(tmp)
        _write_meta(self.target, {"symbol": self.symbol, "etag": _validator(response.headers.get("ETag")),
                                  "last_modified": _validator(response.headers.get("Last-Modified")),
                                  "bytes": received,
                                  "sha256": digest, "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})

    def _checked(self, tmp: str) -> str:
        """The sha256 of the downloaded file, once it passed the input checks: a cut PDF, or an error page that
        starts with %PDF-, is never cached (every later command would read it)."""
        from .cache import file_digest

        try:
            check_document(tmp)
        except ReportDiffError as e:
            reason = str(e).replace(tmp, f"the file {self.host} sent for {self.symbol}").split(";")[0]
            raise FetchError(f"{printable(reason, 300)}; it was not kept: try again later, or pass a file "
                             f"path") from None
        return file_digest(tmp)

    def _copy_body(self, response, f) -> int:
        received = 0
        head = b""
        for chunk in response.iter_bytes():
            if len(head) < 1024:
                head += chunk[: 1024 - len(head)]
                if len(head) >= 1024 and b"%PDF-" not in head:
                    raise self._not_a_pdf()
            received += len(chunk)
            if received > self.max_bytes:
                raise self._too_large()
            if time.monotonic() > self.deadline:
                raise FetchError(f"the download of {self.symbol} from {self.host} is too slow (over "
                                 f"{self.patience:.0f} s); try again later, or pass a file path")
            f.write(chunk)
        if b"%PDF-" not in head:
            raise self._not_a_pdf()
        return received

    def _too_large(self) -> FetchError:
        return FetchError(f"{self.symbol} from {self.host} is larger than {self.max_bytes / 1e6:.3g} MB, the limit "
                          f"for one document; download it yourself and pass the file path")

    def _not_a_pdf(self) -> FetchError:
        return FetchError(f"ODS has no English PDF of {self.symbol} (it answered with something else, e.g. a web "
                          f"page); check the symbol")


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    import email.utils

    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _input_limit() -> int:
    from .pdf.inputs import MAX_FILE_BYTES

    return MAX_FILE_BYTES


def _version() -> str:
    from . import __version__

    return __version__

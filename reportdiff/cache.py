"""A cache of parsed editions, so that a report read once is never parsed again.

Reading a PDF (extract + structure) is most of the cost of a comparison; the same editions are compared again and
again (against the next edition, in other formats, in a series). An entry is the edition's JSON, stored under

    <cache dir>/<sha256 of the file's bytes>-<engine>-<code key>.json

- The file's *content* hash, not its name or date: a renamed or copied report hits, an edited one misses.
- The code key hashes the reportdiff version, the source of the modules that turn a PDF into an Edition
  (every module of `pdf/`, and `model.py`) and the versions of the libraries they read with (pypdfium2,
  pdfplumber, wordfreq): any change to the parser invalidates every entry, so a stale parse is never returned.
- The cache dir is `$REPORTDIFF_CACHE_DIR`, else the platform's cache folder (platformdirs): on Linux
  `$XDG_CACHE_HOME/reportdiff`, else `~/.cache/reportdiff`; on macOS `~/Library/Caches/reportdiff`; on Windows
  `%LOCALAPPDATA%\\reportdiff\\Cache`.
- Its size is capped (`$REPORTDIFF_CACHE_MAX`, e.g. `200MB`, `2G`; default DEFAULT_MAX_BYTES): past the cap the
  least recently used entries are removed (a hit counts as a use). `reportdiff cache info` shows the folder, the
  size and the cap; `reportdiff cache clear` empties it.
- Entries are written to a temporary file in the same folder and renamed into place (`os.replace`), so concurrent
  runs never see half an entry; two runs writing the same entry write the same bytes. An entry that cannot be read
  or does not describe the file it is named after is ignored (and overwritten by the next parse). The cache is an
  optimisation only: any failure to read or write it falls back to parsing, silently.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from .model import Edition

ENV_DIR = "REPORTDIFF_CACHE_DIR"
ENV_MAX = "REPORTDIFF_CACHE_MAX"
#: The cap on the cache's size when $REPORTDIFF_CACHE_MAX does not set one: some 8,000 editions of 15 pages
#: (an entry of S/2025/72, 15 pages, is 59 KB).
DEFAULT_MAX_BYTES = 500 * 2**20
FORMAT = "reportdiff.edition-cache/1"
#: Modules (or folders of modules) whose source decides the Edition read from a PDF: the whole reading stage.
PARSER_MODULES = ("pdf", "model.py")
#: Libraries whose version can change what is read from a PDF.
PARSER_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer.six", "wordfreq")


def cache_dir() -> Path:
    """Where entries live: $REPORTDIFF_CACHE_DIR, else the platform's user cache folder for reportdiff (on Linux
    $XDG_CACHE_HOME/reportdiff when that is an absolute path, else ~/.cache/reportdiff)."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_cache_path

    if _unix_dirs() and not os.path.isabs(os.path.expanduser(os.environ.get("XDG_CACHE_HOME", ""))):
        return Path.home() / ".cache" / "reportdiff"     # XDG: unset, or relative (which the spec says to ignore)
    return user_cache_path("reportdiff", appauthor=False)


def template_cache_dir() -> Path:
    """Where the report's compiled templates are kept (render/report.py): `templates/` in the cache folder."""
    return cache_dir() / "templates"


def _unix_dirs() -> bool:
    """Whether platformdirs follows the XDG conventions here (Linux and other Unix, not macOS or Windows)."""
    import platformdirs
    from platformdirs.unix import Unix

    return platformdirs.PlatformDirs is Unix


def max_bytes() -> int:
    """The cap on the cache's size: $REPORTDIFF_CACHE_MAX (`500MB`, `2G`, `1000000`; `0`: keep nothing), else
    DEFAULT_MAX_BYTES. A value that cannot be read is ignored (the default applies: the cache is an optimisation,
    never an error); `reportdiff cache info` says so (max_bytes_problem)."""
    value = os.environ.get(ENV_MAX, "").strip()
    try:
        return parse_size(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def max_bytes_problem() -> str:
    """Why $REPORTDIFF_CACHE_MAX is not used, or "" when it is (or is unset)."""
    value = os.environ.get(ENV_MAX, "").strip()
    try:
        if value:
            parse_size(value)
    except ValueError:
        return f"{ENV_MAX}={value[:40]!r} is not a size (write e.g. 500MB or 2G): the default cap applies"
    return ""


_UNITS = {"": 1, "B": 1, "K": 2**10, "KB": 2**10, "KIB": 2**10, "M": 2**20, "MB": 2**20, "MIB": 2**20,
          "G": 2**30, "GB": 2**30, "GIB": 2**30}


def parse_size(text: str) -> int:
    """`500MB`, `1.5G`, `200k`, `1000000` → bytes (binary units: 1 MB = 2**20 bytes, as `du -h` counts)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    if not m or m.group(2).upper() not in _UNITS:
        raise ValueError(f"not a size: {text!r} (write e.g. 500MB or 2G)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


@functools.lru_cache(maxsize=None)
def code_key() -> str:
    """A short hash of everything that decides how a PDF is parsed: reportdiff's version, the parser modules'
    source and the reading libraries' versions."""
    from . import __version__

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    here = Path(__file__).resolve().parent
    for name in PARSER_MODULES:
        path = here / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            h.update(file.as_posix().removeprefix(here.as_posix()).encode() + b"\0")
            try:
                h.update(file.read_bytes())
            except OSError:          # no source (a zipped or frozen install): the version alone must do
                h.update(b"?")
    h.update(library_versions(PARSER_LIBRARIES).encode())
    return h.hexdigest()[:16]


def library_versions(libraries: tuple[str, ...]) -> str:
    """"\0name=version" of each library ("-" where it is not installed), for a key that changes with them."""
    from importlib import metadata

    out = []
    for lib in libraries:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        out.append(f"\0{lib}={version}")
    return "".join(out)


def readable_digest(path: str | os.PathLike, max_bytes: int) -> str | None:
    """`file_digest` of a regular, non-empty file of at most `max_bytes`, else None (a pipe would block the hash,
    an unreadable or oversized file is for the input checks to report)."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or not 0 < st.st_size <= max_bytes:
            return None
        return file_digest(path)
    except (OSError, ValueError, TypeError):
        return None


def file_digest(path: str | os.PathLike) -> str:
    """sha256 of the file's bytes (read in 1 MiB blocks: a few ms for a report).

    Read once per process and file: the input checks, the cache lookup and the readers all ask for it. A file
    whose device, inode, size or modification time changed since is read again (the test git uses for its index).
    """
    st = os.stat(path)
    key = (os.path.realpath(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        digest = _DIGESTS[key] = h.hexdigest()
    return digest


_DIGESTS: dict[tuple, str] = {}


def entry_path(digest: str, engine: str, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"{digest}-{engine}-{code_key()}.json"


#: The names of the cache's own files, `entry_path`'s and `put`'s temporaries: only these are ever removed (the
#: folder may be one the user set, REPORTDIFF_CACHE_DIR=~/work, holding other JSON files).
ENTRY_NAME = re.compile(r"[0-9a-f]{64}-[A-Za-z0-9_]+-[0-9a-f]{16}\.json")
TEMPORARY_NAME = re.compile(r"\.[0-9a-f]{16}-[A-Za-z0-9_]+\.part")


def get(digest: str, engine: str, *, source: str | None = None) -> Edition | None:
    """The cached Edition of a file with this content hash, or None (missing, unreadable, corrupt or stale)."""
    try:
        with open(entry_path(digest, engine), "rb") as f:
            data = json.loads(f.read())
        if (data.get("format") != FORMAT or data.get("sha256") != digest or data.get("engine") != engine
                or data.get("code") != code_key()):
            return None
        edition = Edition.from_dict(data["edition"])
    except Exception:            # missing, half-written by a crashed writer, truncated, not JSON, wrong shape
        return None
    _touch(entry_path(digest, engine))
    edition.source = source
    return edition


def _touch(path: Path) -> None:
    """Mark an entry as just used: the size cap removes the least recently used entries first."""
    try:
        os.utime(path)
    except OSError:
        pass


def put(digest: str, engine: str, edition: Edition) -> Path | None:
    """Store an Edition (atomically: temporary file + rename). Returns the entry's path, or None when the cache
    cannot be written (read-only home, full disk): the cache is an optimisation, never an error."""
    d = cache_dir()
    target = entry_path(digest, engine, d)
    tmp = None
    try:
        d.mkdir(parents=True, exist_ok=True)
        data = edition.to_dict()
        data["source"] = None    # the same content may come under another name: the name is set on reading
        payload = json.dumps({"format": FORMAT, "sha256": digest, "engine": engine, "code": code_key(),
                              "edition": data}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{digest[:16]}-", suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, target)
        tmp = None
        _prune(d, digest, target.name)
        limit = max_bytes()
        if not _surely_under(d, len(payload), limit):
            evict(limit, keep=target.name)
        return target if target.exists() else None
    except Exception:
        return None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(d: Path, digest: str, keep: str) -> None:
    """Drop this file's entries left by other code versions: a cache dir does not grow with every upgrade."""
    for p in d.glob(f"{digest}-*.json"):
        if p.name != keep and ENTRY_NAME.fullmatch(p.name) and not p.name.endswith(f"-{code_key()}.json"):
            try:
                p.unlink()
            except OSError:
                pass


def clear() -> int:
    """Remove every entry, stray temporary files (of entries, and of downloads cut short) and the compiled
    templates; returns how many files were removed (all of them alike; `reportdiff cache clear` reports the
    entries and bytes). Files the cache did not name are left alone."""
    from .sources import stray_downloads

    n = 0
    d = cache_dir()
    ours = [p for p in _listing(d) if ENTRY_NAME.fullmatch(p.name) or TEMPORARY_NAME.fullmatch(p.name)]
    for p in ours + stray_downloads() + list(template_cache_dir().glob("__jinja2_*")):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    try:
        template_cache_dir().rmdir()          # the compiled templates' folder, now empty
    except OSError:
        pass
    return n


def _listing(d: Path) -> list[Path]:
    try:
        return list(d.iterdir())
    except OSError:
        return []


# ---------------------------------------------------------------------------------------------------- size

def entries(directory: Path | None = None) -> list[os.DirEntry[str]]:
    """The cache's entries (parsed editions), least recently used first."""
    d = directory or cache_dir()
    try:
        found = [e for e in os.scandir(d) if ENTRY_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    return sorted(found, key=lambda e: _mtime(e))


def _mtime(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def _size(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat(follow_symlinks=False).st_size
    except OSError:
        return 0


#: Seconds during which a process trusts its last count of the cache's size, plus what it wrote since, instead of
#: counting again at each entry it writes: a count stats every entry (80 ms with 8,000 of them, the default cap's
#: worth, measured), and a batch writes an entry per edition it parses. Other processes' writes are seen at the
#: next count, so the cap can be passed by what they write in that time.
RECOUNT_SECONDS = 30.0
_counted: dict[str, tuple[float, int]] = {}       # cache folder -> (when last counted, bytes then + written since)


def _surely_under(d: Path, written: int, limit: int) -> bool:
    """Whether the cache in `d` is under `limit` by this process's recent count and what it wrote since (and, if
    so, that count grows by `written`)."""
    counted = _counted.get(str(d))
    if counted is None or time.monotonic() - counted[0] > RECOUNT_SECONDS or counted[1] + written > limit:
        return False
    _counted[str(d)] = (counted[0], counted[1] + written)
    return True


def evict(limit: int, *, keep: str | None = None) -> int:
    """Remove the least recently used entries until the cache holds at most `limit` bytes (the entry named
    `keep`, just written, goes last). Returns the bytes removed."""
    counted_at = time.monotonic()
    found = entries()
    total = sum(_size(e) for e in found)
    removed = 0
    for e in sorted(found, key=lambda e: e.name == keep):      # stable: LRU order, `keep` moved to the end
        if total <= limit:
            break
        size = _size(e)
        try:
            os.unlink(e.path)
        except OSError:
            continue
        total -= size
        removed += size
    _counted[str(cache_dir())] = (counted_at, total)
    return removed


class CacheInfo(NamedTuple):
    """What `reportdiff cache info` shows. `oldest`/`newest`: when the least and the most recently used entries
    were last used (POSIX timestamps; None when the cache is empty)."""

    folder: Path
    entries: int
    bytes: int
    max_bytes: int
    oldest: float | None
    newest: float | None


def info() -> CacheInfo:
    """The cache's folder, number of entries, size in bytes, cap, and last uses."""
    found = entries()
    times = [_mtime(e) for e in found]
    return CacheInfo(cache_dir(), len(found), sum(_size(e) for e in found), max_bytes(),
                     min(times) if times else None, max(times) if times else None)

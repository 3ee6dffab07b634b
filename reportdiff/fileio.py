"""Writing outputs safely: a temporary file in the target folder renamed into place, so that a crash, an error or
Ctrl-C never leaves a half-written report, and an output path that is one of the inputs is refused."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputError


def link_target(path: Path) -> Path:
    """The file a write to `path` makes: the path itself, or for a symbolic link the file it points to (the CLI
    writes through a link, as a shell's `>` does)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_output_path(out: str | os.PathLike, inputs: list[str | os.PathLike]) -> Path:
    """Refuse an output path that is a directory, a device, a pipe or a socket, sits in a missing folder, or is
    one of the inputs; for a symbolic link, the same of the file it points to."""
    path = Path(out)
    try:
        _checked_output_path(path, inputs)
        if link_target(path) != path:     # the CLI writes through a link (cli._emit): its target must be writable
            _checked_output_path(link_target(path), inputs)
        return path
    except OSError as e:                  # a name too long (ENAMETOOLONG), a loop of symbolic links (ELOOP)...
        raise OutputError(f"cannot write {path}: {e.strerror or e}; choose another -o path") from None


def _checked_output_path(path: Path, inputs: list[str | os.PathLike]) -> Path:
    _refuse_special_file(path)
    if path.is_dir():
        raise OutputError(f"{path} is a directory; give a file name for the output (e.g. {path / 'report.html'})")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is a file, not a folder; choose another -o path")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it first")
    output = set(file_identities(path))
    for inp in inputs:
        if output & set(file_identities(Path(inp))):
            raise OutputError(f"refusing to overwrite input {inp} with the output; choose another -o path")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {path}: folder {folder} is not writable; choose another -o path")
    _probe_writable(path, folder)
    return path


def file_identities(path: Path) -> list:
    """What makes two paths one file: the resolved path and, when the file exists, its (device, inode) (a hard
    link, a path through another mount); none for a path that cannot be followed (a loop of symbolic links: the
    write itself then fails). Two paths are the same file when they share one."""
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError, ValueError):      # RuntimeError: a symbolic link loop, before Python 3.13
        return []
    try:
        st = path.stat()
    except (OSError, ValueError):
        return [resolved]
    return [resolved, (st.st_dev, st.st_ino)]


def _refuse_special_file(path: Path) -> None:
    """Refuse an existing output that is not a regular file (after symbolic links): a device, a pipe, a socket.
    Writing through to it could block (a pipe) or send a report to a device, and the atomic rename would replace
    the device's own entry (as root, `-o /dev/null` would turn /dev/null into a file): refusing is the safer
    and simpler choice; standard output (`-o -`) and a shell redirection cover writing to such a file."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):          # nothing there yet (the other checks say the rest)
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):    # a directory gets its own message
        raise OutputError(f"{path} is not a regular file (a device, pipe or socket); refusing to replace it: "
                          f"give a file name, or -o - for standard output")


def _probe_writable(path: Path, folder: Path) -> None:
    """Create and remove a temporary file in the folder: os.access says yes to root on a read-only file system,
    and ignores ACLs and full disks, so ask the file system itself before any long work starts."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}; choose another -o path") from e
    os.close(fd)
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """This process's umask: from /proc on Linux, else by setting it and setting it back (the only portable way
    to read it, and not safe while another thread creates files: hence /proc first)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write data to path via a temporary file in the same folder and an atomic rename. The file gets the mode
    an existing `path` has (a report kept private stays private), else the one a plain `open` would give (0666
    less the umask), not mkstemp's 0600."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _refuse_special_file(path)         # again, at the time of writing: a batch writes without check_output_path
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror}; choose another -o path") from e
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as e:  # includes KeyboardInterrupt: never leave the .part file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"cannot write {path}: {e.strerror}; choose another -o path") from e
        raise

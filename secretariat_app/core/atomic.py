"""Writing a user's file as an editor does: never half a file, never a lost one.

Every file the app writes (exports, templates, executors' workbooks, PDF reports, backups) is
written to a temporary file in the target's own folder, flushed to the disk, and renamed over the
target in one step (``os.replace``). A failure or a cancel removes the temporary file and leaves a
file that was there before byte for byte as it was. The target's permissions are kept, and a
symbolic link is written through (the file it points to is replaced, the link stays).

A process killed mid-write cannot clean up after itself, so the temporary names carry the writer's
process id: the next write to the same target removes the leftovers of writers that have died.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from secretariat_app.core.errors import SecretariatError
from secretariat_app.core.i18n import N_

#: Marks the temporary files: ``.<name>.<pid>-<token>.part<suffix>``.
PART = ".part"

_NO_ROOM = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


class FileWriteError(SecretariatError):
    """A file cannot be written where the user asked; the message names the path and the reason."""


def check_writable(target: str | os.PathLike[str]) -> Path:
    """The file to write for ``target`` (a symbolic link resolved), or a :class:`FileWriteError`
    when it is a folder or its folder does not exist; called before any work is done."""
    path = Path(os.path.realpath(Path(target).expanduser()))
    if path.is_dir():
        raise FileWriteError(N_("{path} is a folder; give the name of a file."), path=str(path))
    if not path.parent.is_dir():
        raise FileWriteError(N_("The folder {path} does not exist."), path=str(path.parent))
    return path


def check_folder(target: str | os.PathLike[str]) -> Path:
    """The folder to write several files into (made when missing), or a :class:`FileWriteError`
    when ``target`` is a file or has no parent folder; called before any work is done."""
    path = Path(os.path.realpath(Path(target).expanduser()))
    if path.exists() and not path.is_dir():
        raise FileWriteError(N_("{path} is not a folder; give the name of a folder."), path=str(path))
    if not path.parent.is_dir():
        raise FileWriteError(N_("The folder {path} does not exist."), path=str(path.parent))
    return path


def write_error(path: Path, error: OSError) -> FileWriteError:
    """What went wrong while writing ``path``, in the user's language."""
    code = error.errno
    if code in _NO_ROOM:
        return FileWriteError(N_("There is no room left on the disk for {path}."), path=str(path))
    if code == errno.EROFS:
        return FileWriteError(
            N_("{path} cannot be written: the disk or folder is read-only."), path=str(path)
        )
    if isinstance(error, PermissionError):
        return FileWriteError(
            N_(
                "You are not allowed to write {path}. If it is open in another program, close it and try again."
            ),
            path=str(path),
        )
    if isinstance(error, IsADirectoryError):
        return FileWriteError(N_("{path} is a folder; give the name of a file."), path=str(path))
    if isinstance(error, FileNotFoundError):
        return FileWriteError(N_("The folder {path} does not exist."), path=str(path.parent))
    return FileWriteError(
        N_("The file {path} cannot be written: {reason}"), path=str(path), reason=error.strerror or str(error)
    )


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write the whole file to; put it in place when the block ends.

    The temporary file keeps the target's suffix (writers choose the format by it) and exists,
    empty, when the block starts. An exception in the block removes it and leaves the target as
    it was; an :class:`OSError` becomes a :class:`FileWriteError` naming the target.
    """
    path = check_writable(target)
    remove_stale_parts(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
        handle, name = _make_temporary(path)
        os.close(handle)
    except OSError as error:
        raise write_error(path, error) from error
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)
        _flush(temporary)
        os.replace(temporary, path)
        _flush_folder(path.parent)
    except OSError as error:
        _remove(temporary)
        raise write_error(path, error) from error
    except BaseException:
        _remove(temporary)
        raise


def _make_temporary(path: Path) -> tuple[int, str]:
    for _attempt in range(100):
        name = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{PART}{path.suffix}"
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), str(
                name
            )
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def remove_stale_parts(path: Path) -> None:
    """Remove the temporary files of writers of ``path`` that died before they could clean up
    (with their SQLite journals), leaving those of writers still running."""
    prefix = f".{path.name}."
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and PART in p.name]
    except OSError:
        return
    for candidate in candidates:
        pid_text = candidate.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and not _running(int(pid_text)):
            _remove(candidate)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would end the process there; ask the system instead
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _default_mode() -> int:
    """What a new file gets from a plain ``open()``: 0666 less the umask (mkstemp's is 0600)."""
    if sys.platform == "win32":
        return 0o666
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (``os.umask`` would
    change it for a moment for every thread)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _flush(path: Path) -> None:
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder this way)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

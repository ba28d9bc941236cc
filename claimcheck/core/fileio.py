"""Writing files so that a crash leaves either the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.untrusted import describe_non_regular


def _umask() -> int:
    """The process's file creation mask (reading it means setting it, so set it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse, with one line, a destination that is not a regular file (device, FIFO, socket,
    folder: replacing ``/dev/null`` with a file would break the system), an existing file
    without ``overwrite``, and a missing folder."""
    try:
        info = os.stat(target)  # follows links: /dev/stdout is a link to a pipe or terminal
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"cannot write {target}: it is a folder; name a file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"cannot write {target}: it is {describe_non_regular(info.st_mode)}, "
                "not a regular file (-o - writes to standard output)"
            )
        if not overwrite:
            raise InputError(f"{target} already exists (use --force to overwrite)")
    real = resolve_target(target)
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: folder {folder} does not exist")


def resolve_target(target: Path) -> Path:
    """The path a write to ``target`` must replace: ``target`` itself or, for a symbolic link,
    the regular file it leads to. Renaming onto a link replaces the link: ``-o /dev/stdout``
    with standard output in a file once replaced ``/dev/stdout`` itself with a report."""
    if not os.path.islink(target):
        return target
    try:
        info = os.stat(target)
    except FileNotFoundError:
        raise InputError(f"cannot write {target}: it is a broken symbolic link") from None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    real = Path(os.path.realpath(target))
    try:
        same = os.stat(real)
    except OSError:
        same = None
    if same is None or (same.st_dev, same.st_ino) != (info.st_dev, info.st_ino):
        raise InputError(f"cannot write {target}: its symbolic link does not lead to a file")
    return real


def _temp_beside(target: Path, folder: Path) -> tuple[int, str]:
    """A new temporary file in ``folder``, where ``target`` is written first; one line naming
    the folder when it refuses one (``/proc/version`` exists, yet ``/proc`` takes no new file)."""
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(
            f"cannot write {target}: cannot create a file in {folder}: {exc.strerror or exc}"
        ) from None


def check_writable(target: Path, *, overwrite: bool) -> None:
    """:func:`check_target`, and prove the folder takes a new file by making (and removing) one:
    done before a long run, so a report is never computed only to be lost."""
    check_target(target, overwrite=overwrite)
    target = resolve_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, probe = _temp_beside(target, folder)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


def write_atomic(path: str | Path, data: str | bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsync, rename.

    Refuses (with :class:`InputError`) to replace an existing file unless ``overwrite`` is true,
    and reports an unwritable destination in one line. Text is written as UTF-8 with ``\\n``.
    """
    check_target(Path(path), overwrite=overwrite)
    target = resolve_target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _temp_beside(target, folder)
    try:
        # mkstemp creates the file private (0600); a report or notes file gets the permissions
        # any new file gets here, never wider (a file it replaces may narrow them, not widen).
        mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            mode &= os.stat(target).st_mode
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # Someone may have created it (or put a device or FIFO there) while we were writing:
        # still never replace it silently.
        check_target(target, overwrite=overwrite)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return target

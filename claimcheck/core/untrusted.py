"""Reading files the user did not write for claimcheck, and text nobody vouches for.

The review sidecar lives inside the corpus, and the keymap path comes from the environment:
either may be a FIFO (reading it blocks for ever), a link to ``/dev/zero`` (reading it never
ends), a huge file, or hold terminal escapes. :func:`read_regular` opens only regular files, never
blocks on open, and reads at most a given size; :func:`neutralise` and :func:`sanitise_data` make
text from such files as inert as article text before it is shown or written anywhere.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

#: C0 controls except tab and newline, DEL, C1 controls, bidirectional embeddings, overrides and
#: isolates (U+202A-U+202E, U+2066-U+2069: they reorder what the terminal shows), and lone
#: surrogates (cannot be encoded).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def neutralise(text: str) -> str:
    """``text`` with every character that could act on a terminal or reorder a line replaced by
    U+FFFD (one for one, so lengths stay); tab and newline are kept.

    The one safe-display rule: :mod:`claimcheck.core.text.display` builds its variants (one line
    for messages, control pictures for articles) on it or says why they differ."""
    return _UNSAFE.sub("\ufffd", text)


def sanitise_data(data: Any) -> Any:
    """Parsed JSON or TOML with every string (keys too) passed through :func:`neutralise`."""
    if isinstance(data, str):
        return neutralise(data)
    if isinstance(data, list):
        return [sanitise_data(item) for item in data]
    if isinstance(data, tuple):
        return tuple(sanitise_data(item) for item in data)
    if isinstance(data, dict):
        return {sanitise_data(k): sanitise_data(v) for k, v in data.items()}
    return data


class RefusedFile(OSError):
    """A path that is not a regular file, or is bigger than allowed; ``strerror`` says which."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def describe_non_regular(mode: int) -> str:
    """``"a FIFO"``, ``"a character device"``... for a file mode that is not a regular file."""
    return _kind(mode)


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileNotFoundError` if there is none, :class:`RefusedFile` if it is not a
    regular file (FIFO, device, socket, folder) or holds more than ``limit`` bytes, and other
    :class:`OSError` as the system gives them. Opening never blocks (a FIFO without a writer
    would), and the size is checked on the open file, so a swap between check and read is caught.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile(errno.EINVAL, f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise RefusedFile(errno.EFBIG, f"too big ({info.st_size:,} bytes, limit {limit:,})")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise RefusedFile(errno.EFBIG, f"too big (over {limit:,} bytes)")
        return b"".join(chunks)
    finally:
        os.close(fd)

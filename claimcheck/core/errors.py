"""Errors claimcheck reports to its user in one line, and the progress/cancel protocol of stages."""

from __future__ import annotations

import threading
from collections.abc import Callable

#: Called by long stages as ``progress(stage, done, total)``; ``total`` is 0 when unknown.
#: Stage labels are short user-facing phrases: "loading model", "reading 5 articles",
#: "embedding 120 texts", "clustering".
Progress = Callable[[str, int, int], None]


class ClaimcheckError(Exception):
    """A problem the user can fix; its message is one clear line, shown without a traceback."""

    exit_code = 1


class InputError(ClaimcheckError):
    """Bad input or usage: a missing path, an unreadable or empty file, a bad setting."""

    exit_code = 2


class ModelLoadError(ClaimcheckError):
    """An embedding model that cannot be loaded; the message names what was tried."""

    exit_code = 2


class Cancelled(ClaimcheckError):
    """The user cancelled a long-running stage."""

    exit_code = 130


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise :class:`Cancelled` if ``cancel`` is set; stages call it between units of work."""
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled")


def no_progress(stage: str, done: int, total: int) -> None:
    """A progress callback that does nothing."""

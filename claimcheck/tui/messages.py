"""Messages the background workers post to the interface."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from claimcheck.core.browse import Row
from claimcheck.core.types import Result


@dataclass
class WorkProgress(Message, bubble=False):
    """A long stage moved on; a newer one replaces an older one still queued."""

    stage: str
    done: int
    total: int
    generation: int = 0
    """Which run it comes from; progress of a superseded run is ignored."""

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress matters, so bursts never flood the queue."""
        return isinstance(message, WorkProgress)


@dataclass
class ResultReady(Message, bubble=False):
    """A (re-)computed comparison, with corrections applied and its list rows built."""

    machine: Result
    """The result as the machine clustered it, before the reviewer's corrections."""
    result: Result
    rows: list[Row]
    keep_claim: str | None
    """The claim whose cluster should stay selected, if any."""
    reason: str
    """What produced it: load, threshold or correction."""
    generation: int = 0


@dataclass
class WorkFailed(Message, bubble=False):
    """A worker stopped with an error the user should read (one line), or was cancelled."""

    message: str
    cancelled: bool
    initial: bool
    """True if it was the first load, so there is nothing to fall back on."""
    exit_code: int = 1
    generation: int = 0


@dataclass
class ClaimsReady(Message, bubble=False):
    """The articles are read and split: each claim on its own, not yet compared, to read while
    the model and the verifier work."""

    result: Result
    """The sources and claims, each claim alone in a cluster of its own."""
    rows: list[Row]
    generation: int = 0

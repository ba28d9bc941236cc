"""Safe display: text nobody vouches for (articles, file names, server replies, settings files)
made inert before it reaches a terminal.

The one rule is :func:`claimcheck.core.untrusted.neutralise`: every character that could act on a
terminal or reorder a line (C0 and C1 controls, DEL, bidirectional overrides and isolates, lone
surrogates) becomes U+FFFD, one for one. It lives in ``untrusted``, below this package, so the
readers of settings and review files use it too. The two variants here differ from it on purpose:

- :func:`inert_line` also replaces tab and newline: a message on standard error is one line, and a
  newline in a file name would forge a second one.
- :func:`printable` shows each C0 control as its Unicode control picture ("␛", "␇", "␍") and DEL as
  "␡", so a reader of an article in the interface sees what the article held; it leaves lone
  surrogates, which the interface has always shown as its terminal encodes them.
"""

from __future__ import annotations

import re

from claimcheck.core.untrusted import neutralise

__all__ = ["inert_line", "one_line", "printable"]

_LAYOUT = str.maketrans({"\t": "\ufffd", "\n": "\ufffd"})


def inert_line(text: str) -> str:
    """``text`` with :func:`~claimcheck.core.untrusted.neutralise` applied and tab and newline
    replaced too: safe to print as (part of) one line, one character for one."""
    return neutralise(text).translate(_LAYOUT)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" of the character: ␛, ␇, ␍...
    if code == 0x7F:
        return "␡"
    return "�"  # C1 controls and bidirectional overrides


def printable(text: str) -> str:
    """``text`` with control characters shown as visible placeholders, one for one.

    Terminal escapes (ESC, OSC 52, BEL, carriage return...) would act on the terminal; each is
    replaced by a single visible character, so offsets into the text stay valid. Tab and newline
    are kept.
    """
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` made printable and squeezed onto one line."""
    return _SPACE.sub(" ", printable(text)).strip()

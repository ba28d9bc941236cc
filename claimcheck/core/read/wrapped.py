"""Text broken into lines of a fixed width (an e-mail, a wire story saved as plain text, a
Markdown file): its paragraphs joined again, so that a sentence is not cut where a line ended.

The rest of claimcheck reads a line break as the end of a unit (a heading, a date line, a
timeline entry, a paragraph). In text wrapped at a width, most line breaks fall inside
sentences: "The minister said on Monday that the" / "government would raise taxes." were two
claims. A greedy wrapper breaks a line where the next word would not fit; such a break is
what :func:`unwrap` undoes, and only in a text where most breaks are of that kind.
"""

from __future__ import annotations

import re
from itertools import pairwise

#: A text whose lines run longer than this (the 90th percentile of its lines) is not wrapped.
MAX_WIDTH = 100
#: Lines followed by another line that a text needs before it is read as wrapped.
MIN_BREAKS = 3
#: Share of those lines that must break where the next word would not fit, mid-sentence.
WRAPPED_SHARE = 0.5

#: What ends a line that ends a sentence (a quotation closed after it included; not one closed
#: after a comma: '…our staffs,"' / 'Netanyahu said').
_END_RE = re.compile(r"[.!?…][\"”’»)\]\s]*$")
#: A line that opens an item of a list or a quotation: never joined to the line before.
_ITEM_RE = re.compile(r"^\s*(?:[-*+•·▪►◦‣>#|]|\d{1,3}[.)])\s")
#: A word as a wrapper sees it: a no-break space does not end it.
_FIRST_WORD_RE = re.compile(r"[^ \t]+")
_HYPHEN_RE = re.compile(r"[^\W\d_]-$")


def _width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _broken(line: str, after: str, width: int) -> bool:
    """Whether ``line`` ended only because ``after``'s first word would not fit in ``width``,
    in the middle of a sentence."""
    if not line.strip() or not after.strip() or _ITEM_RE.match(after):
        return False
    if _END_RE.search(line.rstrip()):
        return False
    word = _FIRST_WORD_RE.search(after)
    return word is not None and len(line.rstrip()) + 1 + len(word.group()) > width


def unwrap(text: str) -> str:
    """``text`` with the line breaks of a text wrapped at a fixed width that fall inside a
    sentence made spaces; unchanged when the text is not wrapped (most of its lines longer
    than :data:`MAX_WIDTH`, or fewer than half of its line breaks fall where the next word
    would not fit). Blank lines, list items and lines that end a sentence stay as they are."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    width = _width(lines)
    if width == 0 or width > MAX_WIDTH:
        return text
    pairs = [
        (k, _broken(a, b, width))
        for k, (a, b) in enumerate(pairwise(lines))
        if a.strip() and b.strip()
    ]
    if len(pairs) < MIN_BREAKS or sum(b for _, b in pairs) < WRAPPED_SHARE * len(pairs):
        return text
    breaks = {k for k, broken in pairs if broken}
    out = []
    for k, line in enumerate(lines):
        if k in breaks:
            line = line.rstrip()
            # a wrapper breaks after the hyphen of a compound ("Russia-" / "backed")
            joint = "" if _HYPHEN_RE.search(line) and lines[k + 1][:1].isalpha() else " "
            out.append(line + joint)
            lines[k + 1] = lines[k + 1].lstrip()
        else:
            out.append(line + ("\n" if k < len(lines) - 1 else ""))
    return "".join(out)

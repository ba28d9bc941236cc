"""Splitting an article into sentences and deciding which are claims.

Sentences are cut for English and French (abbreviations, initials, decimals, quotes and
guillemets). Each sentence then gets a role: ``headline``, ``standfirst`` or ``body`` (kept as
claims), ``boilerplate`` (site chrome, found by general named rules, never by listing known
lines) or ``duplicate`` (a repeat inside the same article). Nothing here reads files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from claimcheck.core import lang
from claimcheck.core.text import comparison_key
from claimcheck.core.text.language import detect_sentence_language
from claimcheck.core.types import KEPT_ROLES, Claim, Role, Sentence, Source

# ============================================================================================
# Vocabulary: lang/<code>/segment.toml and lang/shared/segment.toml

_DATA = "segment"


def _words(key: str) -> frozenset[str]:
    """The words of ``key`` in every language's ``segment.toml`` and in the shared one: pages
    mix languages, so every rule reads all of them whatever a text's language."""
    shared = frozenset(str(lang.shared_table(_DATA).get(key, "")).split())
    return shared.union(*(lang.words(code, _DATA, key) for code in lang.LANGUAGES))


def _ordered(key: str) -> tuple[str, ...]:
    """The words of ``key`` in every language's ``segment.toml``, in the files' order."""
    return tuple(w for code in lang.LANGUAGES for w in lang.text(code, _DATA, key).split())


def _shared_texts(key: str) -> tuple[str, ...]:
    value = lang.shared_table(_DATA).get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"lang/shared/{_DATA}.toml: {key} is not a list of strings")
    return tuple(value)


def _alternation(key: str, before: str = "", after: str = "") -> str:
    """The regex alternatives listed under ``key`` in every language's ``segment.toml`` then in
    the shared one, in the files' order, each between ``before`` and ``after``, as one
    alternation to put inside ``(?:...)``."""
    found = [a for code in lang.LANGUAGES for a in lang.texts(code, _DATA, key)]
    found += _shared_texts(key)
    if not found:
        raise ValueError(f"lang/*/{_DATA}.toml: no language lists {key}")
    return "|".join(before + a + after for a in found)


# ============================================================================================
# Sentence splitting

#: Titles before a name: a period after them never ends a sentence ("Mr. Smith", "M. Macron").
TITLES: frozenset[str] = _words("titles")
#: Abbreviations that usually do not end a sentence, lower case. A period after one ends the
#: sentence only before a word that typically starts one ("etc. The", "en 52 av. J.-C. La").
ABBREVIATIONS: frozenset[str] = _words("abbreviations")
#: Words that typically open a sentence, lower case; used to settle the ambiguous cases.
SENTENCE_STARTERS: frozenset[str] = _words("sentence_starters")

_END_RE = re.compile(r"(?P<p>[.!?…]+)(?P<c>(?:[)\]\"”’'»]|[ \u00a0\u202f]»)*)")
_INITIALISM_RE = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]")
_WORD_AT_RE = re.compile(r"[\"“‘«'(\[ \u00a0\u202f]*([^\W\d_]+)(\.?)")
_TRIM = " \t\r\v\f\u00a0\u202f\u2007\u2009\u200a\u200b\u200c\u200d\u2060\ufeff\u3000"
_LEAD_MARKER_RE = re.compile(r"(?:#{1,6}|>|[*•·▪►◦‣-])[ \t\u00a0]+")
_LINE_RE = re.compile(r"[^\n]+")


def _opens_sentence(text: str, pos: int, end: int) -> bool:
    """True when the word at ``pos`` is one that typically starts a sentence."""
    match = _WORD_AT_RE.match(text, pos, end)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and match.group(2):
        return False  # another initial: "J. A. Smith"
    return word.lower() in SENTENCE_STARTERS


def _is_boundary(text: str, line_start: int, match: re.Match[str], nxt: int, end: int) -> bool:
    """Whether the terminal punctuation in ``match`` ends a sentence, given the next
    non-space character at ``nxt``."""
    following = text[nxt]
    if following.islower():
        # A lower-case continuation is an incise ("» a-t-il dit", '" he said') or an
        # abbreviation inside the sentence.
        return False
    if match.group("p") != "." or match.group("c"):
        return True
    token_start = match.start()
    while token_start > line_start and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start : match.start()].lstrip("([{\"“‘«'")
    if not token:
        return True
    if token in TITLES:
        return False
    if len(token) == 1 and token.isalpha():
        if token == "M":
            return False  # "M. Dupont": the French title, never an initial that ends a text
        if following.isdigit():
            return False  # "p. 5", "t. 2"
        return _opens_sentence(text, nxt, end)
    if token.lower() in ABBREVIATIONS or _INITIALISM_RE.fullmatch(token):
        if following.isdigit():
            return False  # "Jan. 17", "No. 10", "janv. 2019"
        return _opens_sentence(text, nxt, end)
    return True


def _trim(text: str, start: int, end: int, line_start: bool) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if line_start:
        marker = _LEAD_MARKER_RE.match(text, start, end)
        if marker is not None and marker.end() < end:
            start = marker.end()
    return start, end


#: A date opening a line before a colon or a spaced dash ("Jan. 30, 2020: The WHO declares…",
#: "30 janvier : l'OMS…", "10:30 – The minister arrives", "8.50pm– An official…", "Monday April 15,
#: 5.50pm BST (6.50pm local time) – Reports…"): an entry of a timeline or a live blog.
_DATE_PREFIX_RE = re.compile(
    r"([^\n]{1,60}?)(?:[ \t\u00a0]*:[ \t\u00a0]+|[ \t\u00a0]+[–—-][ \t\u00a0]+"
    r"|(?<=[^\W_])[–—][ \t\u00a0]+)"
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _date_prefix(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(end of the date, start of the entry) when the line at ``start`` opens with a date or a
    time alone before ":" or a spaced dash, and goes on with text. The date then is a line of its
    own, as in a timeline laid out with date headings, so both layouts read the same: the entry
    is the claim, and the date heads it (a lone one heads nothing)."""
    match = _DATE_PREFIX_RE.match(text, start, end)
    if match is None or not text[match.end() : end].strip():
        return None
    tokens = [t.lower() for t in _DATE_TOKEN_RE.findall(match.group(1))]
    if not _date_only(tokens):
        return None
    # a month, a weekday, a date or time in digits, or a year: not any number ("12 - 3")
    if not any(
        t in _MONTHS
        or t in _WEEKDAYS
        or (_NUMERIC_DATE_RE.fullmatch(t) and not t.isdecimal())
        or _YEAR_RE.fullmatch(t)
        for t in tokens
    ):
        return None
    return start + len(match.group(1)), match.end()


#: A wire dateline inside a line, after a headline glued to its lead when the page was scraped
#: ("… if Conflict Eases ISTANBUL - Turkey may …", "… Not All BOSTON – GasBuddy …", "… la crise
#: LUTON (dpa-AFX) - La compagnie …"): a place in capitals, an agency in brackets perhaps, a spaced
#: dash, a capital.
_GLUED_DATELINE_RE = re.compile(
    r"[ \u00a0](?=[A-ZÀ-Þ][A-ZÀ-Þ'’.-]{2,}(?:,?[ \u00a0][A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){0,3}"
    r"(?:[ \u00a0]?\([^()\n]{1,40}\))?[ \u00a0](?:--|[-–—])[ \u00a0][A-ZÀ-Þ\"“«])"
)
_DATELINE_NOT_AFTER = _words("dateline_not_after")
#: A headline has at least this many words before a dateline or a lead glued to it.
_GLUED_HEADLINE_WORDS = 4
#: A headline repeated at the start of its lead is recognised by this many words.
_REPEATED_HEADLINE_WORDS = 6


def _glued_dateline(text: str, start: int, end: int) -> int | None:
    """Where a dateline glued to the headline before it starts, in ``text[start:end]``."""
    for match in _GLUED_DATELINE_RE.finditer(text, start, end):
        before = text[start : match.start()].split()
        if len(before) < _GLUED_HEADLINE_WORDS:
            continue
        word = before[-1]
        # the capitals start after a word in lower case that is no article or preposition: the
        # whole place is taken ("SAN FRANCISCO"), not "the BBC - TV"
        if any(c.islower() for c in word) and word.lower() not in _DATELINE_NOT_AFTER:
            return match.end()
    return None


#: The words that open a lead when a headline runs into it ("… dies in skiing accident The son
#: of …", "… rue des Rameurs Un incendie a été …"): the sentence starters, less those that are
#: as likely inside a sentence in capitals or as a figure.
_LEAD_OPENERS = SENTENCE_STARTERS - {"i", "one", "two", "and", "or"}
_LEAD_NOT_BEFORE = _words("lead_not_before")
_CONTRACTION_ENDINGS = _words("contraction_endings")
_WORD_SPAN_RE = re.compile(r"\S+")
_ELIDED_RE = re.compile(r"([^\W\d_]{1,2})['’](\S+)")
_OPENING_MARKS = "\"“«‘'(["
#: A word before which a capital opens no lead: a colon or a dash, a quote or a bracket opens
#: a subtitle or a title ("Watch Live: The …", "read « La …").
_NO_LEAD_AFTER = "\"“”«»'‘’([:–—-|"
#: How far past a first opener another one is looked for while the headline is in title case.
_TITLE_LOOKAHEAD = 6


def _lead_opener(word: str) -> str | None:
    """What follows the capital of ``word`` when it opens a lead ("" when the next word does;
    the rest of an elided word, "L'action" -> "action"), else ``None``."""
    bare = word.lstrip(_OPENING_MARKS)
    if bare != word or not bare[:1].isupper():
        return None
    elided = _ELIDED_RE.fullmatch(bare)
    if elided is not None and elided.group(2).casefold() not in _CONTRACTION_ENDINGS:
        return elided.group(2) if elided.group(1).lower() in _LEAD_OPENERS else None
    if elided is not None:
        bare = elided.group(1)  # "We're": the next word decides
    bare = bare.rstrip(",;")
    if bare.lower() in _LEAD_OPENERS and (len(bare) == 1 or bare[1:].islower()):
        return ""
    return None


def _glued_lead(text: str, start: int, end: int) -> list[int]:
    """Where the lead starts in ``text[start:end]``, the first sentence of an article, when
    the headline was run into it without a stop (scraped pages): where the headline's words
    are repeated ("Ulinzi Stars welcome trio Ulinzi Stars welcome trio ahead …"; when the whole
    headline is repeated before a capital, the repeat is a sentence of its own, then dropped as
    a copy), or at a capitalised word that opens sentences followed by a word in lower case
    ("… accident The son of …", "… d'Olaf Scholz Des milliers …"). In a headline in title case
    the last such word of the capitalised run is taken ("… Still on Rise The year …")."""
    words = [(m.start(), m.group()) for m in _WORD_SPAN_RE.finditer(text, start, end)]
    if len(words) <= _GLUED_HEADLINE_WORDS:
        return []
    folded = [re.sub(r"\W", "", w).casefold() for _, w in words]
    for k in range(_GLUED_HEADLINE_WORDS, len(words) // 2 + 1):
        m = min(k, _REPEATED_HEADLINE_WORDS)
        if folded[k : k + m] == folded[:m] and all(folded[:m]) and not words[k][1][:1].islower():
            after = 2 * k
            if (
                folded[k:after] == folded[:k]
                and after < len(words)
                and words[after][1][:1].isupper()
            ):
                return [words[k][0], words[after][0]]
            return [words[k][0]]

    def opens(i: int) -> bool:
        rest = _lead_opener(words[i][1])
        if rest is None or words[i - 1][1][-1:] in _NO_LEAD_AFTER:
            return False
        if words[i - 1][1].casefold() in _DATELINE_NOT_AFTER:
            return False
        following = (rest or (words[i + 1][1] if i + 1 < len(words) else "")).lstrip(_OPENING_MARKS)
        return following[:1].islower() and following.casefold() not in _LEAD_NOT_BEFORE

    for i in range(_GLUED_HEADLINE_WORDS, len(words) - 1):
        if not opens(i):
            continue
        for j in range(i + 1, min(i + 1 + _TITLE_LOOKAHEAD, len(words) - 1)):
            between = [w for _, w in words[i:j] if len(w) >= _TITLE_CASE_MIN_WORD]
            if not all(w.lstrip(_OPENING_MARKS)[:1].isupper() for w in between):
                break
            if between and opens(j):
                return [words[j][0]]
        return [words[i][0]]
    return []


#: An advertisement slot's word inside a line, after a word (the word before is captured).
_INLINE_ADVERT_RE = re.compile(
    rf"(\S+)[ \u00a0]+({_alternation('inline_advertisement')})[ \u00a0]+"
)
#: A capitalised word before one in lower case: what follows reads as a sentence.
_SENTENCE_AHEAD_RE = re.compile(r"[\"“«]?[A-ZÀ-Þ][\w'’-]*[ \u00a0]+[a-zà-ÿ]")


def _advert_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts around each advertisement slot's word inside ``text[start:end]``, between a word that
    is no article or preposition and what reads as a sentence ("… reception Advertisement The
    women …", "… 2020. Advertisement Do you …"; not "the Advertisement Standards Authority"): the
    word becomes a sentence of its own, which the chrome rules drop."""
    cuts: list[int] = []
    for match in _INLINE_ADVERT_RE.finditer(text, start, end):
        if match.group(1).casefold() in _DATELINE_NOT_AFTER:
            continue
        after = match.end()
        if _SENTENCE_AHEAD_RE.match(text, after, end) or _opens_sentence(text, after, end):
            cuts += [match.start(2), match.end(2)]
    return cuts


def _split_line(
    text: str, start: int, end: int, entry: bool = True, first: bool = False
) -> tuple[list[tuple[int, int]], bool]:
    """The sentence spans of one line, and whether the first is the article's headline cut
    from the lead it was run into (``first``: the article's first line, the only one where a
    headline is looked for without a dateline after it)."""
    if entry:
        head, _ = _trim(text, start, end, True)
        prefix = _date_prefix(text, head, end)
        if prefix is not None:
            rest, _ = _split_line(text, prefix[1], end, entry=False)
            return [(head, prefix[0]), *rest], False
    cuts = [start]
    for match in _END_RE.finditer(text, start, end):
        stop = match.end()
        if stop >= end or not text[stop].isspace():
            continue
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        if _is_boundary(text, start, match, nxt, end):
            cuts.append(stop)
    stop = cuts[1] if len(cuts) > 1 else end
    dateline = _glued_dateline(text, start, stop)
    glued = [dateline] if dateline is not None else _glued_lead(text, start, stop) if first else []
    cuts[1:1] = glued
    adverts = _advert_cuts(text, start, end)
    if adverts:
        cuts = sorted(set(cuts + adverts))
    cuts.append(end)
    spans = []
    for i in range(len(cuts) - 1):
        a, b = _trim(text, cuts[i], cuts[i + 1], i == 0)
        if a < b:
            spans.append((a, b))
    return spans, first and bool(glued) and len(spans) > 1


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, trimmed of surrounding spaces.

    A line break always ends a sentence (articles are a paragraph a line). English and French
    abbreviations are both recognised whatever ``language`` says, because quotes cross
    languages; ``language`` is accepted for callers that know it and future per-language rules.
    """
    del language  # both languages' rules are always on (see docstring)
    spans: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        found, _ = _split_line(text, line.start(), line.end(), first=not spans)
        spans.extend(found)
    return spans


# ============================================================================================
# Boilerplate rules

#: What each boilerplate rule catches; the key is the ``Sentence.reason`` of dropped chrome.
BOILERPLATE_RULES: dict[str, str] = {
    "punctuation": "only punctuation or symbols",
    "debris": "no real word: stray characters or mis-decoded debris",
    "markup": "HTML or script code",
    "url": "a bare link or a 'source: http...' line",
    "copyright": "copyright or reproduction notice",
    "credit": "photo, video or source credit",
    "photo_caption": "caption of a photo (the line ends with its credit)",
    "publication_stamp": "published / updated stamp",
    "bare_date": "a date or time on its own",
    "reading_time": "reading-time badge",
    "byline": "author line or author box",
    "source_note": "note on where the article first appeared",
    "comments": "comment widget",
    "read_more": "'read more' / 'lire aussi' / 'click here' link",
    "list_heading": "heading or line announcing a timeline or list ('Timeline: …', 'Key dates:')",
    "section_heading": "a section heading set between dashes ('- Premiers combats -')",
    "account_title": "title announcing the account that follows ('How the fire unfolded')",
    "related_link": "headline of another article inside the body",
    "share": "share or social-network buttons",
    "social_follow": "invitation to follow the outlet on social networks",
    "navigation": "menu, breadcrumb, navigation or footer links",
    "site_logo": "site icon or logo",
    "advertisement": "advertisement marker",
    "tags": "tags, topics or hashtags",
    "embed": "embedded post furniture (tweet, Instagram, video)",
    "cookie_notice": "cookie or privacy banner",
    "contact": "contact details: a reporter's or a newsroom's e-mail address",
    "newsletter": "newsletter or sign-up prompt",
    "subscription": "paywall or subscription appeal",
    "reader_appeal": "appeal addressed to the reader (support us, donate...)",
    "form_message": "form or error message (try again, thank you, close...)",
    "too_short": "too short to be a claim",
}

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]{3,}")
_ALNUM_RE = re.compile(r"[^\W_]")
_EDGE_LEAD = " \t\"“”‘’«»'()[]{}|•·*#>:;,.!?…–—-\u00a0"
_EDGE_TRAIL = " \t\"“”‘’«»'()[]{}|•·*#>:;,–—-\u00a0"
_QUOTE_CHARS = '"“”«»„'
_ATTRIBUTION_WORDS = _words("attribution_words")
_ATTRIBUTION_PHRASES = tuple(
    p for code in lang.LANGUAGES for p in lang.texts(code, _DATA, "attribution_phrases")
)


_WB = r"\b"
_SPACES = r"\s+"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_URL_RE = _rx(r"(?:https?://|www\.)\S+")
_VIA = _alternation("via")  # "via https://...", "AFP/Getty Images via Getty"
_URL_LINE_RE = _rx(
    rf"^(?:[^\W\d_][\w'’ -]{{0,40}}?\s*[:：]\s*|(?:{_VIA})\s+)?<?(?:https?://|www\.)\S+>?\W*$"
)
_MARKUP_RE = _rx(
    r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|&(?:nbsp|amp|quot|lt|gt|#\d+);|"
    r"^(?:var|let|const|function)\b.*[=({]|\b(?:window|document)\.\w+|^\s*[{}\[\]]\s*$|"
    r"\{\s*[\w-]+\s*:\s*[^}]+;\s*\}|^\s*(?:<!--|//|/\*)"
)
_COPYRIGHT_RE = _rx(rf"^(?:©|\(c\)|{_alternation('copyright_marks')})|" + _alternation("copyright"))
_CREDIT_LABEL_RE = _rx(
    rf"^(?:{_alternation('credit_labels')})"
    rf"\s*(?:[:：/]|{_alternation('credit_label_after', _WB, _WB)}|-|–)"
)
# Possessive runs (``*+``): a part never gives back letters of its word, which would let a long
# capitalised token be cut in very many ways before the match fails (hours on 300 letters).
_AGENCY_RE = re.compile(
    r"^(?:[A-Z][\w.'’-]*+\s*){1,5}/\s*(?:[A-Z][\w.'’-]*+\s*){1,5}"
    rf"(?:(?:{_VIA})\s+(?:[A-Z][\w.'’-]*+\s*){{1,3}})?$"
)
_STAMP_LABEL_RE = _rx(
    rf"^(?:{_alternation('stamp_labels')})\b"
    rf"(?:\s+(?:{_alternation('stamp_label_after')}|:|：))?"
)
_MINUTES = _alternation("reading_time_minutes")
_READING_TIME_RE = _rx(
    rf"^(?:{_alternation('reading_time_labels')})\s*"
    rf"[:：]?\s*(?:(?:{_alternation('reading_time_about')}|~)\s*)?\d+\s*(?:{_MINUTES})\.?$|"
    rf"^\d+\s*[-–]?\s*(?:{_MINUTES})\.?\s*(?:{_alternation('reading_time_after')})$"
)
_COMMENTS_RE = _rx(
    rf"^(?:(?:{_alternation('comment_verbs')})\s+"
    rf"(?:{_alternation('comment_determiners', after=_SPACES)})?)?"
    rf"(?:{_alternation('comment_nouns')})(?:\s*\(\d+\)|\s+\d+)?\W*$|"
    rf"{_alternation('comment_firsts', before='^')}|"
    rf"^(?:{_alternation('comments_closed_nouns')}) (?:{_alternation('comments_closed_verbs')}) "
    rf"(?:{_alternation('comments_closed_words')})|"
    rf"{_alternation('comment_invitations')}|"
    rf"^(?:{_alternation('comment_join_verbs')}) (?:{_alternation('comment_join_articles')}) "
    rf"(?:{_alternation('comment_join_nouns')})|"
    rf"{_alternation('comment_on', before='^')}"
)
_READ_MORE_RE = _rx(rf"^(?:{_alternation('read_more')})\b")
_LIST_WORDS = _alternation("list_heading")
_LIST_HEADING_RE = _rx(
    rf"(?:^|[:：,–—]\s*)(?:(?:{_alternation('list_determiners')})\s*)?(?:{_LIST_WORDS})\b"
    rf"|\b(?:{_LIST_WORDS})$"
)
_LIST_OPENER_RE = _rx(rf"^(?:{_alternation('list_opener')})\b")
_LIST_INTRO_RE = _rx(rf"(?:^|\b)(?:{_alternation('list_intro')})\b")
#: An announcement of the list however long, opening the sentence or the clause after a comma
#: ("Following is a timeline of key events since…", "Du référendum au second report, voici les
#: principales étapes du Brexit :", "…, retour sur la pandémie en 2020").
_LIST_ANNOUNCEMENT_RE = _rx(
    rf"(?:^|,\s*)(?:(?:{_alternation('list_opener')})\s+"
    rf"(?:(?:{_alternation('list_determiners')}|{_alternation('list_gap_words')})\s+){{0,3}}"
    rf"(?:{_alternation('list_intro')})|(?:{_alternation('list_look_back')}))\b"
)
_ACCOUNT_TITLE_RE = _rx(rf"^(?:{_alternation('account_title')})")
_READ_MORE_TEASER_RE = _rx(rf"^\s*(?:[:：|>»›→–—-]|{_alternation('read_more_teaser')})")
_SHARE_WORDS = _words("share_words")
_SHARE_TRIGGERS = _words("share_triggers")
_NAV_WORDS = _words("navigation_words")
_NAV_TRIGGERS = _words("navigation_triggers")
_BREADCRUMB_SEP_RE = re.compile(r"\s+[>»›→/|]\s+|\s*[>›→]\s*")
_LOGO_RE = _rx(rf"^(?:{_alternation('logo')})\b|\b(?:{_alternation('logo_last')})$")
_ADVERT_RE = _rx(rf"^(?:{_alternation('advertisement')})$")
_TAGS_RE = _rx(rf"^(?:{_alternation('tags')})\s*[:：]")
_HASHTAGS_RE = re.compile(r"^(?:[#@][\w.]+[\s,;|]*)+$")
_EMBED_RE = _rx(
    r"pic\.twitter\.com/|^[—–-]\s*.{1,60}\(@\w+\)|"
    rf"{_alternation('embed_phrases')}|{_alternation('embed_lines', '^', '$')}|"
    rf"^(?:{_alternation('embed_play')}) (?:{_alternation('embed_video')})$|"
    r"^\(?\d{1,2}:\d{2}\)?$|"
    rf"^(?:{_alternation('embed_slides')})s?\s+\d+\s*(?:{_alternation('embed_of')}|/)\s*\d+$|"
    r"^\d+\s*/\s*\d+$"
)
_COOKIE_RE = _rx(
    rf"\b(?:{_alternation('cookie_nouns')})\b.*\b(?:{_alternation('cookie_words')})\b|"
    rf"\b(?:{_alternation('cookie_verbs')})\s+"
    rf"(?:{_alternation('cookie_articles', after=_SPACES)})?(?:{_alternation('cookie_objects')})\b|"
    rf"\b(?:{_alternation('cookie_phrases')})\b.*\b(?:{_alternation('cookie_nouns')})\b"
)
_NEWSLETTER_RE = _rx(
    rf"\b(?:{_alternation('newsletter')})\b|\b(?:{_alternation('newsletter_prefixes')})"
)
_SUBSCRIPTION_RE = _rx(rf"\b(?:{_alternation('subscription')})\b")
# Phrases only a paywall uses: they mark chrome without the page addressing the reader.
_PAYWALL_RE = _rx(rf"\b(?:{_alternation('paywall')})\b")
_APPEAL_RE = _rx(rf"\b(?:{_alternation('appeal')})\b")
_SOCIAL_FOLLOW_RE = _rx(rf"\b(?:{_alternation('follow_phrases')})\b|{_alternation('follow_lines')}")
_FORM_RE = _rx(rf"{_alternation('form')}|^(?:{_alternation('form_buttons')})\W*$")
_BYLINE_RE = _rx(rf"^(?:{_alternation('byline')})\s+")
_AUTHOR_BOX_RE = _rx(
    rf"^(?:{_alternation('author_box')}|"
    rf"(?:{_alternation('author_contact')}) (?:{_alternation('author_contact_objects')}))$"
)
_SOURCE_NOTE_RE = _rx(rf"^(?:{_alternation('source_note')})")
_BYLINE_CONNECTORS = _words("byline_connectors")
# Credit labels that may head a longer note ("Source: the ministry, ..."), lower case.
_SOURCE_LABELS = tuple(sorted(_words("source_labels")))
_IMPERATIVE_NEGATIONS = _words("imperative_negations")
_NEGATED_IMPERATIVES = _words("negated_imperatives")
_SECOND_PERSON = _words("second_person")
_FIRST_PLURAL = _words("first_plural")
_IMPERATIVES = _words("imperatives")
_WEEKDAYS = _words("weekdays")
#: Month names of every language, lower case as written (lang/<code>/dates.toml).
_MONTHS = lang.merged_table("dates", "months")
_DATE_WORDS = set(_MONTHS) | _WEEKDAYS | _words("date_words")
_DATE_MARKERS = _words("date_markers")
# "15h30", "15h": the letters some languages write an hour with, as well as ":".
_HOUR_LETTERS = "|".join(re.escape(w) for w in _ordered("hour_letters"))
_CLOCK = (
    rf"(?:{_HOUR_LETTERS}|:)\d{{0,2}}(?::\d\d)?|{_HOUR_LETTERS}"
    if _HOUR_LETTERS
    else r":\d{0,2}(?::\d\d)?"
)
_ORDINAL_SUFFIXES = "|".join(
    w for code in lang.LANGUAGES for w in lang.text(code, "dates", "ordinal_suffixes").split()
)
_TIMEISH_RE = re.compile(
    rf"^\d{{1,2}}(?:{_CLOCK})$|^[+-]\d{{4}}$|^\d{{1,4}}$"
    rf"|^\d+(?:{_ORDINAL_SUFFIXES})$"
)
_VERBISH_WORDS = _words("verbish_words")
_SELF_REFERENCE_RE = _rx(
    rf"\b(?:{'|'.join(_ordered('self_reference_determiners'))}) "
    rf"(?:{'|'.join(_ordered('self_reference_nouns'))})\b"
)
_DETERMINERS = _words("determiners")
_SUBJECT_PRONOUNS = _words("subject_pronouns")
_VERB_SUFFIXES = _ordered("verb_suffixes")


class _Probe:
    """A line or sentence prepared once for all rules; costly views are computed on demand."""

    def __init__(self, text: str) -> None:
        raw = text.strip()
        if not unicodedata.is_normalized("NFKC", raw):
            raw = unicodedata.normalize("NFKC", raw)
        self.raw = raw
        self.core = raw.lstrip(_EDGE_LEAD).rstrip(_EDGE_TRAIL)
        """Without surrounding brackets, quotes, bullets and separators."""
        self.tokens: tuple[str, ...] = tuple(_TOKEN_RE.findall(self.core))
        self.lower = " ".join(self.core.lower().split())
        tail = raw.rstrip(_QUOTE_CHARS + "’')] \u00a0")
        self.terminal = tail.endswith((".", "!", "?", "…"))
        """Ends like a sentence (``.``, ``!``, ``?``, possibly inside quotes)."""

    @cached_property
    def speech(self) -> bool:
        """Quotes or an attribution verb: someone else's words, not the page talking."""
        return (
            any(q in self.raw for q in _QUOTE_CHARS)
            or not _ATTRIBUTION_WORDS.isdisjoint(self.lower_tokens)
            or any(phrase in self.lower for phrase in _ATTRIBUTION_PHRASES)
        )

    @cached_property
    def lower_tokens(self) -> tuple[str, ...]:
        return tuple(t.lower() for t in self.tokens)

    @cached_property
    def hinted(self) -> bool:
        """False when a long sentence holds none of the keyword rules' trigger strings."""
        return len(self.tokens) <= _HINT_FROM or any(h in self.lower for h in _HINTS)


def _lower_tokens(p: _Probe) -> tuple[str, ...]:
    return p.lower_tokens


# Sentences longer than this many words only go through the keyword rules if they contain one
# of these strings: one scan instead of eight on the long sentences that make up most bodies.
# Every keyword rule that can fire on a long sentence must have its trigger listed here.
_HINT_FROM = 16
_HINTS: tuple[str, ...] = (
    # Markup, links and embeds, as the rules above write them.
    "<", "&", "{", "var ", "let ", "const ", "function", "window.", "document.", "//",
    "/*", "http", "www.", "©", "(c)", "pic.twitter", "(@",
    # The chrome phrases of every language.
    *lang.shared_table(_DATA).get("hints", ()),
    *(h for code in lang.LANGUAGES for h in lang.texts(code, _DATA, "hints")),
)  # fmt: skip


def _is_debris(p: _Probe) -> bool:
    # No three-letter word, no figure, and odd characters: "Ìý", "Â", "â€".
    return (
        _LETTER_RUN_RE.search(p.raw) is None
        and not any(ch.isdigit() for ch in p.raw)
        and not p.raw.isascii()
    )


def _is_url(p: _Probe) -> bool:
    if not p.hinted:
        return False
    if _URL_LINE_RE.match(p.raw):
        return True
    urls = _URL_RE.findall(p.raw)
    if not urls:
        return False
    rest = _URL_RE.sub(" ", p.raw)
    return len(_TOKEN_RE.findall(rest)) <= 3 and sum(map(len, urls)) > len(rest.strip())


def _is_markup(p: _Probe) -> bool:
    if not p.hinted:
        return False
    if not _MARKUP_RE.search(p.raw):
        return False
    stripped = re.sub(r"<[^<>]*>|&\w+;|[{}();=<>\[\]]", " ", p.raw)
    return len(_TOKEN_RE.findall(stripped)) < 6 or p.raw.count(";") + p.raw.count("{") >= 3


def _is_copyright(p: _Probe) -> bool:
    if not p.hinted:
        return False
    return len(p.tokens) <= 30 and bool(_COPYRIGHT_RE.search(p.raw))


def _is_credit(p: _Probe) -> bool:
    if len(p.tokens) > 14:
        return False
    label = _CREDIT_LABEL_RE.match(p.core)
    if label is not None:
        if p.speech:
            return False  # "Sources: the talks failed, officials said."
        rest = _TOKEN_RE.findall(p.core[label.end() :])
        return not label.group(0).lower().startswith(_SOURCE_LABELS) or len(rest) <= 5
    # "REUTERS/Amir Cohen", "Amos Ben Gershom/GPO", "AFP/Getty Images via Getty"
    return len(p.tokens) <= 8 and not p.speech and bool(_AGENCY_RE.match(p.core.rstrip(". ")))


def _dates(token: str) -> bool:
    """True for a token that places something in time: a number, month, weekday, "ago"."""
    return (
        token in _MONTHS
        or token in _WEEKDAYS
        or token in _DATE_MARKERS
        or bool(_TIMEISH_RE.match(token))
        or bool(_NUMERIC_DATE_RE.fullmatch(token))
    )


def _date_only(tokens: list[str]) -> bool:
    """True when every token is date or time vocabulary and at least one gives a date."""
    return (
        bool(tokens)
        and all(t in _DATE_WORDS or _dates(t) for t in tokens)
        and any(_dates(t) for t in tokens)
    )


_HOUR_TOKEN = rf"|\d+(?:{_HOUR_LETTERS})\d*" if _HOUR_LETTERS else ""  # "15h30", "15h"
_NUMERIC_DATE_RE = re.compile(rf"\d[\d./:-]*\d{_HOUR_TOKEN}")
_DATE_TOKEN_RE = re.compile(
    rf"[+-]\d{{4}}\b|\d{{1,4}}(?:[./:-]\d{{1,4}}){{1,2}}{_HOUR_TOKEN}|[^\W_]+(?:['’][^\W_]+)?"
)


def _is_publication_stamp(p: _Probe) -> bool:
    if len(p.tokens) > 24:
        return False
    label = _STAMP_LABEL_RE.match(p.core)
    if label is None:
        return False
    rest = [t.lower() for t in _DATE_TOKEN_RE.findall(p.core[label.end() :])]
    if not rest:
        return True  # "Updated" alone
    # Allow an author ("Posted by Jane Doe on ..."): up to three words outside date vocabulary.
    outside = [t for t in rest if t not in _DATE_WORDS and not _dates(t)]
    return len(outside) <= 3 and any(_dates(t) for t in rest)


def _is_bare_date(p: _Probe) -> bool:
    if len(p.tokens) > 14:
        return False
    return _date_only([t.lower() for t in _DATE_TOKEN_RE.findall(p.core)])


def _is_reading_time(p: _Probe) -> bool:
    return len(p.tokens) <= 8 and bool(_READING_TIME_RE.match(p.lower))


def _is_comments(p: _Probe) -> bool:
    return len(p.tokens) <= 12 and bool(_COMMENTS_RE.search(p.lower))


def _is_read_more(p: _Probe) -> bool:
    match = _READ_MORE_RE.match(p.core)
    if match is None:
        return False
    rest = p.core[match.end() :]
    # A bare label ("Read more", "À lire aussi"), or a label before a teaser; a short real
    # sentence that happens to open with "Related" or "Watch" ends with a full stop.
    short_label = len(p.tokens) <= 3 or (len(p.tokens) <= 6 and not p.terminal)
    return short_label or bool(_READ_MORE_TEASER_RE.match(rest))


#: The most words a heading or an announcement of a timeline's list may have.
_LIST_HEADING_MAX = 16
_LIST_INTRO_MAX = 12


def _is_list_heading(p: _Probe) -> bool:
    """A heading that names a timeline or a list of key dates ("Timeline: Unrest in Syria",
    "Syrie : les dates-clés du conflit", "Civil war timeline") or a short line announcing it
    ("A timeline:", "Some key events so far:", "Here are the key moments."): the entries that
    follow state the facts, the heading none; outlets' headings of one story are alike and
    would be taken for a shared claim. Not a sentence that only mentions a timeline ("The
    timeline for the talks slipped.", "Brexit timeline slips again")."""
    n = len(p.tokens)
    if not n or n > _LIST_HEADING_MAX:
        return False
    intro = p.raw.rstrip().endswith((":", "：")) or _LIST_OPENER_RE.match(p.lower) is not None
    if intro and n <= _LIST_INTRO_MAX and _LIST_INTRO_RE.search(p.lower):
        return True
    return not p.terminal and _LIST_HEADING_RE.search(p.lower) is not None


#: A section heading set between dashes, as agency copy marks them ("- Début du retrait -",
#: "- 'We are ready' -"); the line's opening dash is read as a bullet and may be gone already.
_SECTION_HEADING_RE = re.compile(r"(?:[-–—][ \t\u00a0]+)?[^\s–—-].*[ \t\u00a0][-–—]")
_SECTION_HEADING_MAX = 8


def _is_section_heading(p: _Probe) -> bool:
    """A short line that ends on a spaced dash, with no full stop: a heading of the entries
    that follow, which state its fact again (agency copy sets headings between dashes). Two
    outlets' headings of one story are alike, and would be taken for a shared claim."""
    return (
        0 < len(p.tokens) <= _SECTION_HEADING_MAX
        and not p.terminal
        and _SECTION_HEADING_RE.fullmatch(p.raw) is not None
    )


def _is_account_title(p: _Probe) -> bool:
    """A title announcing the account the article gives ("How the Notre Dame Cathedral fire
    unfolded", "Why the talks failed", "What we know about the attack", "Ce que l'on sait de
    l'incendie"): the account's sentences state the facts, the title none, and two outlets'
    titles of one story are alike. A title line only: no full stop, no question, no colon (a
    statement may follow one); a sentence opening so ("How the virus spread is unclear.") stays.
    Not a title with a section or site after a bar, another article's link (``related_link``)."""
    n = len(p.tokens)
    return (
        0 < n <= _LIST_HEADING_MAX
        and not p.terminal
        and not any(c in p.raw for c in ":：?|")
        and _ACCOUNT_TITLE_RE.match(p.lower) is not None
    )


def _is_list_announcement(p: _Probe) -> bool:
    """A sentence of any length whose main clause announces the list that follows ("Here are
    key points of the WHO's timeline covering the first 100 days…", "De son émergence à
    Wuhan à l'urgence sanitaire, voici les principales étapes de l'épidémie", "Retour sur les
    événements des deux premiers mois"): what it mentions on the way is told by the entries,
    and the announcements of two outlets' timelines of one story are alike. Not when the list
    itself follows a colon ("Voici les principales mesures : baisse de la TVA…")."""
    match = _LIST_ANNOUNCEMENT_RE.search(p.lower)
    if match is None:
        return False
    colon = max(p.lower.rfind(":", match.end()), p.lower.rfind("：", match.end()))
    return colon < 0 or not _TOKEN_RE.search(p.lower[colon + 1 :])


def _vocabulary_only(p: _Probe, vocabulary: frozenset[str], triggers: frozenset[str]) -> bool:
    tokens = _lower_tokens(p)
    if not tokens or len(tokens) > 14:
        return False
    return all(t in vocabulary for t in tokens) and any(t in triggers for t in tokens)


def _is_share(p: _Probe) -> bool:
    return _vocabulary_only(p, _SHARE_WORDS, _SHARE_TRIGGERS)


def _is_navigation(p: _Probe) -> bool:
    if _vocabulary_only(p, _NAV_WORDS, _NAV_TRIGGERS):
        return True
    if p.terminal or len(p.tokens) > 14:
        return False
    parts = [s for s in _BREADCRUMB_SEP_RE.split(p.core) if s.strip()]
    # "Home > World > Middle East": several short labels, each starting with a capital.
    return len(parts) >= 2 and all(
        len(_TOKEN_RE.findall(s)) <= 4 and s.strip()[:1].isupper() for s in parts
    )


def _is_logo(p: _Probe) -> bool:
    return len(p.tokens) <= 7 and not p.terminal and bool(_LOGO_RE.search(p.lower))


def _is_advert(p: _Probe) -> bool:
    return len(p.tokens) <= 10 and bool(_ADVERT_RE.match(p.lower))


def _is_tags(p: _Probe) -> bool:
    return bool(_TAGS_RE.match(p.core)) or bool(_HASHTAGS_RE.match(p.raw))


def _is_embed(p: _Probe) -> bool:
    if not p.hinted:
        return False
    return len(p.tokens) <= 40 and bool(_EMBED_RE.search(p.raw if "@" in p.raw else p.lower))


def _negated_imperative(tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` open with a negated imperative ("don't miss", "ne ratez", "n'oubliez"):
    a negation word, or an elided one glued to the verb, then a verb addressing the reader."""
    verbs = _IMPERATIVES | _NEGATED_IMPERATIVES
    first = tokens[0].replace("’", "'")
    if first in _IMPERATIVE_NEGATIONS:
        return len(tokens) > 1 and tokens[1] in verbs
    return any(
        n.endswith("'") and first.startswith(n) and first[len(n) :] in verbs
        for n in _IMPERATIVE_NEGATIONS
    )


def _page_voice(p: _Probe) -> bool:
    """The page speaking to its reader: "you", "we/our", an imperative, or "this article".

    News text outside quotes almost never does this, so it separates "Sign up for our
    newsletter" from "Newsletter firm Substack raised $65m".
    """
    tokens = _lower_tokens(p)
    if not tokens:
        return False
    if tokens[0] in _IMPERATIVES:
        return True
    if _negated_imperative(tokens):
        return True
    if not _SECOND_PERSON.isdisjoint(tokens) or not _FIRST_PLURAL.isdisjoint(tokens):
        return True
    return bool(_SELF_REFERENCE_RE.search(p.lower))


#: An e-mail address: a news sentence names people, not their mailboxes, so a line holding one
#: is a contact line ("Reach reporter ... at ...@..."), a tip line or a signature.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")


def _is_contact(p: _Probe) -> bool:
    # A line, not a paragraph: a long text holding an address is an article with a contact line
    # in it, and the sentence that holds the address is what goes.
    return "@" in p.raw and len(p.tokens) <= 40 and bool(_EMAIL_RE.search(p.raw))


def _is_cookie(p: _Probe) -> bool:
    if not p.hinted or len(p.tokens) > 40 or not _COOKIE_RE.search(p.lower):
        return False
    return not p.speech and (_page_voice(p) or len(p.tokens) <= 3)


def _is_newsletter(p: _Probe) -> bool:
    if not p.hinted:
        return False
    if len(p.tokens) > 30 or not _NEWSLETTER_RE.search(p.lower) or p.speech:
        return False
    return _page_voice(p) or len(p.tokens) <= 3


def _is_subscription(p: _Probe) -> bool:
    if not p.hinted:
        return False
    if len(p.tokens) > 30 or p.speech:
        return False
    if _PAYWALL_RE.search(p.lower):
        return True
    return bool(_SUBSCRIPTION_RE.search(p.lower)) and (_page_voice(p) or len(p.tokens) <= 3)


def _is_social_follow(p: _Probe) -> bool:
    return len(p.tokens) <= 16 and bool(_SOCIAL_FOLLOW_RE.search(p.lower)) and not p.speech


def _is_reader_appeal(p: _Probe) -> bool:
    if len(p.tokens) > 25 or p.speech:
        return False
    tokens = _lower_tokens(p)
    second = any(t in _SECOND_PERSON for t in tokens)
    first = any(t in _FIRST_PLURAL for t in tokens)
    imperative = bool(tokens) and tokens[0] in _IMPERATIVES
    if p.hinted and _APPEAL_RE.search(p.lower):
        return second or first or imperative or len(tokens) <= 6
    # The page talking to its reader about itself: "you ... us", "Download our app".
    return (second and first) or (imperative and (first or second))


def _is_form_message(p: _Probe) -> bool:
    return len(p.tokens) <= 15 and bool(_FORM_RE.search(p.lower)) and not p.speech


def _is_source_note(p: _Probe) -> bool:
    return len(p.tokens) <= 30 and bool(_SOURCE_NOTE_RE.match(p.lower))


#: A signature of initials closing an article ("V.Lh.", "J.-P. M.", "M.B."): capitals, each
#: perhaps with one more letter, each with its period.
_INITIALS_RE = re.compile(r"(?:[A-ZÀ-Þ][a-zß-ÿ]?\.[ \u00a0-]*){2,}")


def _is_byline(p: _Probe) -> bool:
    if len(p.tokens) > 14:
        return False
    if _AUTHOR_BOX_RE.match(p.lower) or _INITIALS_RE.fullmatch(p.raw.strip()):
        return True
    match = _BYLINE_RE.match(p.core)
    if match is None:
        return False
    names = _TOKEN_RE.findall(p.core[match.end() :])
    if not names or not names[0][:1].isupper():
        return False
    # Every word a capitalised name or a connector ("and", "staff writer", "avec AFP").
    return all(n[:1].isupper() or n.lower() in _BYLINE_CONNECTORS for n in names)


def _verbish(word: str) -> bool:
    low = word.lower()
    return low in _VERBISH_WORDS or (len(low) > 3 and low.endswith(_VERB_SUFFIXES))


def _is_too_short(p: _Probe) -> bool:
    tokens = p.tokens
    if len(tokens) >= 3:
        return False
    if len(tokens) < 2 or not p.terminal:
        return True
    # Two words and a full stop is a sentence ("Putin agreed.", "Israël dément.") unless it
    # opens with a determiner, which makes it a noun phrase ("The president.").
    first, second = tokens
    if first.lower() in _SUBJECT_PRONOUNS or _verbish(second):
        return False
    return first.lower() in _DETERMINERS


_RULES: tuple[tuple[str, Callable[[_Probe], bool]], ...] = (
    ("markup", _is_markup),
    ("url", _is_url),
    ("copyright", _is_copyright),
    ("reading_time", _is_reading_time),
    ("publication_stamp", _is_publication_stamp),
    ("bare_date", _is_bare_date),
    ("credit", _is_credit),
    ("comments", _is_comments),
    ("contact", _is_contact),
    ("embed", _is_embed),
    ("tags", _is_tags),
    ("advertisement", _is_advert),
    ("site_logo", _is_logo),
    ("share", _is_share),
    ("social_follow", _is_social_follow),
    ("read_more", _is_read_more),
    ("list_heading", _is_list_heading),
    ("list_heading", _is_list_announcement),
    ("section_heading", _is_section_heading),
    ("account_title", _is_account_title),
    ("cookie_notice", _is_cookie),
    ("newsletter", _is_newsletter),
    ("subscription", _is_subscription),
    ("form_message", _is_form_message),
    ("reader_appeal", _is_reader_appeal),
    ("source_note", _is_source_note),
    ("byline", _is_byline),
    ("navigation", _is_navigation),
    ("too_short", _is_too_short),
)


def boilerplate_reason(text: str, language: str = "und") -> str | None:
    """The name of the boilerplate rule ``text`` (a line or sentence) matches, or None.

    Names are the keys of :data:`BOILERPLATE_RULES`. English and French chrome are both
    recognised whatever ``language`` is: sites mix them (a French page's share bar in
    English), and the rules are phrased so that real claims in either language pass.
    """
    del language  # see docstring: both languages' rules always apply
    if not _ALNUM_RE.search(text):
        return "punctuation"
    p = _Probe(text)
    if _is_debris(p):
        return "debris"
    for name, rule in _RULES:
        if rule(p):
            return name
    return None


# ============================================================================================
# Roles: headline, standfirst, body, duplicates

#: Fuzzy ratio from which two sentences of one article count as the same sentence.
DUPLICATE_RATIO = 95
#: How many title-like lines at the top are taken as headlines.
MAX_HEADLINES = 3
_TITLE_CASE_MIN_WORD = 4
_SECTION_SUFFIX_RE = re.compile(r"\s[|–—]\s*(?:[^\W\d_][\w'’-]*\s*){1,3}$")


def _title_like(text: str) -> bool:
    """A short line without final period, shaped like a headline."""
    p = _Probe(text)
    if not 3 <= len(p.tokens) <= 25 or len(text) > 220:
        return False
    if p.raw.rstrip(_QUOTE_CHARS + "’')]").endswith((".", ",", ";", ":", "…")):
        return False
    first = p.raw.lstrip(_QUOTE_CHARS + "‘'([")[:1]
    return first.isupper() or first.isdigit() or first in "$€£"


def _title_case(text: str) -> bool:
    long_words = [w for w in _TOKEN_RE.findall(text) if len(w) >= _TITLE_CASE_MIN_WORD]
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return capitalised >= 0.8 * len(long_words)


@dataclass
class _Draft:
    index: int
    start: int
    end: int
    line: int
    text: str
    role: Role = "body"
    reason: str | None = None
    whole: tuple[int, int] | None = None
    """The whole sentence's span when this draft is a clause cut from it."""


# A participle clause after a comma states a second fact ("Russia has been in Syria since 2015,
# supporting Assad's forces"; "Israël a mené des raids, affirmant que..."): it becomes a claim of
# its own so that each fact can be matched on its own. Words that end like participles but
# introduce no clause (prepositions, nouns, adjectives) are listed so they never split.
# Independent clauses joined by a semicolon or by ", and/but/while" (", et/mais/tandis que")
# are split the same way, under the same minimum length on both sides.
_CLAUSE_RE = re.compile(
    rf"(?:,\s+(?P<word>[a-zà-ÿ]{{3,}}(?:{'|'.join(_ordered('participle_endings'))}))\b)"
    rf"|(?:(?:;|,\s+(?=(?:{'|'.join(_ordered('clause_conjunctions'))})\s))\s*(?P<conj>\S))"
)
_NOT_PARTICIPLES = _words("not_participles")
#: Both parts of a split need this many words, so short asides stay attached.
_CLAUSE_MIN_WORDS = 5
#: A "sentence" longer than this is not prose (a run-on scraped line, a data blob): it is kept
#: whole, because the checks below rescan it at every comma and would cost its length squared.
_CLAUSE_MAX_CHARS = 2000


def _split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut before each participle clause; quoted speech is never cut."""
    if end - start > _CLAUSE_MAX_CHARS:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    head = start
    for match in _CLAUSE_RE.finditer(text, start, end):
        group = "word" if match.group("word") else "conj"
        if match.group("word") in _NOT_PARTICIPLES:
            continue
        before = text[head : match.start()]
        after = text[match.start(group) : end]
        if sum(before.count(q) for q in _QUOTE_CHARS) % 2 or any(q in before for q in "«“"):
            continue
        if len(before.split()) < _CLAUSE_MIN_WORDS or len(after.split()) < _CLAUSE_MIN_WORDS:
            continue
        if group == "conj" and len(before.rsplit(",", 1)[-1].split()) < 3:
            continue  # ", and" closing a list ("France, Italy, and Spain"), not a clause
        spans.append((head, match.start()))
        head = match.start(group)
    spans.append((head, end))
    return spans


def _drafts(source: Source) -> list[_Draft]:
    text = source.text
    drafts: list[_Draft] = []
    line_no = -1
    for line in _LINE_RE.finditer(text):
        sentences, glued = _split_line(text, line.start(), line.end(), first=not drafts)
        line_no += 1
        for k, (sentence_start, sentence_end) in enumerate(sentences):
            if k == 1 and glued:
                line_no += 1  # a headline run into its lead is a line of its own
            spans = _split_clauses(text, sentence_start, sentence_end)
            whole = (sentence_start, sentence_end) if len(spans) > 1 else None
            for start, end in spans:
                drafts.append(
                    _Draft(len(drafts), start, end, line_no, text[start:end], whole=whole)
                )
    return drafts


#: Sentences up to this many words are fragments that a whole-line rule may claim.
_FRAGMENT_WORDS = 5


def _mark_boilerplate(drafts: list[_Draft], language: str) -> None:
    by_line: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_line.setdefault(d.line, []).append(d)
        reason = boilerplate_reason(d.text, language)
        if reason is not None:
            d.role, d.reason = "boilerplate", reason
    for group in by_line.values():
        if len(group) < 2:
            continue
        left = [d for d in group if d.role != "boilerplate"]
        if not left:
            continue
        # A line of short fragments is judged whole ("Already a subscriber? Log in"); a line
        # holding any real-length sentence is judged sentence by sentence, so a credit or a
        # label in front of a real sentence never takes the sentence with it.
        if all(len(_TOKEN_RE.findall(d.text)) <= _FRAGMENT_WORDS for d in left):
            line_reason = boilerplate_reason(" ".join(d.text for d in group), language)
            if line_reason is not None and line_reason != "too_short":
                for d in left:
                    d.role, d.reason = "boilerplate", line_reason
                continue
        last = group[-1]
        if (
            last.reason == "credit"
            and len(group) <= 3
            and not last.text.lstrip("([").lower().startswith(_SOURCE_LABELS)
        ):
            # A caption followed by its photo credit describes a picture, not the story.
            for d in left:
                d.role, d.reason = "boilerplate", "photo_caption"


def _assign_roles(drafts: list[_Draft]) -> None:
    lines: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.role != "boilerplate":
            lines.setdefault(d.line, []).append(d)
    headlines = 0
    state = "top"
    for group in lines.values():
        if state == "top":
            if len(group) == 1 and _title_like(group[0].text) and headlines < MAX_HEADLINES:
                group[0].role = "headline"
                headlines += 1
                continue
            state = "body"
            words_in_line = sum(len(_TOKEN_RE.findall(d.text)) for d in group)
            if headlines and len(group) <= 2 and words_in_line <= 60:
                for d in group:
                    d.role = "standfirst"
                continue
        for d in group:
            d.role = "body"


_DIGITS_RE = re.compile(r"\d+")
# Keys split "didn't" into "didn t", hence the lone "t".
_NEGATIONS = _words("negations")


def _same_facts(a: str, b: str) -> bool:
    """Near-identical wording is a repeat only if figures and negations are the same: "15
    killed" then "16 killed" in one article is an inconsistency to show, not a copy."""
    if _DIGITS_RE.findall(a) != _DIGITS_RE.findall(b):
        return False
    return [w for w in a.split() if w in _NEGATIONS] == [w for w in b.split() if w in _NEGATIONS]


def _mark_duplicates(drafts: list[_Draft]) -> dict[int, int]:
    """Mark repeats; return, for each kept sentence index, how many copies it has."""
    exact: dict[str, int] = {}
    keys: list[str] = []
    owners: list[int] = []
    copies: dict[int, int] = {}
    for d in drafts:
        if d.role not in KEPT_ROLES:
            continue
        key = comparison_key(d.text)
        original = exact.get(key)
        if original is None and len(key) >= 12 and keys:
            found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=DUPLICATE_RATIO)
            if found is not None and _same_facts(key, found[0]):
                original = owners[found[2]]
        if original is not None:
            d.role, d.reason = "duplicate", f"repeats sentence {original}"
            copies[original] = copies.get(original, 1) + 1
            continue
        exact[key] = d.index
        keys.append(key)
        owners.append(d.index)
        copies.setdefault(d.index, 1)
    return copies


def _mark_inline_titles(drafts: list[_Draft]) -> None:
    """Title-shaped lines inside the body: links to other articles or section heads."""
    counts: dict[int, int] = {}
    for d in drafts:
        counts[d.line] = counts.get(d.line, 0) + 1
    for d in drafts:
        if d.role != "body" or counts[d.line] != 1 or not _title_like(d.text):
            continue
        if _SECTION_SUFFIX_RE.search(d.text) or _title_case(d.text):
            d.role, d.reason = "boilerplate", "related_link"


def _segment(source: Source) -> tuple[list[_Draft], dict[int, int]]:
    drafts = _drafts(source)
    _mark_boilerplate(drafts, source.language)
    _assign_roles(drafts)
    copies = _mark_duplicates(drafts)
    _mark_inline_titles(drafts)
    for d in drafts:
        if d.role == "duplicate" and d.reason is not None:
            original = drafts[int(d.reason.rsplit(" ", 1)[1])]
            if original.role == "boilerplate":
                # A repeated link is still a link, not a repeated claim.
                d.role, d.reason = "boilerplate", original.reason
                copies.pop(original.index, None)
    return drafts, copies


def _finish(source: Source, drafts: list[_Draft]) -> tuple[Sentence, ...]:
    return tuple(
        Sentence(
            source=source.id,
            index=d.index,
            text=d.text,
            start=d.start,
            end=d.end,
            language=(
                detect_sentence_language(d.text, source.language)
                if d.role in KEPT_ROLES
                else source.language
            ),
            role=d.role,
            reason=d.reason,
            whole=d.whole,
        )
        for d in drafts
    )


def segment(source: Source) -> tuple[Sentence, ...]:
    """Every sentence of ``source`` with its role; dropped ones carry a ``reason``."""
    drafts, _copies = _segment(source)
    return _finish(source, drafts)


def extract_claims(source: Source) -> tuple[tuple[Sentence, ...], tuple[Claim, ...]]:
    """All sentences of ``source`` and the claims made of the kept ones.

    Claim ids are ``<source id>#<position>``, positions counting kept claims from 0; a claim's
    ``repeats`` counts how many times the article states it.
    """
    drafts, copies = _segment(source)
    sentences = _finish(source, drafts)
    claims: list[Claim] = []
    for sentence in sentences:
        if sentence.role not in KEPT_ROLES:
            continue
        position = len(claims)
        claims.append(
            Claim(
                id=f"{source.id}#{position}",
                source=source.id,
                position=position,
                sentence=sentence.index,
                text=sentence.text,
                language=sentence.language,
                role=sentence.role,
                repeats=copies.get(sentence.index, 1),
            )
        )
    return sentences, tuple(claims)

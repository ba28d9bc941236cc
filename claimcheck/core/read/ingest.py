"""Reading articles from files, folders and http(s) URLs into :class:`Source` objects.

This module decodes bytes (any common encoding, mojibake repaired), reads the front matter,
pulls the article text out of HTML pages, joins again the lines of plain text wrapped at a
fixed width (:mod:`claimcheck.core.read.wrapped`) and fills in outlet, language and date. It
does not judge the text: telling site chrome from claims is
:mod:`claimcheck.core.segment.claims`'s job.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import http.client
import ipaddress
import logging
import os
import re
import socket
import stat
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimcheck.core.errors import InputError, Progress, check_cancel
from claimcheck.core.read.dates import dateline_date, parse_date
from claimcheck.core.read.wrapped import unwrap
from claimcheck.core.text import comparison_key
from claimcheck.core.text.language import (
    UNDETERMINED,
    detect_language,
    language_warning,
    normalise_language_code,
)
from claimcheck.core.types import Source

#: File suffixes read when walking a folder (a file named explicitly is read whatever its suffix).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
#: Fewer words than this extracted from a page means it holds no article.
MIN_HTML_WORDS = 4
#: Redirects followed for one URL before giving up.
MAX_REDIRECTS = 5
#: An article longer than this (in characters, after decoding and HTML extraction) is refused:
#: no news article comes near it, and the later stages' cost grows faster than the length.
MAX_TEXT_CHARS = 1_000_000
#: More articles than this in one run are refused: claimcheck compares one story's coverage,
#: and comparing the members of a cluster costs the square of their number.
MAX_ARTICLES = 1000
#: More claims than this (estimated from the text read, before any embedding) are refused: the
#: model's time and the cache's size grow with them (ten 1 MB articles, some 100,000 claims, took
#: more than 15 minutes and 2 GB of cache). Read when a run starts: the command line's
#: ``--max-claims`` sets it for the process.
MAX_CLAIMS = 20_000
#: Markup nested deeper than this is cut by the HTML parser (libxml2's default limit), with the
#: text inside it.
MAX_HTML_DEPTH = 255

Warn = Callable[[str], None]

_log = logging.getLogger(__name__)


class _Skip(Exception):
    """An input that cannot be read; the message is the reason, shown after its path."""


@dataclass
class _Item:
    """One article to read: a file path or a URL, with the label the user will recognise."""

    label: str
    path: Path | None = None
    url: str | None = None


@dataclass
class _Raw:
    """Decoded text of one input, before front matter and HTML are dealt with."""

    label: str
    stem: str
    text: str
    is_html: bool
    notes: list[str] = field(default_factory=list)
    url: str | None = None


# --------------------------------------------------------------------------------------------
# Decoding


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_LATIN_CODECS = frozenset(
    {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "mac_roman",
     "cp850", "iso8859_2", "ascii", "utf_8"}
)  # fmt: skip
#: Control characters, and the bidirectional embeddings, overrides and isolates that reorder what
#: a terminal or an editor shows (U+202A-U+202E, U+2066-U+2069: "Trojan source" text).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\u202a-\u202e\u2066-\u2069]")
_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def _looks_binary(text: str) -> bool:
    """True when decoded text is mostly not text (control characters, replacement marks)."""
    if not text:
        return False
    # The start, the middle and the end: a text header in front of binary data is still binary.
    if len(text) > 60_000:
        middle = len(text) // 2
        sample = text[:20_000] + text[middle - 10_000 : middle + 10_000] + text[-20_000:]
    else:
        sample = text
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in {"Cc", "Co", "Cn"} and ch not in "\n\r\t")
    )
    return bad > max(2, len(sample) // 100)


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when BOM-less bytes look like UTF-16 text, else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _nul_heavy(data: bytes) -> bool:
    nuls = data.count(0)
    return nuls > 2 and nuls * 100 > len(data)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Bytes of an article as text, plus notes about any fallback that was needed.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read as such; other bytes go to
    charset-normalizer, preferring Windows-1252 for Western text, which is what such files
    almost always are. Raises ``_Skip`` for binary data.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                return data.decode(codec, errors="replace"), [
                    f"not valid {name} despite its byte order mark; bad bytes replaced"
                ]
    nuls = data.count(0)
    if nuls:
        codec16 = _sniff_utf16(data)
        if codec16 is not None:
            text = data.decode(codec16, errors="replace")
            if _looks_binary(text):
                raise _Skip("binary file (contains NUL bytes)")
            return text, [f"UTF-16 without a byte order mark; read as {codec16}"]
        if nuls > 2 and nuls * 100 > len(data):
            raise _Skip("binary file (contains NUL bytes)")
        # A stray NUL or two is scraping damage in a text file, not a sign of binary data.
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, list[str]]:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _looks_binary(western):
        letters = sum(1 for ch in western if ch.isalpha())
        non_ascii = sum(1 for ch in western if ord(ch) > 127)
        # Text in a non-Latin script read as cp1252 is almost all accented letters; French or
        # German read correctly has a few percent.
        if guess is None or guess in _LATIN_CODECS or non_ascii < 0.3 * max(letters, 1):
            return western, ["not UTF-8; decoded as Windows-1252 (cp1252)"]
    if best is None or guess is None:
        raise _Skip("binary or undecodable file")
    text = str(best)
    if _looks_binary(text):
        raise _Skip("binary or undecodable file")
    return text, [f"not UTF-8; decoded as {guess}"]


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    # Only encoding repairs: quotes, ligatures, widths and normalisation of clean text stay.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def repair_mojibake(text: str) -> tuple[str, bool]:
    """``text`` with double-decoding damage ("Ã©" for "é", "â€™" for "’") undone, and whether
    anything changed. Clean text comes back unchanged."""
    if text.isascii():
        return text, False
    import ftfy

    fixed = ftfy.fix_text(text, _ftfy_config())
    return fixed, fixed != text


def clean_text(text: str) -> str:
    """Newlines normalised to ``\\n``; control characters other than ``\\n``/``\\t`` removed."""
    return _CONTROL_RE.sub("", _NEWLINES_RE.sub("\n", text))


_LABEL_BAD_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable_label(text: str) -> str:
    """``text`` (a path, URL or message naming one) safe to print and to encode as UTF-8.

    File names are bytes: Python hands undecodable ones over as lone surrogates, which no report
    can encode, and a name may hold terminal escapes. Both become U+FFFD.
    """
    if not _LABEL_BAD_RE.search(text):
        return text
    # A surrogate that did not come from undecodable bytes cannot be encoded back; the
    # substitution below replaces it.
    with contextlib.suppress(UnicodeEncodeError):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _LABEL_BAD_RE.sub("\ufffd", text)


# --------------------------------------------------------------------------------------------
# Front matter

_KEY_RE = re.compile(r"^[A-Za-z_][\w-]*$")
FRONT_MATTER_KEYS = ("id", "outlet", "language", "date", "title", "original", "url")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` pairs of a leading ``---`` block, and the text after it.

    Blank lines, comments, quotes and unknown keys are tolerated; indented lines (YAML lists)
    are ignored. Text that does not open with a well-formed block comes back whole, with no
    pairs.
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, min(len(lines), 200)) if lines[i].strip() in {"---", "..."}), 0)
    if not end:
        return {}, text
    pairs: dict[str, str] = {}
    malformed = 0
    for line in lines[1:end]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or line[:1] in {" ", "\t"}:
            continue
        key, sep, value = stripped.partition(":")
        key = key.strip()
        if not sep or not _KEY_RE.match(key):
            malformed += 1
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        if value.lower() in {"~", "null", "none"}:
            value = ""
        pairs[key.lower()] = value
    if malformed > len(pairs):
        # Two horizontal rules around prose, not metadata.
        return {}, text
    return pairs, "\n".join(lines[end + 1 :])


# --------------------------------------------------------------------------------------------
# HTML


@dataclass
class _PageMeta:
    title: str | None = None
    sitename: str | None = None
    date: str | None = None
    hostname: str | None = None


_HTML_START_RE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE
)


_NUMERIC_REF_RE = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));?")


def _drop_forbidden_refs(html: str) -> str:
    """``html`` without numeric references to characters XML forbids (``&#27;``, ``&#xFFFF;``).

    lxml refuses them, and trafilatura then drops the whole page: one stray ``&#27;`` would cost
    the article. The characters themselves are removed from article text anyway.
    """

    def keep(match: re.Match[str]) -> str:
        code = int(match[1]) if match[1] else int(match[2], 16)
        forbidden = (code < 0x20 and code not in (0x9, 0xA, 0xD)) or code in (0xFFFE, 0xFFFF)
        return "" if forbidden else match[0]

    return _NUMERIC_REF_RE.sub(keep, html) if "&#" in html else html


def looks_like_html(text: str) -> bool:
    """True when ``text`` is a whole HTML document rather than article text."""
    return bool(_HTML_START_RE.match(text[:2000]))


@lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # The timeout uses signals, which only work in the main thread; the UI reads in a worker.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    # Short wire stories are articles too.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def extract_html(html: str, url: str | None = None) -> tuple[str | None, _PageMeta]:
    """The article text of an HTML page (title first, one paragraph a line) and its metadata.

    Returns ``(None, meta)`` when the page holds no article text.
    """
    import trafilatura

    html = _drop_forbidden_refs(html)
    meta = _PageMeta()
    # trafilatura and lxml raise a variety of errors on broken markup; a bad page must only
    # cost its own article, so any failure here means "no text".
    try:
        found = trafilatura.extract_metadata(html, default_url=url)
    except Exception as exc:
        _log.debug("metadata extraction failed: %s", exc)
        found = None
    if found is not None:
        meta = _PageMeta(
            title=_nonblank(found.title),
            sitename=_nonblank(found.sitename),
            date=parse_date(found.date) if found.date else None,
            hostname=_nonblank(found.hostname),
        )
    try:
        body = trafilatura.extract(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            output_format="txt",
            config=_trafilatura_config(),
        )
    except Exception as exc:
        _log.debug("text extraction failed: %s", exc)
        body = None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        # A page that yields a word or two ("Menu") has no article, only chrome.
        return None, meta
    if meta.title:
        first = body.lstrip().split("\n", 1)[0]
        if comparison_key(meta.title) not in comparison_key(first):
            body = f"{meta.title}\n{body}"
    return body, meta


def _nonblank(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


# --------------------------------------------------------------------------------------------
# Files and folders


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _expand(inputs: Sequence[str], warn: Warn) -> list[_Item]:
    items: list[_Item] = []
    for raw in inputs:
        label = printable_label(raw)
        if _is_url(raw):
            items.append(_Item(label=label, url=raw))
            continue
        if _SCHEME_RE.match(raw):
            raise InputError(f"unsupported address (only http:// and https://): {label}")
        path = Path(raw).expanduser()
        try:
            info = path.stat()
        except FileNotFoundError:
            raise InputError(f"no such file or folder: {label}") from None
        except OSError as exc:
            warn(f"{raw}: {_os_reason(exc)}; skipped")
            continue
        if stat.S_ISDIR(info.st_mode):
            found = list(_walk(path, raw, warn))
            if not found:
                warn(f"{raw}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
            items.extend(found)
        else:
            items.append(_Item(label=label, path=path))
    return _once(items, warn)


def _once(items: list[_Item], warn: Warn) -> list[_Item]:
    """``items`` with each file or address once: a file named twice, or named and also inside a
    folder given ("corpus corpus/a.txt"), is one article, not two outlets that agree on all."""
    first: dict[str, str] = {}
    kept: list[_Item] = []
    for item in items:
        key = item.url if item.path is None else os.path.realpath(item.path)
        if key is None:
            kept.append(item)
        elif key in first:
            warn(f"{item.label}: the same article as {first[key]}; read once")
        else:
            first[key] = item.label
            kept.append(item)
    return kept


def _walk(root: Path, label: str, warn: Warn) -> Iterator[_Item]:
    """Article files under ``root``, sorted, hidden entries skipped, symlink loops reported.

    A symbolic link that leads outside ``root`` is skipped with a warning: a corpus folder must
    not be able to pull ``~/secret.txt`` or the whole file system into a report (a path named on
    the command line is still read wherever it leads).
    """
    seen: set[str] = set()
    inside = os.path.realpath(root)

    def visit(folder: Path, rel: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Path]]:
        real = os.path.realpath(folder)
        if real in seen:
            warn(f"{os.path.join(label, *rel)}: folder already read (symbolic link loop?); skipped")
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            warn(f"{os.path.join(label, *rel)}: {_os_reason(exc)}; skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            here = (*rel, entry.name)
            try:
                is_dir = entry.is_dir()
                link = entry.is_symlink()
                if link:
                    os.stat(entry.path)  # raises on loops and dangling links
            except OSError as exc:
                if entry.name.lower().endswith(ARTICLE_SUFFIXES) or exc.errno == errno.ELOOP:
                    warn(f"{os.path.join(label, *here)}: {_os_reason(exc)}; skipped")
                continue
            if link and os.path.commonpath([inside, os.path.realpath(entry.path)]) != inside:
                if is_dir or entry.name.lower().endswith(ARTICLE_SUFFIXES):
                    warn(
                        f"{os.path.join(label, *here)}: symbolic link to outside the folder; "
                        "skipped (name it on the command line to read it)"
                    )
                continue
            if is_dir:
                yield from visit(Path(entry.path), here)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                yield here, Path(entry.path)

    for _rel, path in sorted(visit(root, ()), key=lambda pair: pair[0]):
        yield _Item(label=printable_label(os.path.join(label, *_rel)), path=path)


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in {errno.EACCES, errno.EPERM}:
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "broken link or file vanished"
    return f"cannot read ({exc.strerror or exc})"


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} KB"
    return f"{n} bytes"


def _read_file(item: _Item, max_bytes: int) -> _Raw:
    assert item.path is not None
    try:
        info = item.path.stat()
    except OSError as exc:
        raise _Skip(_os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("not a regular file")
    if info.st_size > max_bytes:
        raise _Skip(f"too big ({_size(info.st_size)}, limit {_size(max_bytes)})")
    try:
        with item.path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _Skip(_os_reason(exc)) from None
    if len(data) > max_bytes:
        raise _Skip(f"too big (over {_size(max_bytes)})")
    if not data.strip():
        raise _Skip("empty file")
    text, notes = decode_bytes(data)
    suffix = item.path.suffix.lower()
    # A saved page is HTML whatever its name; a .html file holding plain text is still HTML
    # to its author, and trafilatura copes with that.
    is_html = suffix in HTML_SUFFIXES or looks_like_html(text)
    return _Raw(label=item.label, stem=item.path.stem, text=text, is_html=is_html, notes=notes)


# --------------------------------------------------------------------------------------------
# URLs


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def http_error_302(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        # Checked before urllib's own test, which calls any other scheme "not allowed" and so
        # reached the user as "a redirect loop".
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            if not _is_url(target):
                scheme = urllib.parse.urlsplit(target).scheme or "non-http"
                raise _Skip(
                    f"refused a redirect to a {scheme}:// address (only http and https are "
                    "followed)"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _Watchdog:
    """Shuts the connections of one fetch when its time is up.

    A socket timeout bounds each read, not the fetch: a server that sends a header line every
    few seconds would hold it for minutes. Shutting the socket ends whatever read is waiting.
    """

    def __init__(self, seconds: float, named: tuple[str, int] | None = None) -> None:
        self.named = named
        """(host, port) the user named: the only place an internal address may be reached."""
        self.expired = False
        self._deadline = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def watch(self, sock: socket.socket) -> socket.socket:
        """Register a new connection's socket (shut at once if the time is already up)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        return sock

    def connect(
        self, create: Callable[..., socket.socket], address: tuple[str, int], *args: Any
    ) -> socket.socket:
        """A connection to ``address`` made with ``create``, its name looked up within the time
        left (the system's resolver has no timeout of its own: a dead DNS server would hold the
        fetch for as long as the resolver retries)."""
        host, port = address[0], address[1]
        found: list[Any] = []

        def lookup() -> None:
            try:
                found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except OSError as exc:
                found.append(exc)

        worker = threading.Thread(target=lookup, name="claimcheck-dns", daemon=True)
        worker.start()
        worker.join(max(0.0, self._deadline - time.monotonic()))
        if not found:
            self._expire()
            raise TimeoutError(f"looking up {host} timed out")
        if isinstance(found[0], OSError):
            raise found[0]
        error: OSError = OSError(f"no address for {host}")
        if (host.lower(), port) != self.named and (host.lower(), port) not in _proxies():
            for *_, sockaddr in found[0]:
                _refuse_internal(host, str(sockaddr[0]))
        for *_, sockaddr in found[0]:
            try:
                return self.watch(create((sockaddr[0], port), *args))
            except OSError as exc:  # the next address (IPv6, then IPv4, ...)
                error = exc
        raise error

    def connection(self, base: type[http.client.HTTPConnection]) -> Any:
        """``base`` with every socket it opens made by :meth:`connect` and registered here."""
        watchdog = self

        class Watched(base):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                create: Callable[..., socket.socket] = getattr(
                    self, "_create_connection", socket.create_connection
                )
                self._create_connection = lambda address, *a: watchdog.connect(create, address, *a)

        return Watched


def _proxies() -> set[tuple[str, int]]:
    """(host, port) of the proxies the environment names: connecting to them is not a hop."""
    found = set()
    for address in urllib.request.getproxies().values():
        with contextlib.suppress(ValueError):
            parts = urllib.parse.urlsplit(address if "//" in address else f"//{address}")
            if parts.hostname:
                found.add((parts.hostname.lower(), parts.port or 80))
    return found


def _refuse_internal(host: str, address: str) -> None:
    """Raise ``_Skip`` if ``address`` is loopback, private, link-local or otherwise not public.

    Checked on every connection of a fetch but the one the user named, so a page cannot send
    claimcheck (by a redirect) to a cloud metadata service (169.254.169.254), to a local service
    (localhost:22) or into the local network; checked on the address actually connected to, so
    a name that resolves differently the second time is caught too.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    if ip.is_global and not ip.is_multicast:
        return
    kind = (
        "loopback"
        if ip.is_loopback
        else "link-local"
        if ip.is_link_local
        else "private"
        if ip.is_private
        else "non-public"
    )
    shown = host if host == address else f"{host} ({address})"
    raise _Skip(
        f"refused to connect to {shown}, a {kind} address reached through a redirect "
        "(name it on the command line to read it)"
    )


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self._watchdog.connection(http.client.HTTPConnection), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(
            self._watchdog.connection(http.client.HTTPSConnection),
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    # Built per fetch so that proxy settings in the environment are read at the time of use.
    return urllib.request.build_opener(
        _LimitedRedirects, _WatchedHTTP(watchdog), _WatchedHTTPS(watchdog)
    )


@dataclass
class _Fetched:
    data: bytes
    content_type: str
    charset: str | None
    url: str


def _named(url: str) -> tuple[str, int] | None:
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return None
    return ((parts.hostname or "").lower(), port)


def _fetch(url: str, timeout: float, max_bytes: int) -> _Fetched:
    timed_out = f"timed out after {timeout:g} s"
    with _Watchdog(timeout, _named(url)) as watchdog:
        try:
            fetched = _fetch_watched(url, timeout, max_bytes, watchdog)
        except _Skip:
            if watchdog.expired:  # the shut socket shows up as any kind of failure
                raise _Skip(timed_out) from None
            raise
        if watchdog.expired:  # a shut socket also looks like the end of the body
            raise _Skip(timed_out)
        return fetched


def _fetch_watched(url: str, timeout: float, max_bytes: int, watchdog: _Watchdog) -> _Fetched:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "claimcheck/0.1 (+article comparison)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        },
    )
    deadline = time.monotonic() + timeout
    timed_out = _Skip(f"timed out after {timeout:g} s")
    try:
        with _opener(watchdog).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdecimal() and int(length) > max_bytes:
                raise _Skip(f"too big ({_size(int(length))}, limit {_size(max_bytes)})")
            chunks: list[bytes] = []
            total = 0
            while True:
                if time.monotonic() > deadline:
                    raise timed_out
                # read1 returns what has arrived, so a server trickling bytes cannot hold
                # the read past the deadline.
                chunk = response.read1(65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise _Skip(f"too big (over {_size(max_bytes)})")
                chunks.append(chunk)
            return _Fetched(
                data=b"".join(chunks),
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
                url=response.geturl(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            raise _Skip(f"too many redirects or a redirect loop (HTTP {exc.code})") from None
        raise _Skip(f"HTTP error {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise timed_out from None
        raise _Skip(f"cannot fetch ({exc.reason})") from None
    except TimeoutError:
        raise timed_out from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise _Skip(f"cannot fetch ({exc.__class__.__name__}: {exc})") from None


def _url_stem(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        stem = os.path.splitext(urllib.parse.unquote(segments[-1]))[0]
        if stem:
            return stem
    return _host(url) or "article"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _read_url(item: _Item, timeout: float, max_bytes: int) -> _Raw:
    assert item.url is not None
    fetched = _fetch(item.url, timeout, max_bytes)
    if not fetched.data.strip():
        raise _Skip("empty response")
    kind = fetched.content_type
    is_html = kind in {"text/html", "application/xhtml+xml"}
    if not is_html and not kind.startswith("text/") and kind != "application/octet-stream":
        raise _Skip(f"not an article (content type {kind})")
    charset = fetched.charset
    if charset is None and is_html:
        found = _META_CHARSET_RE.search(fetched.data[:4096])
        charset = found.group(1).decode("ascii", "ignore") if found else None
    text: str | None = None
    notes: list[str] = []
    if charset:
        try:
            text = fetched.data.decode(charset)
            text = text.removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, notes = decode_bytes(fetched.data)
    elif _looks_binary(text) or (
        _nul_heavy(fetched.data) and not (charset or "").lower().startswith(("utf-16", "utf-32"))
    ):
        # A declared charset decodes any bytes (iso-8859-1 maps all 256): the same check as
        # for files, whatever the server says.
        raise _Skip(f"binary data, not text (sent as {kind}; charset={charset})")
    if not is_html and looks_like_html(text):
        is_html = True
    return _Raw(
        label=item.label,
        stem=_url_stem(fetched.url),
        text=text,
        is_html=is_html,
        notes=notes,
        url=fetched.url,
    )


# --------------------------------------------------------------------------------------------
# Building a Source

# Ids are printed raw inside Markdown code spans and table cells and used as JSON keys, and come
# from file names and front matter: only letters, digits, "_", "." and "-" are kept.
_ID_BAD_RE = re.compile(r"[^\w.-]+")


def _clean_id(value: str) -> str:
    return _ID_BAD_RE.sub("-", value.strip()).strip("-")


#: The start of claimcheck's own reports: the Markdown title and settings line, or the JSON
#: report's first keys. A saved report in the corpus folder is not an article.
_OWN_REPORT_RE = re.compile(
    r'\A\ufeff?\s*(?:# claimcheck report\s*\n\s*Model `|\{\s*"schema_version":\s*\d+,\s*"sources":)'
)


def is_claimcheck_report(text: str) -> bool:
    """Whether ``text`` is a report claimcheck wrote (Markdown or JSON)."""
    return _OWN_REPORT_RE.match(text[:2000]) is not None


_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def html_depth(html: str) -> int:
    """How deep the page's elements nest at most (void and self-closed tags do not count)."""
    depth = deepest = 0
    for match in _TAG_RE.finditer(html):
        closing, name, self_closed = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closed and name.lower() not in _VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _build_source(raw: _Raw, max_chars: int = MAX_TEXT_CHARS) -> Source:
    label = raw.label
    notes = list(raw.notes)
    if is_claimcheck_report(raw.text):
        raise _Skip("a report claimcheck wrote, not an article")
    # Repair before removing control characters: "â\x80\x99" is a mis-decoded "’" that
    # would lose its middle byte, and with it the chance of repair.
    text, repaired = repair_mojibake(raw.text)
    text = clean_text(text)
    if repaired:
        notes.append("repaired mis-decoded characters (mojibake such as 'Ã©' for 'é')")
    meta, body = split_front_matter(text)
    page = _PageMeta()
    if raw.is_html:
        extracted, page = extract_html(body, raw.url or meta.get("url") or None)
        depth = html_depth(body)
        deep = (
            f"its markup nests {depth:,} levels deep and the HTML parser stops at "
            f"{MAX_HTML_DEPTH}, so text inside may be lost"
            if depth > MAX_HTML_DEPTH
            else ""
        )
        if extracted is None:
            raise _Skip("no article text found in the HTML page" + (f" ({deep})" if deep else ""))
        if deep:
            notes.append(deep)
        body = clean_text(extracted)
    else:
        body = unwrap(body)
    if not body.strip():
        raise _Skip("no text after the front matter" if meta else "no text")
    if len(body) > max_chars:
        raise _Skip(f"too long for one article ({len(body):,} characters, limit {max_chars:,})")

    source_id = _clean_id(meta.get("id", "")) or _clean_id(raw.stem) or "article"
    sitename = page.sitename
    if sitename and raw.url and sitename == urllib.parse.urlsplit(raw.url).netloc:
        sitename = None  # trafilatura's fallback is the bare host, which _host() tidies
    outlet = (
        meta.get("outlet")
        or sitename
        or _host(meta.get("url"))
        or _host(raw.url)
        or page.hostname
        or f"Source {source_id}"
    )

    language: str | None = None
    if meta.get("language"):
        language = normalise_language_code(meta["language"])
        if language is None:
            notes.append(f"unknown language '{meta['language']}' in the front matter")
    if language is None:
        language, _confidence = detect_language(body)
    problem = language_warning(language)
    if problem:
        notes.append(problem)

    date: str | None = None
    if meta.get("date"):
        try:
            date = parse_date(meta["date"])
        except ValueError:
            # A date parse_date cannot read is noted, not fatal (fuzzing once found a "²" that
            # reached int(); parse_date now only takes decimal digits).
            date = None
        if date is None:
            notes.append(f"could not read the date '{meta['date']}'")
    if date is None:
        date = page.date
    if date is None:
        date = dateline_date(body)

    return Source(
        id=source_id,
        path=label,
        outlet=outlet,
        language=language or UNDETERMINED,
        date=date,
        text=body,
        title=meta.get("title") or page.title,
        original_name=meta.get("original") or None,
        warnings=tuple(notes),
    )


def _unique_ids(sources: list[Source], warn: Warn) -> list[Source]:
    used: dict[str, str] = {}
    result: list[Source] = []
    for source in sources:
        new_id = source.id
        n = 2
        while new_id in used:
            new_id = f"{source.id}-{n}"
            n += 1
        if new_id != source.id:
            warn(
                f"{source.path}: id '{source.id}' is already used by {used[source.id]}; "
                f"using '{new_id}'"
            )
            source = replace(source, id=new_id)
        used[new_id] = source.path
        result.append(source)
    return result


def _log_warning(message: str) -> None:
    _log.warning("%s", message)


def load_sources(
    inputs: Sequence[str],
    *,
    warn: Callable[[str], None] | None = None,
    timeout: float = 10.0,
    max_bytes: int = 20_000_000,
    max_chars: int = MAX_TEXT_CHARS,
    max_articles: int = MAX_ARTICLES,
    max_claims: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[Source]:
    """Read every article named by ``inputs`` (files, folders, http(s) URLs), in order.

    Folders are walked recursively in sorted order for :data:`ARTICLE_SUFFIXES` files, hidden
    entries skipped. An input that cannot be read is reported through ``warn`` (one line) and
    skipped; notes about an article that was read go to its ``Source.warnings``. Files over
    ``max_bytes`` and texts over ``max_chars`` are skipped. Raises :class:`InputError` for a
    missing path, for more than ``max_articles`` inputs, for an estimated ``max_claims``
    claims or more (default: :data:`MAX_CLAIMS`), or when nothing readable is left, and
    :class:`~claimcheck.core.errors.Cancelled` when ``cancel`` is set.
    """
    given = warn if warn is not None else _log_warning
    said: list[str] = []

    def say(line: str) -> None:
        said.append(printable_label(line))
        given(said[-1])

    if not inputs:
        raise InputError("no articles given: name files, folders or http(s) URLs")
    items = _expand(inputs, say)
    total = len(items)
    if total > max_articles:
        raise InputError(
            f"{total} articles to read, more than the {max_articles} claimcheck compares at once:"
            " name the files of one story"
        )
    stage = f"reading {total} article{'s' if total != 1 else ''}"
    sources: list[Source] = []
    for done, item in enumerate(items):
        check_cancel(cancel)
        if progress is not None:
            progress(stage, done, total)
        try:
            raw = (
                _read_url(item, timeout, max_bytes)
                if item.url is not None
                else _read_file(item, max_bytes)
            )
            sources.append(_build_source(raw, max_chars))
        except _Skip as skip:
            say(f"{item.label}: {skip}; skipped")
        except MemoryError:
            raise
        except Exception as exc:
            # A library failing on one input (a broken page, a missing optional module such as
            # lxml_html_clean) costs that input, not the whole run.
            if os.environ.get("CLAIMCHECK_DEBUG"):
                raise
            reason = " ".join(str(exc).split())[:200]
            say(f"{item.label}: cannot be read ({type(exc).__name__}: {reason}); skipped")
    check_cancel(cancel)
    if progress is not None:
        progress(stage, total, total)
    if not sources:
        if total == 0:
            raise InputError("no article files found in the given folders")
        # The message stands alone: the interface shows it without the warnings before it.
        first = said[0].removesuffix("; skipped") if said else "no text"
        more = (
            f"; {len(said) - 1} more warning{'s' if len(said) != 2 else ''}"
            if len(said) > 1
            else ""
        )
        raise InputError(
            ("the input could not" if total == 1 else f"none of the {total} inputs could")
            + f" be read as an article ({first}{more})"
        )
    check_claim_count(sources, max_claims)
    return _unique_ids(sources, say)


#: Where one claim ends, roughly: end punctuation before a space, or a line break.
_CLAIM_END_RE = re.compile(r"[.!?…]+[\"'»”)\]]*\s|\n+")


def estimate_claims(sources: Sequence[Source]) -> int:
    """About how many claims ``sources`` will give (sentences and lines, counted cheaply)."""
    return sum(len(_CLAIM_END_RE.findall(s.text)) + 1 for s in sources)


def check_claim_count(sources: Sequence[Source], limit: int | None = None) -> None:
    """Refuse, in one line and before any embedding, an input of more claims than ``limit``
    (default: :data:`MAX_CLAIMS`)."""
    limit = MAX_CLAIMS if limit is None else limit
    estimate = estimate_claims(sources)
    if estimate > limit:
        raise InputError(
            f"about {estimate:,} claims in {len(sources)} articles, more than the {limit:,} "
            "claimcheck handles in reasonable time; name fewer or shorter articles, or raise "
            f"the limit with --max-claims {max(estimate * 11 // 10, limit + 1)} (slow)"
        )

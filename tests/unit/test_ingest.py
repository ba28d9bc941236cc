"""Reading articles: encodings, front matter, folders, HTML and URLs (local server only)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimcheck.core.errors import Cancelled, InputError
from claimcheck.core.read import ingest
from claimcheck.core.read.ingest import (
    decode_bytes,
    load_sources,
    repair_mojibake,
    split_front_matter,
)
from claimcheck.core.types import Source

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"

EN_BODY = (
    "The council said on Monday that the new tram line would open in September.\n"
    "Construction cost 120 million euros, according to the transport authority.\n"
)
FR_TEXT = (
    "Le conseil a annoncé lundi que la nouvelle ligne de tramway ouvrirait en septembre. "
    "Les travaux ont coûté 120 millions d'euros, selon l'autorité des transports, "
    "et la fréquentation attendue dépasse les prévisions. Les élus se sont félicités à "
    "l'unanimité de ce résultat très attendu par les habitants du quartier."
)


class Warnings(list[str]):
    """Collects the warn() lines of one load."""

    def __call__(self, message: str) -> None:
        assert "\n" not in message, "warnings are one line"
        self.append(message)


def load_one(path: Path, **kwargs: object) -> tuple[Source, Warnings]:
    warns = Warnings()
    sources = load_sources([str(path)], warn=warns, **kwargs)  # type: ignore[arg-type]
    assert len(sources) == 1
    return sources[0], warns


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


# --------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_unicode_encodings_read_without_warning(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    if encoding == "utf-16-le":
        path.write_bytes(b"\xff\xfe" + FR_TEXT.encode("utf-16-le"))  # BOM written by hand
    else:
        path.write_bytes(FR_TEXT.encode(encoding))
    source, warns = load_one(path)
    assert source.text == FR_TEXT
    assert source.warnings == ()
    assert warns == []


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "be.txt", b"\xfe\xff" + FR_TEXT.encode("utf-16-be"))
    assert load_one(path)[0].text == FR_TEXT


def test_utf16_without_bom_is_sniffed_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, "nobom.txt", FR_TEXT.encode("utf-16-le"))
    source, warns = load_one(path)
    assert source.text == FR_TEXT
    assert any("UTF-16" in w for w in source.warnings)
    assert warns == []


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    text = FR_TEXT + " Il l’a dit « clairement » – voilà…"
    path = write(tmp_path, "legacy.txt", text.encode("cp1252"))
    source, _ = load_one(path)
    assert source.text == text
    assert any("cp1252" in w for w in source.warnings)


def test_latin1_bytes_decode_as_western_text() -> None:
    text, notes = decode_bytes("Déjà vu à Noël, très élevé".encode("latin-1"))
    assert text == "Déjà vu à Noël, très élevé"
    assert notes


def test_cyrillic_legacy_encoding_is_not_forced_into_cp1252() -> None:
    ru = "Президент России заявил в среду, что переговоры будут продолжены в Москве."
    text, notes = decode_bytes(ru.encode("cp1251"))
    assert text == ru
    assert notes


def test_mojibake_is_repaired_with_a_warning(tmp_path: Path) -> None:
    clean = "Leur réunion s’est focalisée sur l’implication d’Israël, a déclaré le ministre."
    broken = clean.encode("utf-8").decode("cp1252")
    assert "Ã©" in broken and "â€™" in broken
    path = write(tmp_path, "moji.txt", broken)
    source, _ = load_one(path)
    assert source.text == clean
    assert any("mojibake" in w for w in source.warnings)


def test_clean_text_is_not_touched_by_repair() -> None:
    text = "He said “hello” — it’s fine… naïve café «oui» ﬁne ＡＢＣ"
    assert repair_mojibake(text) == (text, False)


def test_newlines_and_control_characters_are_normalised(tmp_path: Path) -> None:
    raw = "First line here.\r\nSecond\x00 line\x07 here.\rThird\tline here.\u2028Fourth one."
    source, _ = load_one(write(tmp_path, "ctl.txt", raw))
    assert source.text == "First line here.\nSecond line here.\nThird\tline here.\nFourth one."


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "image.txt" in warns[0] and "binary" in warns[0]


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", b"\xef\xbb\xbf"])
def test_empty_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "empty.txt", content)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "empty.txt" in warns[0] and "skipped" in warns[0]


def test_front_matter_only_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "meta.txt", "---\noutlet: Nobody\n---\n\n  \n")
    warns = Warnings()
    load_sources([str(tmp_path)], warn=warns)
    assert len(warns) == 1 and "meta.txt" in warns[0] and "no text" in warns[0]


def test_too_big_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "big.txt", EN_BODY * 100)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns, max_bytes=1000)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "big.txt" in warns[0] and "too big" in warns[0]


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    locked = write(tmp_path, "locked.txt", EN_BODY)
    real_open = Path.open

    def fake_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    # The tests run as root here, so chmod cannot make a file unreadable.
    monkeypatch.setattr(Path, "open", fake_open)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert warns == [f"{locked}: permission denied; skipped"]


def test_an_article_named_twice_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", EN_BODY)
    write(tmp_path, "b.txt", FR_TEXT)
    warns = Warnings()
    a = str(tmp_path / "a.txt")
    sources = load_sources([a, str(tmp_path), a], warn=warns)
    assert [s.id for s in sources] == ["a", "b"]
    assert len(warns) == 2 and all("the same article as" in w for w in warns)
    # two files with the same text are two articles (one dispatch carried by two outlets)
    write(tmp_path, "c.txt", EN_BODY)
    assert len(load_sources([str(tmp_path)], warn=Warnings())) == 3


def test_symlink_loop_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "loop.txt" in warns[0] and "symbolic link loop" in warns[0]
    # Named directly, it is skipped the same way rather than reported as missing.
    warns.clear()
    sources = load_sources([str(loop), str(tmp_path / "good.txt")], warn=warns)
    assert len(sources) == 1 and "symbolic link loop" in warns[0]


def test_folder_symlink_cycle_does_not_recurse_forever(tmp_path: Path) -> None:
    write(tmp_path, "a/story.txt", EN_BODY)
    os.symlink(tmp_path / "a", tmp_path / "a" / "again")
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["story"]
    assert len(warns) == 1 and "again" in warns[0]


# --------------------------------------------------------------------------------------------
# Inputs, folders, ids


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^no such file or folder: .*nope\.txt$"):
        load_sources([str(tmp_path / "nope.txt")])


def test_no_inputs_is_an_input_error() -> None:
    with pytest.raises(InputError):
        load_sources([])


def test_nothing_readable_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "bin.txt", b"\x00\x01\x02\x03" * 10)
    # The message stands alone (the interface shows no warning before it): it names why.
    with pytest.raises(
        InputError, match=r"none of the 2 inputs .*bin\.txt: binary.*; 1 more warning\)$"
    ):
        load_sources([str(tmp_path)], warn=Warnings())
    with pytest.raises(
        InputError, match=r"^the input could not be read .*empty\.txt: empty file\)$"
    ):
        load_sources([str(tmp_path / "empty.txt")], warn=Warnings())


def test_folder_without_articles_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    warns = Warnings()
    with pytest.raises(InputError):
        load_sources([str(tmp_path)], warn=warns)
    assert warns and "no article files" in warns[0]


def test_unsupported_scheme_is_an_input_error() -> None:
    with pytest.raises(InputError, match="only http"):
        load_sources(["ftp://127.0.0.1/a.txt"])


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_other_files(
    tmp_path: Path,
) -> None:
    for name in [
        "b.txt", "a.md", "sub/c.html", "sub/deeper/d.markdown", "Z.htm", ".hidden.txt",
        ".git/e.txt", "notes.pdf", "data.json",
    ]:  # fmt: skip
        body = EN_BODY
        if name.endswith((".html", ".htm")):
            body = f"<html><body><article><p>{EN_BODY}</p></article></body></html>"
        write(tmp_path, name, body)
    sources = load_sources([str(tmp_path)], warn=Warnings())
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in sources] == [
        "Z.htm", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.markdown",
    ]  # fmt: skip


def test_inputs_keep_the_given_order(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", EN_BODY) for n in ("zeta", "alpha", "mid")]
    sources = load_sources([str(p) for p in paths])
    assert [s.id for s in sources] == ["zeta", "alpha", "mid"]
    assert [s.path for s in sources] == [str(p) for p in paths]


def test_explicit_file_with_other_suffix_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "story.article", EN_BODY)
    assert load_one(path)[0].text == EN_BODY


def test_id_clashes_get_suffixes_in_input_order(tmp_path: Path) -> None:
    first = write(tmp_path, "one/story.txt", EN_BODY)
    second = write(tmp_path, "two/story.txt", EN_BODY)
    third = write(tmp_path, "three.txt", "---\nid: story\n---\n" + EN_BODY)
    warns = Warnings()
    sources = load_sources([str(first), str(second), str(third)], warn=warns)
    assert [s.id for s in sources] == ["story", "story-2", "story-3"]
    assert len(warns) == 2 and all("already used" in w for w in warns)
    assert warns[0].startswith(str(second))


def test_progress_is_reported_and_cancel_stops(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path, f"{n}.txt", EN_BODY)
    calls: list[tuple[str, int, int]] = []
    load_sources([str(tmp_path)], progress=lambda s, d, t: calls.append((s, d, t)))
    assert calls[0] == ("reading 3 articles", 0, 3)
    assert calls[-1] == ("reading 3 articles", 3, 3)
    cancel = threading.Event()

    def cancel_after_first(stage: str, done: int, total: int) -> None:
        if done == 1:
            cancel.set()

    with pytest.raises(Cancelled):
        load_sources([str(tmp_path)], progress=cancel_after_first, cancel=cancel)


# --------------------------------------------------------------------------------------------
# Front matter and metadata


def test_front_matter_fields_and_body(tmp_path: Path) -> None:
    text = (
        "---\n"
        "id: custom-id\n"
        'outlet: "Le Petit Journal"\n'
        "\n"
        "language: French\n"
        "date: '30 janvier 2019'\n"
        "title: Un titre\n"
        "original: 001_abc.txt\n"
        "url: https://www.example.org/a\n"
        "unknown_key: whatever: with colons\n"
        "tags:\n"
        "  - ignored\n"
        "# a comment\n"
        "---\n" + FR_TEXT
    )
    source, warns = load_one(write(tmp_path, "file.txt", text))
    assert source.id == "custom-id"
    assert source.outlet == "Le Petit Journal"
    assert source.language == "fr"
    assert source.date == "2019-01-30"
    assert source.title == "Un titre"
    assert source.original_name == "001_abc.txt"
    assert source.text == FR_TEXT
    assert source.warnings == () and warns == []


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2019-01-30", "2019-01-30"),
        ("2019-01-30T10:00:00Z", "2019-01-30"),
        ("January 30, 2019", "2019-01-30"),
        ("30 Jan. 2019", "2019-01-30"),
        ("1er février 2019", "2019-02-01"),
        ("30/01/2019", "2019-01-30"),
        ("01/30/2019", "2019-01-30"),
        ("Wed, 30 Jan 2019 10:00:00 +0000", "2019-01-30"),
    ],
)
def test_front_matter_dates(tmp_path: Path, value: str, iso: str) -> None:
    source, _ = load_one(write(tmp_path, "d.txt", f"---\ndate: {value}\n---\n{EN_BODY}"))
    assert source.date == iso


@pytest.mark.parametrize(
    ("top", "iso"),
    [
        ("Coronavirus: a timeline\nPublished 2020-04-20\n", "2020-04-20"),
        ("La chronologie\nPublié le 21 avril 2020 à 10h32\n", "2020-04-21"),
        ("Title\nUpdated: Jan. 5, 2020 at 10:32 a.m.\nPublished Jan. 4, 2020\n", "2020-01-04"),
        ("Titre\nPar Jean Dupont\nMis à jour le 3 mars 2021\n", "2021-03-03"),
        # not the article's date: a timeline's first heading, a date in a claim, no full date
        ("Timeline\n30 January 2020\nThe WHO declares an emergency.\n", None),
        ("Published in 1998, the book sold well.\n", None),
        ("Title\nPublished 2 hours ago\n", None),
    ],
)
def test_a_publication_line_at_the_top_dates_an_article_without_metadata(
    tmp_path: Path, top: str, iso: str | None
) -> None:
    source, _ = load_one(write(tmp_path, "d.txt", top + EN_BODY))
    assert source.date == iso


@pytest.mark.parametrize(
    ("top", "iso"),
    [
        ("Publié en mai 2022\n", "2022-05-15"),
        ("Title\nPublished: May 2022\n", "2022-05-15"),
        ("Titre\nMis à jour en janvier 2023\n", "2023-01-15"),
        ("Published in May 1998, the book sold well.\n", None),  # a sentence, not a line
        ("Publié le 21 avril 2020\n", None),  # a day: the article's date
        ("Timeline\nMay 2022\nRussia withdraws.\n", None),  # no publication word
    ],
)
def test_a_publication_line_that_gives_only_a_month_is_no_date_but_a_month(
    tmp_path: Path, top: str, iso: str | None
) -> None:
    from claimcheck.core.read.dates import dateline_month

    source, _ = load_one(write(tmp_path, "m.txt", top + EN_BODY))
    assert dateline_month(source.text) == iso
    if iso is not None:
        assert source.date is None


def test_metadata_dates_win_over_a_publication_line(tmp_path: Path) -> None:
    text = f"---\ndate: 2019-01-30\n---\nTitle\nPublished 2020-04-20\n{EN_BODY}"
    assert load_one(write(tmp_path, "d.txt", text))[0].date == "2019-01-30"


def test_unreadable_date_and_language_are_noted(tmp_path: Path) -> None:
    text = f"---\ndate: sometime soon\nlanguage: elvish\n---\n{EN_BODY}"
    source, _ = load_one(write(tmp_path, "d.txt", text))
    assert source.date is None
    assert source.language == "en"  # detected instead
    assert any("sometime soon" in w for w in source.warnings)
    assert any("elvish" in w for w in source.warnings)


def test_without_front_matter_outlet_is_neutral_and_language_detected(tmp_path: Path) -> None:
    source, _ = load_one(write(tmp_path, "plain.txt", FR_TEXT))
    assert source.outlet == "Source plain"
    assert source.language == "fr"
    assert source.date is None and source.title is None
    assert source.text == FR_TEXT


def test_front_matter_url_gives_the_outlet(tmp_path: Path) -> None:
    text = f"---\nurl: https://www.example.org/world/a.html\n---\n{EN_BODY}"
    assert load_one(write(tmp_path, "u.txt", text))[0].outlet == "example.org"


def test_unclosed_or_prose_rules_are_not_front_matter(tmp_path: Path) -> None:
    assert split_front_matter("---\noutlet: X\nno closing line\n") == (
        {},
        "---\noutlet: X\nno closing line\n",
    )
    prose = "---\nA paragraph between rules.\nAnother one here.\n---\nBody."
    assert split_front_matter(prose) == ({}, prose)


def test_language_other_than_english_or_french_loads_with_warning(tmp_path: Path) -> None:
    de = (
        "Die Regierung teilte am Dienstag mit, dass der Grenzübergang bis auf Weiteres "
        "geschlossen bleibe, nachdem es zwei Tage lang Zusammenstöße gegeben hatte."
    )
    source, _ = load_one(write(tmp_path, "de.txt", de))
    assert source.language == "de"
    assert source.warnings == (
        "language 'de' is not English or French; matching quality may be lower",
    )


# --------------------------------------------------------------------------------------------
# HTML


def test_html_file_text_and_metadata() -> None:
    source, _ = load_one(DATA / "page.html")
    lines = source.text.split("\n")
    assert lines[0] == "Harbour bridge closed after storm damage"
    assert len(lines) == 4  # title + three paragraphs, one a line
    assert lines[1].startswith("The harbour bridge was closed")
    assert source.outlet == "The Coastal Courier"
    assert source.title == "Harbour bridge closed after storm damage"
    assert source.date == "2021-03-04"
    assert source.language == "en"
    assert "Log in" not in source.text and "newsletter" not in source.text


def test_html_title_is_added_when_the_body_lacks_it(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Storm closes harbour bridge</title></head><body><article>"
        f"<p>{EN_BODY}</p></article></body></html>"
    )
    source, _ = load_one(write(tmp_path, "t.html", html))
    assert source.text.split("\n")[0] == "Storm closes harbour bridge"


def test_txt_file_holding_an_html_page_is_read_as_html(tmp_path: Path) -> None:
    html = f"<!DOCTYPE html>\n<html><body><article><p>{EN_BODY}</p></article></body></html>"
    source, _ = load_one(write(tmp_path, "saved.txt", html))
    assert "<" not in source.text and "tram line" in source.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>Unclosed <b>tags <i>everywhere " + EN_BODY + "</div>",
        "<<<>>> <p>" + EN_BODY + "<p><p></table></html></body>",
        "<html><head><title>x</title></head><body>" + "<div>" * 100 + EN_BODY + "</body>",
        "<html><body><p>" + EN_BODY + "<script>var a = '<p>';</script><!-- unclosed comment",
    ],
    ids=["unclosed-tags", "garbage-around", "deep-nesting", "script-and-open-comment"],
)
def test_malformed_html_still_yields_its_text(tmp_path: Path, html: str) -> None:
    source, _ = load_one(write(tmp_path, "bad.html", html))
    assert "tram line" in source.text
    assert "<" not in source.text


def test_html_nested_beyond_the_parser_limit_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "deep.html", "<html><body>" + "<div>" * 5000 + EN_BODY + "</body></html>")
    warns = Warnings()
    assert [s.id for s in load_sources([str(tmp_path)], warn=warns)] == ["good"]
    assert len(warns) == 1 and "deep.html" in warns[0] and "no article text" in warns[0]


def test_html_that_breaks_the_extractor_is_skipped_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def explode(*args: object, **kwargs: object) -> str:
        raise ValueError("lxml choked")

    monkeypatch.setattr(trafilatura, "extract", explode)
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "boom.html", "<html><body><p>" + EN_BODY + "</p></body></html>")
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "boom.html" in warns[0]


def test_html_without_article_text_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", EN_BODY)
    write(tmp_path, "empty.html", "<html><head><title></title></head><body>  </body></html>")
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["good"]
    assert len(warns) == 1 and "empty.html" in warns[0] and "no article text" in warns[0]


def test_markdown_fixture_with_front_matter() -> None:
    source, _ = load_one(DATA / "article-fr.md")
    assert (source.id, source.outlet, source.language, source.date) == (
        "pont-fr",
        "Le Courrier du Littoral",
        "fr",
        "2021-03-04",
    )
    assert source.text.startswith("Le pont du port fermé après la tempête\n")


# --------------------------------------------------------------------------------------------
# URLs, against a server on 127.0.0.1 only

PAGE = (DATA / "page.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""

    def _send(
        self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        # The client may have timed out first, as some tests intend.
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/news/bridge.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/plain.txt":
            self._send(200, FR_TEXT.encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/nocharset":
            self._send(200, FR_TEXT.encode("utf-8"), "text/plain")
        elif path == "/moved":
            self._send(302, b"", "text/plain", {"Location": "/news/bridge.html"})
        elif path == "/loop":
            self._send(302, b"", "text/plain", {"Location": "/loop"})
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, b"", "text/plain", {"Location": f"/chain/{n + 1}"})
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"Some words. ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return  # the client gave up, as it should
        elif path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image/png")
        elif path == "/empty-article":
            self._send(200, b"<html><body><nav>Menu</nav></body></html>", "text/html")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def load_url(url: str, **kwargs: object) -> tuple[list[Source], Warnings]:
    warns = Warnings()
    try:
        sources = load_sources([url], warn=warns, **kwargs)  # type: ignore[arg-type]
    except InputError:
        sources = []
    return sources, warns


def test_url_html_page(server: str) -> None:
    sources, warns = load_url(f"{server}/news/bridge.html")
    assert warns == []
    (source,) = sources
    assert source.id == "bridge"
    assert source.path == f"{server}/news/bridge.html"
    assert source.outlet == "The Coastal Courier"
    assert source.date == "2021-03-04"
    assert source.text.startswith("Harbour bridge closed after storm damage\n")


def test_url_plain_text_with_declared_charset(server: str) -> None:
    (source,), _ = load_url(f"{server}/plain.txt")
    assert source.text == FR_TEXT
    assert source.outlet == "127.0.0.1"
    assert source.language == "fr"


def test_url_plain_text_without_charset(server: str) -> None:
    (source,), _ = load_url(f"{server}/nocharset")
    assert source.text == FR_TEXT


def test_url_redirect_is_followed(server: str) -> None:
    (source,), warns = load_url(f"{server}/moved")
    assert warns == [] and source.id == "bridge"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "HTTP error 404"),
        ("/loop", "redirect loop"),
        ("/chain/0", "too many redirects"),
        ("/image.png", "content type image/png"),
        ("/empty-article", "no article text"),
    ],
)
def test_url_failures_are_one_line_warnings(server: str, path: str, expected: str) -> None:
    sources, warns = load_url(f"{server}{path}")
    assert sources == []
    assert warns[0].startswith(f"{server}{path}: ") and expected in warns[0]


def test_url_timeout(server: str) -> None:
    start = time.monotonic()
    sources, warns = load_url(f"{server}/slow", timeout=0.3)
    assert sources == []
    assert "timed out after 0.3 s" in warns[0]
    assert time.monotonic() - start < 1.4


def test_url_trickling_server_hits_the_overall_timeout(server: str) -> None:
    start = time.monotonic()
    sources, warns = load_url(f"{server}/trickle", timeout=0.4)
    assert sources == [] and "timed out" in warns[0]
    assert time.monotonic() - start < 1.5  # the server would take 3 s


def test_url_size_cap(server: str) -> None:
    sources, warns = load_url(f"{server}/big", max_bytes=1000)
    assert sources == [] and "too big" in warns[0]


def test_unreachable_port_is_a_warning() -> None:
    import socket

    with socket.socket() as sock:  # find a free port, then leave it closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sources, warns = load_url(f"http://127.0.0.1:{port}/a.html", timeout=2)
    assert sources == [] and "cannot fetch" in warns[0]


def test_url_and_file_mix_keeps_order(server: str, tmp_path: Path) -> None:
    path = write(tmp_path, "local.txt", EN_BODY)
    sources = load_sources([str(path), f"{server}/news/bridge.html"], warn=Warnings())
    assert [s.id for s in sources] == ["local", "bridge"]


def test_module_does_not_import_heavy_libraries_eagerly() -> None:
    # trafilatura and charset-normalizer are imported when first needed; the names must
    # not be bound at module level so that `import claimcheck.core.read.ingest` stays cheap.
    assert not hasattr(ingest, "trafilatura")
    assert not hasattr(ingest, "charset_normalizer")

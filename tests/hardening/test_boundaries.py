"""What claimcheck reads stays inside what the user named (issue 14): folder links stay in the
folder (item 6), redirects stay off internal addresses (item 5), its own reports are not articles
(item 10), binary bodies are refused whatever their charset (item 11), cached vectors are checked
(item 9), one failing input is a warning (item 3), the input size is stated before the slow part
(item 8), and bidi overrides and deep markup are dealt with (item 12)."""

from __future__ import annotations

import contextlib
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.embed.encoder import embed
from claimcheck.core.errors import InputError
from claimcheck.core.pipeline import run
from claimcheck.core.read import ingest
from claimcheck.core.read.ingest import load_sources
from claimcheck.core.types import Settings
from claimcheck.report.jsonout import render_json
from claimcheck.report.markdown import render_markdown
from tests.conftest import FakeEncoder

from .helpers import EN_ARTICLE, FR_ARTICLE, run_cli

SECRET = "The launch code of the harbour is SECRET-7731 and nobody may read it here."


class Warnings(list[str]):
    def __call__(self, line: str) -> None:
        self.append(line)


def _story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------------
# Item 6: symbolic links leaving a folder


def test_links_leading_out_of_a_folder_are_skipped_with_a_warning(tmp_path: Path) -> None:
    corpus = _story(tmp_path / "corpus")
    outside = tmp_path / "home"
    (outside / "notes").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "notes" / "more.txt").write_text(SECRET, encoding="utf-8")
    (corpus / "z.txt").symlink_to(outside / "secret.txt")
    (corpus / "r").symlink_to(outside)
    (corpus / "data").mkdir()
    (corpus / "data" / "de.dat").write_text(EN_ARTICLE.replace("a", "e"), encoding="utf-8")
    (corpus / "alias.txt").symlink_to(corpus / "data" / "de.dat")  # inside: still read
    (corpus / "twin.txt").symlink_to(corpus / "en.txt")  # the same article: read once
    warns = Warnings()
    sources = load_sources([str(corpus)], warn=warns)
    assert sorted(s.id for s in sources) == ["alias", "en", "fr"]
    assert any("twin.txt: the same article as" in w for w in warns), warns
    assert all("SECRET" not in s.text for s in sources)
    outside_lines = [w for w in warns if "outside the folder" in w]
    assert len(outside_lines) == 2, warns
    assert any("z.txt" in w for w in outside_lines) and any(
        w.startswith(f"{corpus}/r:") for w in outside_lines
    )
    # Named on the command line, the same link is read: the user asked for it.
    named = load_sources([str(corpus / "en.txt"), str(corpus / "z.txt")], warn=Warnings())
    assert any("SECRET" in s.text for s in named)


def test_a_link_to_the_root_is_not_walked(tmp_path: Path) -> None:
    corpus = _story(tmp_path / "corpus")
    (corpus / "r").symlink_to("/")
    start = time.monotonic()
    warns = Warnings()
    assert len(load_sources([str(corpus)], warn=warns)) == 2
    assert time.monotonic() - start < 5 and any("outside the folder" in w for w in warns)


# ---------------------------------------------------------------------------------------------
# Item 10: claimcheck's own reports


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_saved_report_is_not_read_back_as_an_article(tmp_path: Path, fmt: str) -> None:
    corpus = _story(tmp_path / "corpus")
    result = run([str(corpus)], Settings("fake", 0.5), encoder=FakeEncoder())
    text = render_markdown(result) if fmt == "markdown" else render_json(result)
    (corpus / "claimcheck-report.md").write_text(text, encoding="utf-8")
    (corpus / "saved.txt").write_text(text, encoding="utf-8")  # JSON under a text name
    warns = Warnings()
    again = run([str(corpus)], Settings("fake", 0.5), encoder=FakeEncoder(), warn=warns.append)
    assert [s.id for s in again.sources] == [s.id for s in result.sources]
    skipped = [w for w in warns if "a report claimcheck wrote" in w]
    assert len(skipped) == 2, warns


# ---------------------------------------------------------------------------------------------
# Servers on 127.0.0.1


@contextlib.contextmanager
def _server(reply: bytes | None) -> Iterator[tuple[int, list[bytes]]]:
    """An HTTP server on 127.0.0.1 sending ``reply`` to every request; yields its port and the
    requests it received (a server that must never be reached gets ``None``: it only counts)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    seen: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                conn.settimeout(2)
                seen.append(conn.recv(65536))
                if reply is not None:
                    conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield sock.getsockname()[1], seen
    finally:
        sock.close()


def _redirect(location: str) -> bytes:
    return (
        f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def _ok(body: bytes, ctype: str) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


def _read_url(url: str) -> tuple[list[str], Warnings]:
    warns = Warnings()
    try:
        sources = load_sources([url], warn=warns, timeout=3)
    except InputError:
        sources = []
    return [s.text for s in sources], warns


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_redirect_to_another_local_service_is_refused(no_proxy: None, host: str) -> None:
    """`localhost:22`: a page named by the user sends claimcheck to another local port."""
    with (
        _server(None) as (internal, reached),
        _server(_redirect(f"http://{host}:{internal}/")) as (
            port,
            _,
        ),
    ):
        texts, warns = _read_url(f"http://127.0.0.1:{port}/story")
    assert texts == [] and reached == []
    assert len(warns) == 1 and "loopback address reached through a redirect" in warns[0], warns


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:22/"]
)
def test_a_redirect_to_metadata_or_a_private_network_is_refused(
    no_proxy: None, target: str
) -> None:
    with _server(_redirect(target)) as (port, _):
        start = time.monotonic()
        texts, warns = _read_url(f"http://127.0.0.1:{port}/story")
    assert texts == [] and len(warns) == 1 and "refused to connect" in warns[0], warns
    assert time.monotonic() - start < 2  # refused before any connection attempt


def test_a_redirect_to_a_file_says_so(no_proxy: None) -> None:
    with _server(_redirect("file:///etc/passwd")) as (port, _):
        texts, warns = _read_url(f"http://127.0.0.1:{port}/story")
    assert texts == [] and len(warns) == 1
    assert "redirect to a file:// address" in warns[0] and "loop" not in warns[0], warns


def test_the_address_the_user_named_is_still_read(no_proxy: None) -> None:
    body = EN_ARTICLE.encode()
    with _server(_ok(body, "text/plain; charset=utf-8")) as (port, _):
        texts, warns = _read_url(f"http://127.0.0.1:{port}/story")
    assert texts and "harbour bridge" in texts[0] and warns == []


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-8", "windows-1252", None])
def test_a_binary_body_is_refused_whatever_charset_it_declares(
    no_proxy: None, charset: str | None
) -> None:
    """`text/plain; charset=iso-8859-1` made 3.6 MB of garbage in 3 minutes (item 11)."""
    rng = random.Random(3)
    body = bytes(rng.randrange(256) for _ in range(200_000))
    ctype = "text/plain" + (f"; charset={charset}" if charset else "")
    with _server(_ok(body, ctype)) as (port, _):
        start = time.monotonic()
        texts, warns = _read_url(f"http://127.0.0.1:{port}/data")
    assert texts == [] and len(warns) == 1 and "binary" in warns[0], warns
    assert time.monotonic() - start < 10


def test_text_in_front_of_binary_data_is_still_binary(no_proxy: None) -> None:
    rng = random.Random(5)
    data = (EN_ARTICLE * 150).encode() + bytes(rng.randrange(256) for _ in range(200_000))
    with _server(_ok(data, "text/plain; charset=iso-8859-1")) as (port, _):
        texts, warns = _read_url(f"http://127.0.0.1:{port}/data")
    assert texts == [] and len(warns) == 1 and "binary" in warns[0], warns


# ---------------------------------------------------------------------------------------------
# Item 9: cached vectors


def _damage(db: Path, how: str) -> None:
    with sqlite3.connect(db) as conn:
        key, blob = conn.execute("SELECT text_hash, vector FROM embeddings LIMIT 1").fetchone()
        vector = np.frombuffer(blob, dtype="<f4").copy()
        if how == "nan":
            vector[3] = np.nan
        elif how == "inf":
            vector[0] = np.inf
        elif how == "scaled":
            vector *= 7.0
        elif how == "short":
            vector = vector[:-1]
        conn.execute(
            "UPDATE embeddings SET vector = ?, dim = ? WHERE text_hash = ?",
            (vector.astype("<f4").tobytes(), len(vector), key),
        )


@pytest.mark.parametrize("how", ["nan", "inf", "scaled", "short"])
def test_a_damaged_cached_vector_is_encoded_again_and_reported(tmp_path: Path, how: str) -> None:
    """One NaN in one cached row changed a report from 28 clusters to 42, silently (item 9)."""
    texts = [f"claim number {k} about the harbour bridge" for k in range(20)]
    encoder = FakeEncoder()
    encoder.dimension = encoder.dim  # type: ignore[attr-defined]
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    first = embed(texts, encoder, cache)
    cache.close()
    _damage(tmp_path / "cache.sqlite3", how)
    warnings: list[str] = []
    cache = EmbeddingCache(tmp_path / "cache.sqlite3", on_warning=warnings.append)
    encoder.calls = 0
    again = embed(texts, encoder, cache)
    assert np.isfinite(again).all() and np.allclose(again, first, atol=1e-6)
    assert len(warnings) == 1 and "1 cached vector was damaged" in warnings[0], warnings
    assert encoder.calls == 1  # only the damaged one was encoded again
    cache.close()
    cache = EmbeddingCache(tmp_path / "cache.sqlite3", on_warning=warnings.append)
    embed(texts, encoder, cache)  # stored whole again: no new warning
    assert len(warnings) == 1


# ---------------------------------------------------------------------------------------------
# Item 3: a failing library costs one input


def test_a_library_failing_on_one_input_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without lxml_html_clean, every .html file ended the run with an internal error."""
    _story(tmp_path)
    (tmp_path / "page.html").write_text(f"<html><body><p>{EN_ARTICLE}</p></body></html>", "utf-8")

    def missing(*args: object, **kwargs: object) -> object:
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(ingest, "extract_html", missing)
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)
    warns = Warnings()
    assert sorted(s.id for s in load_sources([str(tmp_path)], warn=warns)) == ["en", "fr"]
    assert len(warns) == 1 and "page.html" in warns[0] and "ImportError" in warns[0], warns


def test_trafilatura_s_html_cleaner_is_a_declared_dependency() -> None:
    import tomllib

    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [
        d.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_")
        for d in project["dependencies"]
    ]
    assert "lxml_html_clean" in names


# ---------------------------------------------------------------------------------------------
# Item 8: the size of the input is stated before the slow part


def _long_articles(folder: Path, n: int, sentences: int) -> Path:
    folder.mkdir()
    for k in range(n):
        body = " ".join(
            f"Report {k} line {i} says the harbour bridge needs {i} new cables."
            for i in range(sentences)
        )
        (folder / f"a{k}.txt").write_text(body, encoding="utf-8")
    return folder


def test_too_many_claims_are_refused_before_any_embedding(tmp_path: Path) -> None:
    folder = _long_articles(tmp_path / "big", 3, 8000)  # about 24,000 claims
    encoder = FakeEncoder()
    start = time.monotonic()
    with pytest.raises(InputError, match=r"--max-claims") as caught:
        run([str(folder)], Settings("fake", 0.5), encoder=encoder)
    assert encoder.calls == 0 and time.monotonic() - start < 20
    assert "about 24,00" in str(caught.value) and "\n" not in str(caught.value)
    assert len(load_sources([str(folder)], max_claims=30_000)) == 3


def test_cli_max_claims_refuses_in_one_line_before_loading_the_model(tmp_path: Path) -> None:
    folder = _long_articles(tmp_path / "small", 2, 30)
    out = run_cli("report", str(folder), "--max-claims", "20", "-q")
    assert out.returncode == 2 and len(out.stderr_lines) == 1, out.stderr
    assert "about 6" in out.stderr and "--max-claims" in out.stderr
    assert out.seconds < 30
    out = run_cli("report", str(folder), "--max-claims", "0")
    assert out.returncode == 2 and "must be 1 or more" in out.stderr


# ---------------------------------------------------------------------------------------------
# Item 12: bidi overrides, deep markup


def test_bidi_overrides_never_reach_warnings_or_reports(tmp_path: Path) -> None:
    folder = _story(tmp_path / "corpus")
    (folder / "fr.txt").write_text(
        "---\noutlet: Le \u202eMonde\n---\n" + FR_ARTICLE.replace("pont", "p\u202eont\u2066"),
        "utf-8",
    )
    (folder / "evil\u202etxt.exe.txt").write_bytes(b"\x00\x01" * 300)
    warns = Warnings()
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder(), warn=warns.append)
    bidi = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert warns and not bidi & set("".join(warns))
    assert not bidi & set(render_markdown(result)) and not bidi & set(render_json(result))


def test_text_lost_to_deep_markup_is_noted(tmp_path: Path) -> None:
    """A 100,000-deep page lost its inner text without a word (item 12)."""
    para = "<p>" + EN_ARTICLE.replace("\n", " ") + "</p>"
    inner = "<p>Deep inside, the mayor promised 5 million euros for the repairs next year.</p>"
    deep = "<div>" * 100_000 + inner + "</div>" * 100_000
    page = f"<html><body><article>{para}{deep}</article></body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    read = next(s for s in sources if s.id == "deep")
    assert any("levels deep" in note and "lost" in note for note in read.warnings), read.warnings

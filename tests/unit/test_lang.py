"""Language data: every language carries the same keys, so an algorithm given one language's data
never finds a table missing, and the loader reads what the files say."""

from __future__ import annotations

from importlib import resources

import pytest

from claimcheck.core import lang

_ROOT = resources.files("claimcheck.core.lang")


def _tables(code: str) -> set[str]:
    return {p.name for p in _ROOT.joinpath(code).iterdir() if p.name.endswith((".toml", ".txt"))}


def test_every_language_has_the_same_files() -> None:
    files = {code: _tables(code) for code in lang.LANGUAGES}
    first = files[lang.LANGUAGES[0]]
    assert first, "no language data found"
    for code, names in files.items():
        assert names == first, f"lang/{code}/ differs: {sorted(names ^ first)}"


@pytest.mark.parametrize(
    "name",
    sorted({n[: -len(".toml")] for n in _tables(lang.LANGUAGES[0]) if n.endswith(".toml")}),
)
def test_every_language_has_the_same_keys(name: str) -> None:
    keys = {code: set(lang.table(code, name)) for code in lang.LANGUAGES}
    first = keys[lang.LANGUAGES[0]]
    assert first, f"lang/{lang.LANGUAGES[0]}/{name}.toml is empty"
    for code, found in keys.items():
        assert found == first, f"lang/{code}/{name}.toml differs: {sorted(found ^ first)}"
        for key in found:  # one type per key across languages
            types = {type(lang.table(c, name)[key]) for c in lang.LANGUAGES}
            assert len(types) == 1, f"{name}.toml: {key} has types {types}"


def test_a_missing_language_or_key_is_empty_not_an_error() -> None:
    assert lang.words("xx", "names", "stop") == frozenset()
    assert lang.words("en", "names", "no such key") == frozenset()
    assert lang.table("en", "no such table") == {}
    assert lang.flag("xx", "names", "names_in_lowercase", True) is True


def test_words_are_read_from_the_file() -> None:
    assert "the" in lang.words("en", "names", "stop")
    assert "selon" in lang.words("fr", "names", "stop")
    assert "the" not in lang.words("fr", "names", "stop")
    assert lang.flag("en", "names", "names_in_lowercase", True) is False


def test_a_key_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError):
        lang.texts("en", "names", "stop")  # a string, not a list


def test_shared_exonyms_give_both_spellings() -> None:
    countries = lang.shared_table("names")["exonyms"]["countries"]
    russia = next(row for row in countries if row[0] == "russia")
    assert "Russie" in russia[2].split("|")

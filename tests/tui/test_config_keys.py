"""The config file carries a [keys] table (issue 13: "a config file ... (keymap, theme,
defaults)"), checked as keymap.toml is; both apply, and the config file wins where both remap
one binding. The interface keeps the table when it writes the file, and never writes over a file
it could not use."""

from __future__ import annotations

from claimcheck.core.config import Config, dumps_config, load_config, save_config

from .helpers import SIZE, app_on, current_id, notifications, settle


def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_keys_in_the_config_file_remap_and_win_over_keymap_toml(
    small_result, corpus_dir, own_config, tmp_path
):
    _write(own_config, '[interface]\nlist_width = 50\n\n[keys]\nnext-difference = "x"\n')
    keymap = tmp_path / "keymap.toml"
    _write(keymap, '[keys]\nnext-difference = "z"\nfilter = "g"\n')
    app = app_on(small_result, corpus_dir, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.keymap == {"next-difference": "x", "filter": "g"}
        assert not notifications(app)
        await pilot.press("end", "x")  # the config file's key
        assert current_id(app) == "c1"
        await pilot.press("end", "z")  # keymap.toml's key for the same binding is not used
        assert current_id(app) == "c5"
        await pilot.press("g")  # keymap.toml still remaps what the config file does not
        assert app.screen.filter_name != "all"  # type: ignore[attr-defined]


async def test_a_bad_keys_table_warns_and_leaves_out_only_its_keys(
    small_result, corpus_dir, own_config, tmp_path
):
    _write(
        own_config,
        '[interface]\ntheme = "textual-light"\n\n[keys]\nquit = "\\u001b[31m"\nnope = "n"\n',
    )
    keymap = tmp_path / "keymap.toml"
    _write(keymap, '[keys]\nnext-difference = "x"\n')
    app = app_on(small_result, corpus_dir, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        (warning,) = [n for n in notifications(app) if "[keys]" in n]
        assert str(own_config) in warning and "is not a key name" in warning
        assert "\x1b" not in warning
        assert app.keymap == {"next-difference": "x"}  # keymap.toml still applies
        assert app.theme == "textual-light"  # and the rest of the config file
        await pilot.press("end", "x")
        assert current_id(app) == "c1"


async def test_the_interface_keeps_the_keys_table_when_it_writes_the_file(
    small_result, corpus_dir, own_config
):
    _write(own_config, '[keys]\nnext-difference = "x"\n"filter" = "ctrl+f,F"\n')
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("greater_than_sign")  # the split changes: the file is written
        await settle(app, pilot)
    config, warning = load_config(own_config)
    assert warning is None and config.list_width == 50
    assert config.keys == (("next-difference", "x"), ("filter", "ctrl+f,F"))


async def test_an_unusable_config_file_is_never_written_over(small_result, corpus_dir, own_config):
    text = '[interface]\nlist_width = "wide"\n\n[keys]\nquit = "ctrl+q"\n'
    _write(own_config, text)
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert any("settings not saved" in n for n in notifications(app))
    assert own_config.read_text(encoding="utf-8") == text


def test_the_keys_table_round_trips_and_is_written_inert(tmp_path):
    path = tmp_path / "config.toml"
    config = Config(theme="nord", list_width=60, keys=(("quit", "ctrl+q"), ("odd\x1b", 'a"\\\x7f')))
    save_config(config, path)
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x7f" not in text
    assert load_config(path) == (config, None)
    assert "[keys]" not in dumps_config(Config())
    path.write_text("[keys]\nquit = 3\n", encoding="utf-8")
    config, warning = load_config(path)
    assert config == Config() and "must be a string of keys" in (warning or "")
    path.write_text('keys = "q"\n', encoding="utf-8")
    assert "[keys] is not a table" in (load_config(path)[1] or "")

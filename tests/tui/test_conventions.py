"""Terminal conventions: themes (with a high-contrast one) chosen from the palette and kept in
the config file, NO_COLOR markers readable by shape, TERM=dumb refused with one line."""

from __future__ import annotations

import itertools

import pytest
from rich.style import Style

from claimcheck import cli
from claimcheck.core.config import Config, load_config, save_config
from claimcheck.tui import render
from claimcheck.tui.app import HIGH_CONTRAST

from .helpers import SIZE, app_on, notifications, settle


async def test_a_theme_chosen_is_kept_in_the_config_file(small_result, corpus_dir, own_config):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert HIGH_CONTRAST.name in app.available_themes
        app.theme = HIGH_CONTRAST.name  # what the palette's Theme command does
        await pilot.pause(0.1)
    assert f'theme = "{HIGH_CONTRAST.name}"' in own_config.read_text(encoding="utf-8")
    again = app_on(small_result, corpus_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.theme == HIGH_CONTRAST.name
        assert again.current_theme.background == "#000000"


async def test_the_palette_theme_command_picks_a_theme(small_result, corpus_dir, own_config):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"theme", "enter")
        await pilot.pause(0.3)
        await pilot.press(*"high-contrast", "enter")
        await pilot.pause(0.3)
        assert app.theme == HIGH_CONTRAST.name
    assert HIGH_CONTRAST.name in own_config.read_text(encoding="utf-8")


async def test_an_unusable_config_warns_once_and_uses_the_defaults(
    small_result, corpus_dir, own_config
):
    own_config.parent.mkdir(parents=True, exist_ok=True)
    own_config.write_text("[interface]\nlist_width = 'wide'\n", encoding="utf-8")
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.config == Config()
        assert any("list_width must be a whole number" in n for n in notifications(app))


def test_config_round_trip_and_bad_values(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_config(Config(theme="nord", list_width=60), path)
    assert load_config(path) == (Config(theme="nord", list_width=60), None)
    path.write_text('[interface]\ntheme = "x\\u001b[31m"\n', encoding="utf-8")
    config, warning = load_config(path)
    assert config == Config() and warning and "\x1b" not in warning
    path.write_text("[interface]\ncolour = 1\n", encoding="utf-8")
    assert "unknown setting 'colour'" in (load_config(path)[1] or "")
    path.write_text("[interface]\nlist_width = 500\n", encoding="utf-8")
    assert load_config(path)[0].list_width == 80  # kept in range


def _shape(style: str) -> tuple[bool, ...]:
    """What is left of a style once colours are gone."""
    parsed = Style.parse(style)
    return (
        bool(parsed.bold),
        bool(parsed.italic),
        bool(parsed.underline),
        bool(parsed.reverse),
        bool(parsed.strike),
    )


def test_without_colour_every_highlight_keeps_a_shape_of_its_own():
    """NO_COLOR drops colours; each kind of highlight in a claim's text (figure, name, differs,
    only in one outlet) and in a word diff (deleted, inserted) still differs from plain text and
    from the others of its context by bold, italic, underline, reverse or strike."""
    plain = _shape("")
    in_text = [render.STYLE_FIGURE, render.STYLE_NAME, render.STYLE_DIFFERS, render.STYLE_ONLY_IN]
    in_diff = [render.STYLE_DELETE, render.STYLE_INSERT]
    for group in (in_text, in_diff):
        shapes = [_shape(s) for s in group]
        assert plain not in shapes
        for a, b in itertools.combinations(shapes, 2):
            assert a != b, group
    # Statuses of aligned items carry a mark as well as a colour.
    assert len(set(render.STATUS_MARKS.values())) == len(render.STATUS_MARKS)


async def test_no_color_app_shows_markers_as_letters_and_marks(
    small_result, corpus_dir, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_on(small_result, corpus_dir)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        from .helpers import screen_lines

        text = "\n".join(screen_lines(app))
        assert "✓ FA 3/3" in text  # reviewed mark and the marker letters
        assert "█" in text  # the selected outlet's bar is a block, not only a colour


def test_term_dumb_gets_one_line_pointing_at_report(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TERM", "dumb")
    code = cli.main([str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "TERM=dumb" in err and "claimcheck report" in err


def test_help_names_the_config_file(monkeypatch, capsys, own_config):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert str(own_config) in out and "keymap.toml" in out

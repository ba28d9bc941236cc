"""The claimcheck terminal interface: the app, its factory (shared by the CLI and the tests), and
``python -m claimcheck.tui.app PATH...`` for running it without the CLI.

Nothing heavy is imported here: the model, torch and numpy load inside the background worker, so
the first paint never waits for them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from rich.markup import escape
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from claimcheck.core import config as cfg
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.types import Result, Settings
from claimcheck.tui.keymap import (
    KEYS,
    binding,
    config_keys,
    default_path,
    effective_keys,
    load_keymap,
)

#: A theme for low vision and washed-out screens: white on black, yellow accents, no mid-greys.
HIGH_CONTRAST = Theme(
    name="claimcheck-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    dark=True,
)
#: Moves the palette does not list: they are cursor keys, not commands.
_NOT_COMMANDS = frozenset(
    {
        "cursor-down",
        "cursor-up",
        "cursor-left",
        "cursor-right",
        "page-down",
        "page-up",
        "first",
        "last",
        "member-down",
        "member-up",
        "command-palette",
    }
)


class ClaimcheckApp(App[None]):
    """Browse the claims that outlets share, and where they differ."""

    CSS_PATH = "app.tcss"
    TITLE = "claimcheck"
    BINDINGS = [binding("command-palette", priority=True)]  # noqa: RUF012

    def __init__(
        self,
        inputs: Sequence[str],
        settings: Settings,
        *,
        cache_dir: str | None = None,
        use_cache: bool = True,
        keymap_path: str | Path | None = None,
        result: Result | None = None,
        encoder: object | None = None,
        sidecar: str | Path | None = None,
        config_path: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.inputs = list(inputs)
        self.settings = settings
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.injected = result
        self.encoder = encoder
        self.sidecar = Path(sidecar) if sidecar is not None else None
        self.config_path = Path(config_path) if config_path is not None else cfg.config_path()
        self.config, self.config_warning = cfg.load_config(self.config_path)
        self.config_unusable = self.config_warning is not None
        """The config file could not be used: the interface never writes over it."""
        self.keymap_path = Path(keymap_path) if keymap_path is not None else default_path()
        file_keys, self.keymap_warning = load_keymap(self.keymap_path)
        own_keys, self.keys_warning = config_keys(self.config.keys, self.config_path)
        # Both tables apply; where both remap one binding, the config file's [keys] wins.
        self.keymap = {**file_keys, **own_keys}
        self.set_keymap(self.keymap)
        self._said_unsaved = False
        self.register_theme(HIGH_CONTRAST)
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        elif self.config.theme is not None and self.config_warning is None:
            self.config_warning = f"config {self.config_path}: no theme {self.config.theme!r}"

    def remember(self, **changes: object) -> None:
        """Save ``changes`` (fields of :class:`~claimcheck.core.config.Config`) to the config
        file; a file that cannot be written is said once, and the change still holds for now."""
        from dataclasses import replace

        new = replace(self.config, **changes)  # type: ignore[arg-type]
        if new == self.config:
            return
        self.config = new
        if self.config_unusable:
            # Written over, the file would lose what the reader wrote in it (their [keys]).
            if not self._said_unsaved:
                self._said_unsaved = True
                self.notify(
                    f"settings not saved: {self.config_path} could not be used; fix or delete it",
                    severity="warning",
                    markup=False,
                )
            return
        try:
            cfg.save_config(new, self.config_path)
        except ClaimcheckError as exc:
            self.notify(f"settings not saved: {exc}", severity="warning", markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        self.remember(theme=theme.name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (Theme, Keys, Quit, Screenshot), then every claimcheck command that
        can act here, by name with its key."""
        yield from super().get_system_commands(screen)
        from claimcheck.tui.screens.help import pretty_keys

        keys = effective_keys(self.keymap)
        seen: set[str] = set()
        focused = screen.focused
        for key in KEYS:
            if key.id in _NOT_COMMANDS or key.action in seen:
                continue
            target: object | None = None
            for node in (focused, screen):
                if node is not None and hasattr(node, f"action_{key.action}"):
                    target = node
                    break
            if target is None or not screen.check_action(key.action, ()):
                continue
            seen.add(key.action)
            what = key.help or key.description
            # The palette matches titles only: a command is also found by its id ("coverage").
            name = key.id.replace("-", " ")
            if name.casefold() not in what.casefold():
                what = f"{name.capitalize()}: {what}"
            yield SystemCommand(
                f"{what} ({pretty_keys(keys[key.id])})",
                escape(
                    f"key {pretty_keys(keys[key.id])} · id {key.id} in [keys] of the config file"
                ),
                partial(self.run_action, key.action, target),  # type: ignore[arg-type]
            )

    def get_default_screen(self) -> Screen[None]:
        """The main screen, which starts the work."""
        from claimcheck.tui.screens.main import MainScreen

        return MainScreen(
            self.inputs,
            self.settings,
            cache_dir=self.cache_dir,
            use_cache=self.use_cache,
            result=self.injected,
            encoder=self.encoder,
            sidecar=self.sidecar,
        )

    def on_mount(self) -> None:
        """Say once if the keymap file was unusable."""
        for warning in (self.keymap_warning, self.config_warning, self.keys_warning):
            if warning:
                self.notify(warning, severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def action_help(self) -> None:
        """Show every binding."""
        from claimcheck.tui.screens.help import HelpScreen
        from claimcheck.tui.screens.main import MainScreen

        if isinstance(self.screen, HelpScreen):
            return
        main = self.screen_stack[0] if self.screen_stack else None
        orphans = main.orphans if isinstance(main, MainScreen) else ()
        self.push_screen(
            HelpScreen(self.keymap, str(self.keymap_path), orphans, str(self.config_path))
        )


def make_app(
    inputs: Sequence[str],
    settings: Settings,
    *,
    cache_dir: str | None = None,
    use_cache: bool = True,
    keymap_path: str | Path | None = None,
    result: Result | None = None,
    encoder: object | None = None,
    sidecar: str | Path | None = None,
    config_path: str | Path | None = None,
) -> ClaimcheckApp:
    """The interface on ``inputs``; tests pass a ready ``result`` or a fake ``encoder``."""
    return ClaimcheckApp(
        inputs,
        settings,
        cache_dir=cache_dir,
        use_cache=use_cache,
        keymap_path=keymap_path,
        result=result,
        encoder=encoder,
        sidecar=sidecar,
        config_path=config_path,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Open the interface on the paths in ``argv`` with the default settings."""
    from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD

    paths = list(sys.argv[1:] if argv is None else argv)
    if not paths:
        print("usage: python -m claimcheck.tui.app PATH...", file=sys.stderr)
        return 2
    app = make_app(paths, Settings(model=DEFAULT_MODEL, threshold=DEFAULT_THRESHOLD))
    app.run()
    return int(app.return_code or 0)


if __name__ == "__main__":
    sys.exit(main())

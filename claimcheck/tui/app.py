"""The claimcheck terminal interface: the app, its factory (shared by the CLI and the tests), and
``python -m claimcheck.tui.app PATH...`` for running it without the CLI.

Nothing heavy is imported here: the model, torch and numpy load inside the background worker, so
the first paint never waits for them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from claimcheck.core.types import Result, Settings
from claimcheck.tui.keymap import default_path, load_keymap


class ClaimcheckApp(App[None]):
    """Browse the claims that outlets share, and where they differ."""

    CSS_PATH = "app.tcss"
    TITLE = "claimcheck"
    ENABLE_COMMAND_PALETTE = False

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
    ) -> None:
        super().__init__()
        self.inputs = list(inputs)
        self.settings = settings
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.injected = result
        self.encoder = encoder
        self.sidecar = Path(sidecar) if sidecar is not None else None
        self.keymap_path = Path(keymap_path) if keymap_path is not None else default_path()
        self.keymap, self.keymap_warning = load_keymap(self.keymap_path)
        self.set_keymap(self.keymap)

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
        if self.keymap_warning:
            self.notify(self.keymap_warning, severity="warning", timeout=10, markup=False)

    def action_help(self) -> None:
        """Show every binding."""
        from claimcheck.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap, str(self.keymap_path)))


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

"""The user's settings file: what the interface remembers between sessions.

It is TOML, read from ``$CLAIMCHECK_CONFIG`` if set, else from
``<user config dir>/claimcheck/config.toml`` (beside ``keymap.toml``)::

    [interface]
    theme = "textual-dark"   # any theme the command palette offers (Ctrl+P, "Theme")
    list_width = 45          # the list's share of the width, in percent (20 to 80)

    [keys]                   # binding id = "key" or "key1,key2", as in keymap.toml
    next-difference = "n,ctrl+n"

The interface writes it when the theme or the split changes, keeping the ``[keys]`` table as it
was. Here the table is only checked to be strings; the interface checks the binding ids and key
names (``claimcheck.tui.keymap``), since only it knows them. A file that cannot be used gives one
warning and the defaults; it never stops the program, and the interface then leaves it as it is.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.fileio import write_atomic
from claimcheck.core.untrusted import neutralise, read_regular

CONFIG_ENV = "CLAIMCHECK_CONFIG"
#: The list's share of the width, in percent: the default and the range it stays in.
LIST_WIDTH = 45
LIST_WIDTH_MIN = 20
LIST_WIDTH_MAX = 80
#: A config bigger than this is refused (the whole file is a few lines).
MAX_CONFIG_BYTES = 64 * 1024
#: What a theme name may be (Textual's are like ``textual-dark``, ``catppuccin-latte``).
_THEME_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")


@dataclass(frozen=True)
class Config:
    """What the interface remembers."""

    theme: str | None = None
    """The theme's name; ``None``: Textual's default."""
    list_width: int = LIST_WIDTH
    """The list pane's share of the width, in percent."""
    keys: tuple[tuple[str, str], ...] = ()
    """The ``[keys]`` table as written: (binding id, keys), in the file's order; unchecked."""


def config_dir() -> Path:
    """The folder of the config file and ``keymap.toml``: the platform's user config folder."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("claimcheck"))


def config_path() -> Path:
    """Where the config file is: ``$CLAIMCHECK_CONFIG`` or ``config.toml`` in :func:`config_dir`."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else config_dir() / "config.toml"


def clamp_width(value: int) -> int:
    """``value`` kept within the list width's range."""
    return max(LIST_WIDTH_MIN, min(LIST_WIDTH_MAX, value))


def load_config(path: str | Path | None = None) -> tuple[Config, str | None]:
    """The saved settings, and a one-line warning if the file is unusable (defaults then).

    A missing file is not a problem. An unknown key or a value of the wrong kind makes the whole
    file ignored, so a half-applied config never surprises.
    """
    target = Path(path) if path is not None else config_path()
    config, warning = _load(target)
    return config, neutralise(" ".join(warning.split())) if warning else None


def _load(target: Path) -> tuple[Config, str | None]:
    try:
        raw = read_regular(target, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(), None
    except OSError as exc:
        return Config(), f"config {target} cannot be read ({exc.strerror or exc}); using defaults"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Config(), f"config {target} is not valid TOML ({reason}); using defaults"
    table = data.get("interface", {})
    keys = data.get("keys", {})
    problem = None
    if not isinstance(table, dict):
        problem = "[interface] is not a table"
    elif not isinstance(keys, dict):
        problem = "[keys] is not a table"
    elif bad := next((k for k, v in keys.items() if not isinstance(v, str)), None):
        problem = f'[keys] {bad[:40]!r} must be a string of keys like "n" or "n,ctrl+n"'
    else:
        unknown = sorted(set(table) - {"theme", "list_width"})
        theme = table.get("theme")
        width = table.get("list_width", LIST_WIDTH)
        if unknown:
            problem = f"unknown setting {unknown[0]!r}"
        elif theme is not None and not (isinstance(theme, str) and _THEME_NAME.fullmatch(theme)):
            problem = 'theme must be a theme name like "textual-dark"'
        elif isinstance(width, bool) or not isinstance(width, int):
            problem = f"list_width must be a whole number from {LIST_WIDTH_MIN} to {LIST_WIDTH_MAX}"
        else:
            return Config(theme, clamp_width(width), tuple(keys.items())), None
    return Config(), f"config {target}: {problem}; using defaults"


def dumps_config(config: Config) -> str:
    """The config file's text for ``config``."""
    lines = [
        "# claimcheck settings, written by the interface (theme: Ctrl+P then Theme; list width:",
        "# < and >). Delete the file to go back to the defaults.",
        "[interface]",
    ]
    if config.theme is not None:
        lines.append(f"theme = {_string(config.theme)}")
    lines.append(f"list_width = {int(config.list_width)}")
    if config.keys:
        lines += [
            "",
            '# Remapped keys: binding id = "key" or "key1,key2" (? lists the ids).',
            "[keys]",
        ]
        lines += [f"{_string(key_id)} = {_string(keys)}" for key_id, keys in config.keys]
    return "\n".join(lines) + "\n"


def _string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and every control character
    escaped, so whatever the file held is written back inert and reads back the same."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def save_config(config: Config, path: str | Path | None = None) -> Path:
    """Write ``config`` (atomically, creating the folder); :class:`ClaimcheckError` if it cannot."""
    target = Path(path) if path is not None else config_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimcheckError(
            f"config folder {target.parent} cannot be created ({exc.strerror or exc})"
        ) from None
    return write_atomic(target, dumps_config(config), overwrite=True)

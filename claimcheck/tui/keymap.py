"""Every key binding of the interface, by id, and the user's tables that can remap them.

Keys are remapped in the ``[keys]`` table of the config file (``config.toml``, see
:mod:`claimcheck.core.config`) or of ``keymap.toml`` beside it, read from ``$CLAIMCHECK_KEYMAP``
if set, else from ``<user config dir>/claimcheck/keymap.toml``::

    # Each entry: binding id = "key" or "key1,key2" (Textual key names: "ctrl+n", "f5", "space").
    [keys]
    next-difference = "n,ctrl+n"
    quit = "ctrl+q"

Both are read; where both remap one binding, the config file wins (it is the one place the
documentation points to; ``keymap.toml`` is kept for the files already written). Each table is
checked the same way, and one that cannot be used gives one warning and is left out as a whole
(the other still applies); it never stops the program.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from claimcheck.core.untrusted import neutralise, read_regular


@dataclass(frozen=True)
class Key:
    """One remappable binding: its id, default keys, action and what it does."""

    id: str
    keys: str
    action: str
    description: str
    context: str
    """Where it acts: list, detail, article, coverage, suggestions, dialog or anywhere."""
    show: bool = True
    """Whether the footer shows it (the help screen lists them all)."""
    help: str = ""
    """The longer explanation on the help screen."""


#: Every binding of the interface. Widgets and screens build their ``BINDINGS`` from this table, so
#: the help screen, the keymap file and the footer never disagree.
KEYS: tuple[Key, ...] = (
    Key(
        "cursor-down",
        "down,j",
        "cursor_down",
        "Down",
        "list, article, coverage",
        False,
        "Move down one row",
    ),
    Key(
        "cursor-up", "up,k", "cursor_up", "Up", "list, article, coverage", False, "Move up one row"
    ),
    Key(
        "cursor-left",
        "left,h",
        "cursor_left",
        "Left",
        "coverage",
        False,
        "Move to the previous outlet",
    ),
    Key(
        "cursor-right",
        "right,l",
        "cursor_right",
        "Right",
        "coverage",
        False,
        "Move to the next outlet",
    ),
    Key("page-down", "pagedown", "page_down", "Page down", "everywhere", False, "Down one page"),
    Key("page-up", "pageup", "page_up", "Page up", "everywhere", False, "Up one page"),
    Key("first", "home", "first", "First", "everywhere", False, "Go to the first row"),
    Key("last", "end", "last", "Last", "everywhere", False, "Go to the last row"),
    Key(
        "focus-detail",
        "enter",
        "select",
        "Detail",
        "list",
        False,
        "Move the keys to the detail pane (pick an outlet there)",
    ),
    Key(
        "next-difference",
        "n",
        "next_difference",
        "Next diff",
        "list",
        True,
        "Next cluster whose outlets differ",
    ),
    Key(
        "previous-difference",
        "N",
        "previous_difference",
        "Prev diff",
        "list",
        False,
        "Previous cluster whose outlets differ",
    ),
    Key(
        "search",
        "slash",
        "search",
        "Search",
        "list",
        True,
        "Search claims, outlets, names, figures (any language, accents ignored)",
    ),
    Key(
        "filter",
        "f",
        "cycle_filter",
        "Filter",
        "list",
        True,
        "Cycle: all, shared, cross-language, with differences, single-outlet",
    ),
    Key(
        "sort",
        "t",
        "cycle_sort",
        "Sort",
        "list",
        False,
        "Cycle: most outlets, differences first, order in each article",
    ),
    Key(
        "open-article",
        "o",
        "open_article",
        "Article",
        "list, detail, coverage",
        True,
        "Open the selected claim in its article",
    ),
    Key(
        "coverage",
        "c",
        "coverage",
        "Cover",
        "list",
        True,
        "Outlet x cluster matrix: who says what, who is silent",
    ),
    Key(
        "tighten",
        "plus",
        "tighten",
        "Tighter",
        "list",
        True,
        "Raise the similarity threshold by 0.05 and re-cluster",
    ),
    Key(
        "loosen",
        "minus",
        "loosen",
        "Looser",
        "list",
        True,
        "Lower the similarity threshold by 0.05 and re-cluster",
    ),
    Key(
        "reviewed",
        "r",
        "toggle_reviewed",
        "Done",
        "list, detail",
        True,
        "Mark the cluster reviewed (again to unmark)",
    ),
    Key("note", "a", "note", "Note", "list, detail", True, "Add or edit the cluster's note"),
    Key(
        "rename-outlet",
        "e",
        "rename_outlet",
        "Outlet name",
        "list, detail",
        False,
        "Rename the outlet of the selected claim (kept in the review, used by the reports)",
    ),
    Key(
        "move",
        "m",
        "move",
        "Move",
        "list, detail",
        True,
        "Move the selected claim into another cluster, or out on its own",
    ),
    Key(
        "confirm",
        "y",
        "confirm",
        "Confirm",
        "list, detail, suggestions",
        True,
        "Confirm the most likely related claim into the cluster (in the review view: the pair "
        "shown)",
    ),
    Key(
        "reject",
        "x",
        "reject",
        "Reject",
        "list, detail, suggestions",
        True,
        "Reject the most likely related claim of the cluster (in the review view: the pair shown)",
    ),
    Key(
        "suggestions",
        "v",
        "suggestions",
        "Suggestions",
        "list, detail",
        True,
        "Review the open suggestions, most likely first: confirm or reject each pair",
    ),
    Key("save", "s", "save", "Save", "list, detail", True, "Save the report as Markdown"),
    Key(
        "undo",
        "u",
        "undo",
        "Undo",
        "list, detail",
        False,
        "Undo the last mark, note, outlet name, move, confirmation or rejection (again: the one "
        "before)",
    ),
    Key(
        "narrow-list",
        "less_than_sign",
        "narrow_list",
        "Narrower list",
        "list, detail",
        False,
        "Give the list less of the width (also: drag the divider; remembered in the config file)",
    ),
    Key(
        "widen-list",
        "greater_than_sign",
        "widen_list",
        "Wider list",
        "list, detail",
        False,
        "Give the list more of the width (also: drag the divider; remembered in the config file)",
    ),
    Key(
        "member-down",
        "down,j",
        "next_member",
        "Next outlet",
        "detail",
        False,
        "Select the next outlet's statement",
    ),
    Key(
        "member-up",
        "up,k",
        "previous_member",
        "Prev outlet",
        "detail",
        False,
        "Select the previous outlet's statement",
    ),
    Key(
        "suggestion-next",
        "n,j,down",
        "next_suggestion",
        "Next",
        "suggestions",
        True,
        "Show the next open suggestion",
    ),
    Key(
        "suggestion-previous",
        "k,up",
        "previous_suggestion",
        "Prev",
        "suggestions",
        True,
        "Show the previous open suggestion",
    ),
    Key(
        "back",
        "escape",
        "back",
        "Back",
        "everywhere",
        True,
        "One step back: clear the search, then show every cluster again, then leave the detail "
        "pane or close the view (to the view it was opened from)",
    ),
    Key(
        "jump-to-cluster",
        "enter",
        "jump",
        "Go to cluster",
        "article, coverage",
        True,
        "Show the cluster of the sentence or cell under the cursor",
    ),
    Key(
        "cancel",
        "escape,ctrl+c",
        "cancel",
        "Cancel",
        "while working",
        True,
        "Stop loading or re-clustering",
    ),
    Key(
        "reload",
        "ctrl+r",
        "reload",
        "Load again",
        "after a cancelled load",
        True,
        "Start loading again after Escape stopped it",
    ),
    Key(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "Commands",
        "everywhere",
        False,
        "Every command by name, with its key; also themes (Theme)",
    ),
    Key("help", "question_mark", "help", "Help", "everywhere", True, "This screen"),
    Key("quit", "q", "quit", "Quit", "everywhere", True, "Leave (marks and notes are saved)"),
)
KEYS_BY_ID: dict[str, Key] = {k.id: k for k in KEYS}


def binding(
    key_id: str, *, action: str | None = None, show: bool | None = None, priority: bool = False
) -> Binding:
    """The Textual :class:`Binding` for the entry ``key_id`` of :data:`KEYS`."""
    key = KEYS_BY_ID[key_id]
    return Binding(
        key.keys,
        action or key.action,
        key.description,
        show=key.show if show is None else show,
        id=key_id,
        priority=priority,
    )


def default_path() -> Path:
    """Where the keymap file is looked for: ``$CLAIMCHECK_KEYMAP`` or the user config folder."""
    override = os.environ.get("CLAIMCHECK_KEYMAP")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("claimcheck")) / "keymap.toml"


def load_keymap(path: str | Path | None = None) -> tuple[dict[str, str], str | None]:
    """The user's remapped keys (binding id -> keys) and a one-line warning if the file is unusable.

    A missing file is not a problem; a file that is not TOML, names an unknown binding or gives a
    key that is not a string is ignored as a whole, so a half-applied keymap never surprises.
    """
    keymap, warning = _load_keymap(Path(path) if path is not None else default_path())
    # The path comes from the environment and the reasons may quote the file: made inert.
    return keymap, neutralise(" ".join(warning.split())) if warning else None


#: A keymap bigger than this is refused (the whole table is a few hundred bytes).
MAX_KEYMAP_BYTES = 64 * 1024
#: What a key name may be: Textual names (``ctrl+n``, ``f5``, ``question_mark``) or one printable
#: character. Anything else (escapes, markup, spaces) is refused, not passed on to the screen.
_KEY_NAME = re.compile(r"[A-Za-z0-9_]+(?:[+-][A-Za-z0-9_]+)*|[!-~]")


def _load_keymap(target: Path) -> tuple[dict[str, str], str | None]:
    try:
        raw = read_regular(target, MAX_KEYMAP_BYTES)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"keymap {target} cannot be read ({exc.strerror or exc}); using default keys"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        # RecursionError: tomllib gives up on deeply nested input the hard way.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, f"keymap {target} is not valid TOML ({reason}); using default keys"
    keymap, problem = check_keys(data.get("keys", data))
    if problem:
        return {}, f"keymap {target}: {problem}; using default keys"
    return keymap, None


def check_keys(table: object) -> tuple[dict[str, str], str | None]:
    """A ``[keys]`` table checked: binding id -> keys, or ``{}`` and the first problem (an
    unknown binding id, a value that is not a string of key names). Key names are letters,
    digits, ``_`` joined by ``+`` or ``-``, or one printable character: escapes, markup and
    spaces never reach the screen."""
    problems: list[str] = []
    keymap: dict[str, str] = {}
    if not isinstance(table, dict):
        problems.append("[keys] is not a table")
        table = {}
    for key_id, keys in table.items():
        if key_id not in KEYS_BY_ID:
            problems.append(f"unknown binding id {key_id!r}")
        elif not isinstance(keys, str) or not keys.strip(",").strip():
            problems.append(f'{key_id} must be a string of keys like "n" or "n,ctrl+n"')
        else:
            names = [k.strip() for k in keys.split(",") if k.strip()]
            bad = next((k for k in names if not _KEY_NAME.fullmatch(k)), None)
            if bad is not None:
                problems.append(f"{key_id}: {bad[:20]!r} is not a key name")
            else:
                keymap[key_id] = ",".join(names)
    if problems:
        return {}, problems[0]
    return keymap, None


def config_keys(table: Sequence[tuple[str, str]], path: Path) -> tuple[dict[str, str], str | None]:
    """The config file's ``[keys]`` table checked as :func:`check_keys` does, with a one-line,
    inert warning naming the file when it cannot be used."""
    keymap, problem = check_keys(dict(table))
    if problem is None:
        return keymap, None
    warning = f"config {path} [keys]: {problem}; its keys are not used"
    return {}, neutralise(" ".join(warning.split()))


def effective_keys(keymap: dict[str, str]) -> dict[str, str]:
    """Binding id -> the keys that trigger it once ``keymap`` is applied."""
    return {k.id: keymap.get(k.id, k.keys) for k in KEYS}


def list_navigation() -> list[Binding]:
    """Up/down, page up/down, first and last: the moves every list of rows shares."""
    return [
        binding(k) for k in ("cursor-down", "cursor-up", "page-down", "page-up", "first", "last")
    ]

"""The command line: a thin layer that parses options and calls one library function per command.

Heavy modules (torch, sentence-transformers, Textual) are imported inside the commands that need
them, so ``claimcheck --help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from claimcheck import __version__

if TYPE_CHECKING:
    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.review import Mark
    from claimcheck.core.types import Settings

COMMANDS = ("open", "report", "cache", "completion")

EXIT_CODES = """exit codes:
  0    success
  1    the run failed (an internal error, out of memory)
  2    bad usage or input: missing path, nothing readable, a single article, too
       many articles, a model that cannot be found or loaded, an existing output
       file without --force, an unwritable output
  130  cancelled (Ctrl+C)"""


class StderrProgress:
    """A progress bar on stderr: redrawn in place on a terminal, one line per stage otherwise."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream: TextIO = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._stage = ""
        self._lock = threading.Lock()
        self._drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            write = self.stream.write
            if self.tty:
                if total:
                    width = 24
                    filled = int(width * min(done, total) / total)
                    bar = "#" * filled + "-" * (width - filled)
                    line = f"{stage[:32]:<32} [{bar}] {done}/{total}"
                else:
                    line = f"{stage[:32]:<32} ..."
                write("\r" + line + "\x1b[K")
                self._drawn = True
            elif stage != self._stage:
                write(f"claimcheck: {stage}\n")
            self._stage = stage
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line so later messages start on a fresh one."""
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (0.0 < value < 1.0):
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (exclusive), got {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {text}")
    return value


def _apply_limits(args: argparse.Namespace) -> None:
    """The input limits of this run (``--max-claims``), read by the reading stage."""
    if getattr(args, "max_claims", None):
        from claimcheck.core.read import ingest

        ingest.MAX_CLAIMS = args.max_claims


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD

    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files (.txt, .md, .html), folders of them, or http(s) URLs",
    )
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        metavar="NAME_OR_PATH",
        help=f"sentence-transformers model: a local folder or a cached hub name "
        f"(default: {DEFAULT_MODEL}, bundled, multilingual)",
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        help=f"confidence two claims need to count as the same fact (default: "
        f"{DEFAULT_THRESHOLD}, where the built-in verifier's precision was 0.9; see models.md)",
    )
    parser.add_argument(
        "--verifier",
        default="built-in",
        metavar="NAME_OR_PATH",
        help="a sentence-transformers CrossEncoder (a local folder or a cached hub name) that "
        "decides which candidate pairs state the same fact, in place of the built-in verifier",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=None,
        help="where embeddings are cached "
        "(default: the user cache folder, or $CLAIMCHECK_CACHE_DIR)",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument(
        "--max-claims",
        type=_positive_int,
        default=None,
        metavar="N",
        help="refuse inputs of more claims than this, estimated after reading and before the "
        "slow embedding (default: 20000)",
    )


def _settings_help() -> str:
    """Where the interface's settings and keymap live, for ``--help``."""
    from claimcheck.core.config import config_dir, config_path

    config = config_path()
    return (
        f"settings:\n  {config}\n       theme, list width (written by the interface) and "
        "remapped keys in a [keys]\n       table ($CLAIMCHECK_CONFIG overrides the path)\n"
        f"  {config_dir() / 'keymap.toml'}\n"
        "       remapped keys too; the config file wins where both remap one\n"
        "       ($CLAIMCHECK_KEYMAP overrides the path)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per library entry point."""
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Compare how outlets report the same story, claim by claim, in English and "
        "French. `claimcheck PATH...` opens the interactive interface; `claimcheck report` writes "
        "a Markdown or JSON report.",
        epilog=f"{EXIT_CODES}\n\n{_settings_help()}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser(
        "open",
        help="browse the comparison in the terminal interface (the default command)",
        description="Open the interactive interface on the given articles.",
    )
    _add_run_options(p_open)

    p_report = sub.add_parser(
        "report",
        help="write the comparison as Markdown or JSON",
        description="Compare the articles and write a report to stdout or a file.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_run_options(p_report)
    p_report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here instead of stdout (a regular file; - for stdout)",
    )
    p_report.add_argument(
        "--format",
        choices=("markdown", "json"),
        default=None,
        help="default: from -o, else markdown",
    )
    p_report.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p_report.add_argument(
        "--no-review",
        action="store_true",
        help="leave out the review saved beside the corpus (confirmations, rejections, moves, "
        "marks and notes made in the interface); by default it is applied",
    )
    p_report.add_argument(
        "--all-rows",
        action="store_true",
        help="Markdown: keep the rows of the differences tables on which the outlets agree",
    )
    p_report.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    p_cache = sub.add_parser(
        "cache",
        help="show or clear the embedding cache",
        description="Inspect or empty the on-disk embedding cache.",
    )
    p_cache.add_argument(
        "action", choices=("info", "clear"), help="info: what is stored; clear: empty it"
    )
    p_cache.add_argument("--cache-dir", metavar="DIR", default=None, help="cache folder to act on")

    p_completion = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for your shell. Install it with, e.g., "
        "`claimcheck completion bash > ~/.local/share/bash-completion/completions/claimcheck`, "
        '`claimcheck completion zsh > "${fpath[1]}/_claimcheck"`, or '
        "`claimcheck completion fish > ~/.config/fish/completions/claimcheck.fish`.",
    )
    p_completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    return parser


def _normalise_argv(argv: Sequence[str]) -> list[str]:
    """``claimcheck PATH...`` means ``claimcheck open PATH...``."""
    args = list(argv)
    first = next((a for a in args if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args)
    if first is None and wants_help:
        return args
    if first not in COMMANDS and args:
        return ["open", *args]
    return args


def _open_cache(cache_dir: str | None, disabled: bool = False) -> EmbeddingCache | None:
    if disabled:
        return None
    from claimcheck.core.embed.cache import EmbeddingCache

    return EmbeddingCache(Path(cache_dir) if cache_dir else None, on_warning=_warn)


def _settings(args: argparse.Namespace) -> Settings:
    from claimcheck.core.defaults import DEFAULT_THRESHOLD
    from claimcheck.core.types import Settings

    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    return Settings(model=args.model, threshold=threshold, verifier=args.verifier)


def _printable(line: str) -> str:
    """``line`` safe to print as one line: file names and server replies reach our messages, and
    a terminal would act on an escape sequence in them (clear the screen, write the clipboard)."""
    from claimcheck.core.text.display import inert_line

    return inert_line(line)


def _warn(line: str) -> None:
    print(f"claimcheck: warning: {_printable(line)}", file=sys.stderr)


def cmd_report(args: argparse.Namespace) -> int:
    """``claimcheck report``: run the comparison and write Markdown or JSON."""
    from claimcheck.core.fileio import check_writable, write_atomic

    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output and args.output.lower().endswith(".json") else "markdown"
    output = None if args.output in (None, "-") else args.output  # -o - is standard output
    if output is not None:
        # Refuse before the long work, not after it: a device, FIFO or folder, an existing file
        # without --force, a folder that is missing or takes no new file.
        check_writable(Path(output), overwrite=args.force)

    from claimcheck.core.pipeline import run

    progress = StderrProgress(enabled=not args.quiet)
    try:
        result = run(
            args.paths,
            _settings(args),
            cache=_open_cache(args.cache_dir, args.no_cache),
            progress=progress,
            warn=_warn,
        )
    finally:
        progress.close()
    reviews = None
    orphans: Sequence[Mark] = ()
    if not args.no_review:
        from claimcheck.core import review as rv
        from claimcheck.core.pipeline import apply_review

        saved = rv.load_review(rv.sidecar_path(args.paths), warn=_warn)
        if not saved.empty:
            result = apply_review(result, saved)
            reviews = rv.reviews_for(result, saved)
            orphans = rv.orphaned_marks(result, saved)
    if fmt == "json":
        from claimcheck.report.jsonout import render_json

        text = render_json(result, reviews, orphans)
    else:
        from claimcheck.report.markdown import render_markdown

        text = render_markdown(
            result,
            reviews,
            all_rows=args.all_rows,
            review_applied=reviews is not None,
            orphans=orphans,
        )
    if output is not None:
        write_atomic(output, text, overwrite=args.force)
        if not args.quiet:
            print(f"claimcheck: wrote {_printable(output)}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    """``claimcheck PATH...``: the interactive interface."""
    from claimcheck.core.errors import InputError

    for path in args.paths:
        if "://" not in path and not os.path.exists(path):
            raise InputError(f"no such file or folder: {path}")
    if os.environ.get("TERM", "").strip().lower() == "dumb":
        raise InputError(
            "this terminal (TERM=dumb) cannot show the interface; use `claimcheck report PATH...` "
            "for a Markdown report"
        )
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise InputError(
            "the interface needs a terminal; use `claimcheck report PATH...` for a report"
        )
    from claimcheck.tui.app import make_app

    app = make_app(
        list(args.paths),
        _settings(args),
        cache_dir=None if args.no_cache else args.cache_dir,
        use_cache=not args.no_cache,
    )
    app.run()
    return int(getattr(app, "return_code", 0) or 0)


def cmd_cache(args: argparse.Namespace) -> int:
    """``claimcheck cache info|clear``."""
    cache = _open_cache(args.cache_dir)
    assert cache is not None
    if args.action == "clear":
        removed = cache.clear()
        print(f"claimcheck: removed {removed} cached embeddings from {cache.path}")
        return 0
    info = cache.info()
    for key, value in info.items():
        print(f"{key}: {value}")
    return 0


def cmd_completion(args: argparse.Namespace) -> int:
    """``claimcheck completion bash|zsh|fish``: the completion script on stdout."""
    from claimcheck.completion import script

    sys.stdout.write(script(args.shell, build_parser()))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``claimcheck`` console script; returns the exit code."""
    from claimcheck.core.errors import ClaimcheckError

    parser = build_parser()
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_normalise_argv(raw))
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    handler = {
        "open": cmd_open,
        "report": cmd_report,
        "cache": cmd_cache,
        "completion": cmd_completion,
    }[args.command]
    _apply_limits(args)
    if not os.environ.get("CLAIMCHECK_DEBUG"):
        # Library warnings (torch, transformers) are several lines meant for developers; the
        # user gets claimcheck's own one-line messages.
        warnings.simplefilter("ignore")
    try:
        return handler(args)
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {_printable(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("claimcheck: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): not an error worth a message.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except MemoryError:
        print("claimcheck: error: out of memory", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(
            f"claimcheck: internal error: {type(exc).__name__}: {_printable(str(exc))} "
            "(set CLAIMCHECK_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())

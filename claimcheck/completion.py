"""Shell completion for ``claimcheck``: bash, zsh and fish scripts made from the command line's
own parser, so a new option is completed without anyone editing a script.

Install: ``claimcheck completion bash > ~/.local/share/bash-completion/completions/claimcheck``,
``claimcheck completion zsh > "${fpath[1]}/_claimcheck"``, or
``claimcheck completion fish > ~/.config/fish/completions/claimcheck.fish``.
"""

from __future__ import annotations

import argparse
import shlex

SHELLS = ("bash", "zsh", "fish")


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[tuple[str, bool, tuple[str, ...]]]:
    """(option, takes a value, its choices) for every long option of ``parser``."""
    out = []
    for action in parser._actions:
        for flag in action.option_strings:
            if flag.startswith("--"):
                choices = tuple(str(c) for c in action.choices or ())
                out.append((flag, action.nargs != 0, choices))
    return out


def _positional_choices(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    for action in parser._actions:
        if (
            not action.option_strings
            and action.choices
            and not isinstance(action, argparse._SubParsersAction)
        ):
            return tuple(str(c) for c in action.choices)
    return ()


def bash(parser: argparse.ArgumentParser, prog: str = "claimcheck") -> str:
    commands = _commands(parser)
    top = " ".join([*commands, *(o for o, _, _ in _options(parser))])
    cases = []
    for name, sub in commands.items():
        words = [o for o, _, _ in _options(sub)] + list(_positional_choices(sub))
        cases.append(f"    {name}) words={shlex.quote(' '.join(words))} ;;")
    valued = sorted(
        {o for sub in [parser, *commands.values()] for o, v, c in _options(sub) if v and not c}
    )
    choices = sorted(
        {(o, " ".join(c)) for sub in [parser, *commands.values()] for o, v, c in _options(sub) if c}
    )
    choice_cases = "\n".join(
        f'    {o}) COMPREPLY=($(compgen -W {shlex.quote(c)} -- "$cur")); return ;;'
        for o, c in choices
    )
    return f"""# bash completion for {prog}
_{prog}() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" words=""
  case "$prev" in
{choice_cases}
    {"|".join(valued)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W {shlex.quote(top)} -- "$cur")); compopt -o default 2>/dev/null; return
  fi
  case "${{COMP_WORDS[1]}}" in
{chr(10).join(cases)}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur")); compopt -o default 2>/dev/null
}}
complete -F _{prog} {prog}
"""


def zsh(parser: argparse.ArgumentParser, prog: str = "claimcheck") -> str:
    return (
        f"#compdef {prog}\n# zsh completion for {prog}, through zsh's bash completion layer\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash(parser, prog)
    )


def fish(parser: argparse.ArgumentParser, prog: str = "claimcheck") -> str:
    commands = _commands(parser)
    lines = [f"# fish completion for {prog}"]
    for name, sub in commands.items():
        summary = (sub.description or "").split(".")[0].replace("'", "")
        lines.append(f"complete -c {prog} -n '__fish_use_subcommand' -a {name} -d '{summary[:60]}'")
        for option, valued, choices in _options(sub):
            spec = f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' -l {option[2:]}"
            if choices:
                spec += f" -x -a '{' '.join(choices)}'"
            elif valued:
                spec += " -r -F"
            lines.append(spec)
        positional = _positional_choices(sub)
        if positional:
            lines.append(
                f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' -x -a "
                f"'{' '.join(positional)}'"
            )
    for option, valued, _ in _options(parser):
        lines.append(f"complete -c {prog} -l {option[2:]}" + (" -r" if valued else ""))
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script of ``shell`` (one of :data:`SHELLS`) for ``parser``."""
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](parser)

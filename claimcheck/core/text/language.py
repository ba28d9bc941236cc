"""Language identification for articles and single sentences, with py3langid's bundled model.

Detection is restricted to languages a news comparison is likely to meet, which keeps short
English/French text from being mistaken for a rare language. Nothing here downloads anything.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from claimcheck.core.text import words

#: Languages claimcheck compares well: the embedding model and the rules are tuned for these.
SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"en", "fr"})

#: Languages detection may answer with. A closed set: with all ~150 of the model's languages,
#: short English or French text is too often called Latin, Occitan or Frisian.
CANDIDATE_LANGUAGES: tuple[str, ...] = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ca", "ro", "pl", "cs", "sv", "da", "no", "fi",
    "tr", "el", "ru", "uk", "ar", "he", "fa", "hi", "zh", "ja", "ko", "id", "vi",
)  # fmt: skip

UNDETERMINED = "und"

#: Below this many letters an article-level guess is not worth making.
MIN_LETTERS = 12
#: Article-level answers under this confidence fall back to the default.
MIN_CONFIDENCE = 0.5
#: A sentence overrides its article's language only with this many letters...
SENTENCE_MIN_LETTERS = 25
#: ...and this confidence: a misread English sentence costs more than a missed French quote.
SENTENCE_MIN_CONFIDENCE = 0.97

_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Frequent function words, used only to skip the model when a sentence plainly is in the
# article's language (most sentences are); the model still decides every doubtful case.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": words(
        "the a an and of to in on for with that this is was were are be been has have had "
        "it its he she they we his her their said says will would not but by from at as "
        "who which after before about over than there also"
    ),
    "fr": words(
        "le la les un une des du de et en est sont a ont été il elle ils elles nous vous "
        "que qui dans pour par sur avec au aux ce cette ces son sa ses leur leurs mais ne pas "
        "plus selon avait était sera aussi entre lors après avant dont où"
    ),
}

_NAMES = {
    "english": "en", "anglais": "en", "french": "fr", "français": "fr", "francais": "fr",
    "german": "de", "deutsch": "de", "allemand": "de", "spanish": "es", "español": "es",
    "espagnol": "es", "italian": "it", "italiano": "it", "italien": "it",
    "portuguese": "pt", "português": "pt", "dutch": "nl", "nederlands": "nl",
    "russian": "ru", "arabic": "ar", "hebrew": "he", "chinese": "zh", "japanese": "ja",
}  # fmt: skip

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid identifier, loaded once (about half a second) and restricted."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # 0.4 loads an .npz model; older releases shipped a pickle with another loader name.
    loader = getattr(LanguageIdentifier, "from_model_file", None)
    if loader is None:
        loader = LanguageIdentifier.from_pickled_model
    ident = loader(MODEL_FILE, norm_probs=True)
    known = set(ident.nb_classes)
    ident.set_languages([code for code in CANDIDATE_LANGUAGES if code in known])
    return ident


def _classify(text: str) -> tuple[str, float]:
    # The identifier keeps no per-call state, but loading it must happen once.
    with _lock:
        ident = _identifier()
    code, confidence = ident.classify(text)
    return str(code), float(confidence)


def normalise_language_code(value: str) -> str | None:
    """An ISO 639-1 code for a front matter value ("en", "EN-us", "French"); None if unknown."""
    cleaned = value.strip().strip("\"'").lower().replace("_", "-")
    if not cleaned:
        return None
    if cleaned in _NAMES:
        return _NAMES[cleaned]
    head = cleaned.split("-", 1)[0]
    if len(head) == 2 and head.isalpha() and head.isascii():
        return head
    if len(head) == 3 and head in {"eng", "fra", "fre", "und"}:
        return {"eng": "en", "fra": "fr", "fre": "fr", "und": UNDETERMINED}[head]
    return None


def detect_language(text: str, default: str = UNDETERMINED) -> tuple[str, float]:
    """The main language of ``text`` as (ISO 639-1 code, confidence in 0..1).

    Text with too few letters, or whose best guess is weak, gives ``(default, confidence)``.
    Long texts are judged on their first 20,000 characters, which is plenty and keeps it fast.
    """
    sample = text[:20_000]
    if len(_LETTER_RE.findall(sample[:2_000])) < MIN_LETTERS and (
        len(_LETTER_RE.findall(sample)) < MIN_LETTERS
    ):
        return default, 0.0
    code, confidence = _classify(sample)
    if confidence < MIN_CONFIDENCE:
        return default, confidence
    return code, confidence


def _plainly_in(sentence: str, language: str) -> bool:
    """True when the function words leave no doubt that ``sentence`` is in ``language``."""
    own = _STOPWORDS.get(language)
    if own is None:
        return False
    words = [w.lower() for w in _WORD_RE.findall(sentence)]
    hits = sum(1 for w in words if w in own)
    others = max(
        (sum(1 for w in words if w in sw) for code, sw in _STOPWORDS.items() if code != language),
        default=0,
    )
    return hits >= 3 and others * 3 <= hits


def detect_sentence_language(sentence: str, default: str) -> str:
    """The language of one sentence: ``default`` unless the sentence is confidently another.

    Used per claim so that a French quote inside an English article is recognised, while short
    or name-heavy sentences keep the article's language.
    """
    if len(_LETTER_RE.findall(sentence)) < SENTENCE_MIN_LETTERS:
        return default
    if _plainly_in(sentence, default):
        return default
    code, confidence = _classify(sentence)
    if code != default and confidence >= SENTENCE_MIN_CONFIDENCE:
        return code
    return default


def language_warning(language: str, label: str | None = None) -> str | None:
    """The one-line warning for an article whose language claimcheck does not handle well.

    Prefixed with ``label:`` when a label (the article's path) is given; Source.warnings hold
    the bare message because whoever shows them adds the path.
    """
    if language == UNDETERMINED:
        message = "could not tell the article's language; treating it as undetermined"
    elif language not in SUPPORTED_LANGUAGES:
        message = f"language '{language}' is not English or French; matching quality may be lower"
    else:
        return None
    return f"{label}: {message}" if label else message

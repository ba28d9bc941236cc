"""Default settings, kept free of heavy imports so the CLI's help can show them instantly."""

import json
import math
from importlib import resources

#: The bundled multilingual model (Universal Sentence Encoder multilingual v3).
DEFAULT_MODEL = "use-multilingual-v3"


def threshold_from_accept(accept: float) -> float:
    """The confidence threshold a verifier's acceptance level gives: rounded to the two decimals
    the interface and the report show."""
    return round(float(accept), 2)


def shown_confidence(confidence: float) -> str:
    """A confidence as the reader sees it: two decimals, rounded down, so that a figure shown at
    the threshold or above is one that was accepted (0.7599 reads 0.75 against a threshold of
    0.76, never "0.76" on a claim left out)."""
    return f"{math.floor(confidence * 100 + 1e-9) / 100:.2f}"


def _accept() -> float:
    text = resources.files("claimcheck.core").joinpath("data", "verifier.json").read_text("utf-8")
    return threshold_from_accept(json.loads(text)["accept"])


#: Confidence the verifier needs before two claims count as the same fact: the lowest at which
#: its out-of-fold precision on labelled real articles was 0.9 (``data/verifier.json``,
#: models.md). Lower it to see more agreement, less surely.
DEFAULT_THRESHOLD = _accept()

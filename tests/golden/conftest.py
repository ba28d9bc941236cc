"""The end-to-end fixtures (the real model on corpus/), shared with tests/e2e."""

from tests.e2e.conftest import corpus_result, e2e_cache_dir

__all__ = ["corpus_result", "e2e_cache_dir"]

"""Embedding: texts into unit vectors with a sentence-transformers encoder (the bundled USE
module by default), through an on-disk cache."""

"""Default settings, kept free of heavy imports so the CLI's help can show them instantly."""

#: The bundled multilingual model (Universal Sentence Encoder multilingual v3).
DEFAULT_MODEL = "use-multilingual-v3"

#: Cosine similarity above which two claims may share a cluster with the default model; chosen
#: from the measurements recorded in models.md. It applies to centred vectors plus the
#: figure bonus (see affinity.py), not to raw cosines.
DEFAULT_THRESHOLD = 0.175

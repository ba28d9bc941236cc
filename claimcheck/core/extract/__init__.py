"""Extracting one claim's facts: figures (counts, dates, amounts), names, attribution and
polarity, and the :class:`~claimcheck.core.types.ClaimFacts` record matching and comparison
read."""

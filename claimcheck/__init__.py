"""claimcheck: compare how outlets report the same story, claim by claim, in English and French."""

__version__ = "0.1.0"

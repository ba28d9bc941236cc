"""Hardening tests: hostile text, bad input files, settings, crashes mid-write, and properties."""

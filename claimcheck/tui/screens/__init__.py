"""Screens of the claimcheck interface: main, article, coverage, help and dialogs."""

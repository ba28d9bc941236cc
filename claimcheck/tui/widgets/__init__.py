"""Widgets of the claimcheck interface."""

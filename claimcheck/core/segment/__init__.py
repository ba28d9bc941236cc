"""Segmenting: an article into sentences and the claims kept from them (boilerplate rules, roles,
repeats, clauses cut from long sentences)."""

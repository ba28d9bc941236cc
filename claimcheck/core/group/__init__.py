"""Grouping: articles into stories, candidate pairs of claims, their verification, and the
clusters of claims that state the same fact."""

"""Comparing: within a cluster, where the outlets' figures, names, attribution, polarity and
wording differ; which sources carry one dispatch; assembling the clusters."""

"""Reading: files, folders and URLs into :class:`~claimcheck.core.types.Source` records (decoding,
front matter, HTML extraction, fetching), the first stage of the pipeline."""

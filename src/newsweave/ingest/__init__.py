"""Ingestion: readers for each input kind, the noise cleaner and the publication date.

- :func:`newsweave.ingest.readers.iter_inputs` walks files and folders and yields
  articles or one-line input errors;
- :func:`newsweave.ingest.records.article_from_record` and
  :func:`newsweave.ingest.html.article_from_html` build one article from a JSON record or
  an HTML page (the REST API uses them too);
- :func:`newsweave.ingest.clean.clean_article` (stage ``clean.noise.v1``) and
  :func:`newsweave.ingest.dates.date_article` (stage ``dates.published.v1``).

Heavy libraries (trafilatura, feedparser, dateparser) load on first use, so importing
this package is cheap.
"""

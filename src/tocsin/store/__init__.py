"""The event store (DuckDB): articles, events, clusters, outlets, alerts."""

from .db import DEFAULT_DB, Store, article_key, content_hash, db_path

__all__ = ["DEFAULT_DB", "Store", "article_key", "content_hash", "db_path"]

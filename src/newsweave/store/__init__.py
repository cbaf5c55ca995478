"""SQLite storage: one write path, recorded migrations, FTS5 over cleaned text."""

from newsweave.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]

"""What the open database holds: tables and their columns, read from ``sqlite_master``.

Views over stories, entities and facts appear only once their tables exist; these are the
checks they use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """True when a table or view called ``name`` exists."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def table_columns(conn: sqlite3.Connection, name: str) -> set[str]:
    """Column names of a table (empty when it does not exist)."""
    if not table_exists(conn, name):
        return set()
    return {str(r[1]) for r in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))}


def has_columns(conn: sqlite3.Connection, table: str, columns: Iterable[str]) -> bool:
    """True when ``table`` exists with at least these columns."""
    present = table_columns(conn, table)
    return bool(present) and set(columns) <= present


def has_rows(conn: sqlite3.Connection, table: str) -> bool:
    """True when ``table`` exists and holds at least one row."""
    if not table_exists(conn, table):
        return False
    # The name was just found in sqlite_master, so quoting it is enough to make it safe.
    quoted = '"' + table.replace('"', '""') + '"'
    return conn.execute(f"SELECT 1 FROM {quoted} LIMIT 1").fetchone() is not None

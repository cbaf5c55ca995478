"""`newsweave eval ...`: benchmarks over public data; each wraps a function in newsweave.evals."""

from __future__ import annotations

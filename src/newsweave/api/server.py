"""``newsweave serve``: run the API and the web UI with uvicorn."""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.api.app import create_app
from newsweave.api.auth import (
    ENV_PUBLIC_READS,
    ENV_TOKEN,
    configured_token,
    is_loopback,
    public_reads,
)
from newsweave.search.fusion import SemanticSearcher


def access_summary(host: str) -> str:
    """One line saying who can read and write on a server bound to ``host``."""
    token = configured_token() is not None
    writes = "writes need the token" if token else f"writes are off (set {ENV_TOKEN})"
    if is_loopback(host):
        reads = "reads are open on this machine"
    elif public_reads():
        reads = f"reads are open to everyone ({ENV_PUBLIC_READS}=1)"
    elif token:
        reads = "reads need the token"
    else:
        reads = f"reads are refused until {ENV_TOKEN} (or {ENV_PUBLIC_READS}=1) is set"
    return f"newsweave: {reads}; {writes}"


def serve(
    db_path: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    semantic: SemanticSearcher | None = None,
) -> None:
    """Serve the REST API and the web UI over ``db_path`` on ``host:port`` until stopped."""
    import uvicorn

    app = create_app(db_path, bind_host=host, semantic=semantic)
    sys.stderr.write(access_summary(host) + "\n")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)

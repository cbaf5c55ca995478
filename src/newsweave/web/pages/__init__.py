"""One module per page family; each exposes ``router`` (see newsweave.api.resources)."""

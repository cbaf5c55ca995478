"""The web UI: server-rendered pages (Jinja2, autoescaped) and their static files.

No build step and no script: ``templates/`` and ``static/`` are served as they are by the
same app as the REST API (see :func:`newsweave.api.create_app`).
"""

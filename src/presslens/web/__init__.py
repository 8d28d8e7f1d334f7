"""The web UI and JSON API over the analysis and the corpus (``presslens serve``; needs the ``web`` extra).

:func:`create_app` builds the FastAPI application from a :class:`WebConfig`.
"""

from __future__ import annotations

from presslens.web.app import create_app
from presslens.web.services import WebConfig

__all__ = ["WebConfig", "create_app"]

"""Where the corpus database lives when no path is given.

In order: ``--db FILE`` (passed in as ``path``), the ``PRESSLENS_DB``
environment variable, then ``presslens.db`` in the platform's per-user data
folder: ``$XDG_DATA_HOME/presslens`` (default ``~/.local/share/presslens``) on
Linux and other Unixes, ``~/Library/Application Support/presslens`` on macOS,
``%LOCALAPPDATA%\\presslens`` on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["DB_ENV", "data_dir", "default_db_path", "resolve_db_path"]

DB_ENV = "PRESSLENS_DB"


def data_dir(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """The per-user folder presslens keeps its data in."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    home = Path(environ.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "presslens"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``PRESSLENS_DB`` if set, else ``presslens.db`` in :func:`data_dir`."""
    environ = os.environ if environ is None else environ
    if environ.get(DB_ENV):
        return Path(environ[DB_ENV]).expanduser()
    return data_dir(environ) / "presslens.db"


def resolve_db_path(path: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None) -> Path:
    """An explicit path if given, else :func:`default_db_path`."""
    return Path(path).expanduser() if path is not None else default_db_path(environ)

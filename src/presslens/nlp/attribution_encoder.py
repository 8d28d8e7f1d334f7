"""The accurate attribution mode: MiniLM adapted to mark cues, sources and contents (the ``accurate`` extra).

A three-channel piece tagger (:mod:`presslens.nlp.piece_tagger`), trained by
``presslens train attribution --accurate`` on PolNeAR train: for every word
piece, the probability that it lies in a cue, in a source and in a content.
Its scores do not replace the linear models of
:mod:`presslens.nlp.attribution_model`; they are blended into them
(:class:`TaggerBlend`, a few weights fitted on dev):

* a cue head's probability is a logistic blend of the cue classifier's and the
  tagger's cue score of the head token, with its own threshold;
* a cue extent token likewise blends the extent classifier and the tagger;
* each content (and source) candidate's ranking score gains ``weight * mean of
  the tagger's content (source) log-odds over its words`` ("no source" gains
  nothing). The mean, not the sum: the tagger marks every relation's content,
  not only this cue's, and a sum rewards candidates that swallow a neighbour's.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from presslens.errors import ModelNotFoundError
from presslens.nlp.adapters import ADAPTERS_FILE, read_adapters
from presslens.nlp.calibration import Calibration
from presslens.nlp.piece_tagger import PieceTagger

__all__ = ["CHANNELS", "SETTINGS_FILE", "AttributionTagger", "TaggerBlend", "load_attribution_tagger",
           "log_odds", "read_settings", "token_scores"]

#: The tagger's output channels, in order.
CHANNELS = ("cue", "source", "content")
#: The file beside the attribution model that holds the tagger's settings and blend weights.
SETTINGS_FILE = "accurate.json"
_CLIP = 1e-4


def log_odds(p: float) -> float:
    p = min(max(p, _CLIP), 1.0 - _CLIP)
    return math.log(p / (1.0 - p))


@dataclass(frozen=True, slots=True)
class TaggerBlend:
    """How the tagger's scores enter the linear models' decisions (fitted on dev)."""

    #: bias, weight of the cue classifier's log-odds, weight of the tagger's cue log-odds
    cue: tuple[float, float, float]
    cue_threshold: float
    #: the same for cue extent tokens
    extent: tuple[float, float, float]
    #: weight of a candidate's summed tagger log-odds in the content and source rankers
    content: float
    source: float

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> TaggerBlend:
        return cls(tuple(config["cue"]), float(config["cue_threshold"]),
                   tuple(config["extent"]), float(config["content"]), float(config["source"]))

    def to_config(self) -> dict[str, Any]:
        return asdict(self)

    def cue_probability(self, linear: float, tagged: float) -> float:
        bias, a, b = self.cue
        return 1.0 / (1.0 + math.exp(-(bias + a * log_odds(linear) + b * log_odds(tagged))))

    def in_extent(self, linear: float, tagged: float) -> bool:
        bias, a, b = self.extent
        return bias + a * log_odds(linear) + b * log_odds(tagged) >= 0.0


def token_scores(doc: Doc, offsets: npt.NDArray[np.int64], pieces: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``[token, channel]``: the mean score of the word pieces that overlap each spaCy token (0 for a token
    no piece overlaps, such as whitespace)."""
    scores = np.zeros((len(doc), pieces.shape[1]), dtype=np.float32)
    if not len(offsets):
        return scores
    starts = offsets[:, 0]
    for token in doc:
        if token.is_space:
            continue
        first = int(np.searchsorted(starts, token.idx, side="right")) - 1
        first = max(first, 0)
        end = token.idx + len(token)
        last = int(np.searchsorted(starts, end, side="left"))
        inside = [k for k in range(first, last) if offsets[k, 1] > token.idx and offsets[k, 0] < end]
        if inside:
            scores[token.i] = pieces[inside].mean(axis=0)
    return scores


class AttributionTagger:
    """Per-token cue, source and content scores of a parsed doc, from the adapted MiniLM."""

    def __init__(self, pieces: PieceTagger) -> None:
        self.pieces = pieces

    def scores(self, doc: Doc) -> npt.NDArray[np.float32]:
        """``[token, channel]`` probabilities, channels as in :data:`CHANNELS`."""
        cut = self.pieces.cut(doc.text)
        if not cut.ids:
            return np.zeros((len(doc), len(CHANNELS)), dtype=np.float32)
        return token_scores(doc, cut.offsets, self.pieces.probabilities(cut))


def read_settings(folder: Path) -> dict[str, Any] | None:
    """The accurate mode's settings in ``folder``, or None where it has none."""
    path = folder / SETTINGS_FILE
    if not path.is_file() or not (folder / ADAPTERS_FILE).is_file():
        return None
    settings: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return settings


@lru_cache(maxsize=2)
def load_attribution_tagger(directory: str) -> tuple[AttributionTagger, TaggerBlend, Calibration | None]:
    """The accurate tagger stored in the attribution model folder ``directory``, with its blend and the
    accurate mode's confidence calibration."""
    folder = Path(directory)
    settings = read_settings(folder)
    if settings is None:
        raise ModelNotFoundError(
            f"no accurate attribution tagger in {folder}. To fix: train one with "
            "`presslens train attribution --data DIR --out DIR --accurate` (needs the accurate and train-torch "
            "extras), or use the fast mode"
        )
    pieces = PieceTagger.from_arrays("the accurate attribution mode", read_adapters(folder), float(settings["scale"]),
                                     int(settings["length"]), int(settings["stride"]))
    tagger = AttributionTagger(pieces)
    calibration = settings.get("calibration")
    return (tagger, TaggerBlend.from_config(settings["blend"]),
            Calibration(tuple(calibration["xs"]), tuple(calibration["ys"])) if calibration else None)

"""Euphemisms and other loaded framing, found with word lists and a few rules written for presslens.

No benchmark covers euphemism, so this is a lexicon, not a model. Each entry
is a sequence of lower-case lemmas ("special military operation", "tear
apart") with the technique it signals and why. Entries are matched on the
tokens' lemmas and, as a fallback, on their lower-case forms, so "tore
apart" and "tearing apart" match "tear apart". The lists cover war, state
violence, policing, surveillance and the economy of harm; they name
techniques in presslens's vocabulary (:data:`presslens.nlp.techniques.TECHNIQUES`).

The same phrase is not always propaganda (a news report may quote "special
military operation" as the official term): the finding is a flag for a
reader, with its reason, never a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy import attrs
from spacy.strings import hash_string  # type: ignore[attr-defined]  # compiled, no stub
from spacy.tokens import Doc

__all__ = ["FRAMES", "Frame", "FrameMatch", "find_frames"]


@dataclass(frozen=True, slots=True)
class Frame:
    """One listed phrase: what it signals, and why."""

    lemmas: tuple[str, ...]
    technique: str
    reason: str


def _frames(technique: str, reason: str, phrases: str) -> list[Frame]:
    return [Frame(tuple(p.split()), technique, reason) for p in (x.strip() for x in phrases.split(",")) if p]


FRAMES: tuple[Frame, ...] = tuple(
    # War and military force named so it sounds small, lawful or kind.
    _frames("euphemism", "softens military force or war", """
        special military operation, special operation, military-technical measure,
        peacekeeping operation, peace enforcement, counter-terrorist operation, counterterrorist operation,
        anti-terrorist operation, police action, kinetic action, kinetic activity, kinetic operation,
        surgical strike, precision strike, limited strike, targeted killing, targeted strike,
        collateral damage, neutralize, neutralise, neutralize the target, eliminate the target,
        service the target, degrade, denazification, demilitarization, demilitarisation, liberation of,
        liberated territory, reunification, humanitarian intervention, regime change, boots on the ground,
        tactical withdrawal, strategic withdrawal, regrouping of force, goodwill gesture, friendly fire,
        pacification, pacify, mopping up, clean up operation, cleansing operation, filtration, filtration camp,
        population transfer, evacuation of the population, relocation, resettlement, ethnic cleansing,
        enhanced interrogation, enhanced interrogation technique, extraordinary rendition, rendition,
        black site, detention facility, enemy combatant, unlawful combatant, re-education, vocational training,
        vocational training center, vocational training centre, protective custody, administrative detention,
        depopulation, loss of life, casualty figure, human shield, air campaign, defensive operation,
        preemptive strike, pre-emptive strike, preventive strike, enhanced security measure,
        """)
    # State violence, repression and control named in bureaucratic terms.
    + _frames("euphemism", "names repression or harm in bureaucratic terms", """
        crowd control, restore order, restore constitutional order, law and order operation, disperse the crowd,
        unauthorized rally, unsanctioned rally, extremist material, foreign agent, undesirable organization,
        undesirable organisation, use of force, excessive force, officer-involved shooting, in custody death,
        died in custody, enhanced screening, bulk collection, metadata collection, lawful intercept,
        right-sizing, rightsizing, downsizing, let go, workforce reduction, negative growth, revenue enhancement,
        job action, alternative fact, misspeak, misspoke, terminological inexactitude, economical with the truth,
        """)
    # Loaded framings of a conflict's sides and acts.
    + _frames("loaded-language", "violent metaphor for a political aim", """
        tear apart, wipe off the map, wipe out, bring to its knee, bring to their knee,
        stab in the back, witch hunt, iron curtain, bleed white, crush the enemy, drown in blood, blood on their hand,
        """)
    + _frames("name-calling", "labels a government or fighters to delegitimise them", """
        kiev regime, kyiv regime, puppet regime, puppet government, junta, nazi regime, neo-nazi, neo-nazis, neonazi,
        terrorist regime, rogue state, axis of evil, evil empire, collective west, freedom fighter,
        russian aggressor, orcs, orc, rashist, rashists, khokhol, banderite, banderites, zionist entity,
        """)
    + _frames("black-and-white", "presents one course as the only possible one", """
        no other choice, no other option, no choice but, no alternative, there be no alternative,
        the only way, the only option, the only solution, with us or against us, either with us,
        """)
)

# Frames by the hash of their first word, and each frame's words as hashes (spaCy's string hashes),
# so matching reads the doc as integer arrays.
_BY_FIRST: dict[int, list[tuple[Frame, tuple[int, ...]]]] = {}
for _frame in FRAMES:
    _ids = tuple(hash_string(w) for w in _frame.lemmas)
    _BY_FIRST.setdefault(_ids[0], []).append((_frame, _ids))


@dataclass(frozen=True, slots=True)
class FrameMatch:
    """A listed phrase found in a doc, as token indices ``[start, end)``."""

    start: int
    end: int
    frame: Frame


def find_frames(doc: Doc) -> list[FrameMatch]:
    """Every listed phrase in ``doc``; where matches overlap, the longest wins."""
    n = len(doc)
    ids = cast(list[list[int]], doc.to_array([attrs.LOWER, attrs.LEMMA]).reshape(n, 2).tolist())
    found: list[FrameMatch] = []
    for i, (lower, lemma) in enumerate(ids):
        candidates = _BY_FIRST.get(lemma, []) + (_BY_FIRST.get(lower, []) if lower != lemma else [])
        for frame, words in candidates:
            width = len(words)
            if i + width <= n and all(words[k] in ids[i + k] for k in range(width)):
                found.append(FrameMatch(i, i + width, frame))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[FrameMatch] = []
    taken = bytearray(len(doc))
    for match in found:
        if not any(taken[match.start:match.end]):
            kept.append(match)
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
    return sorted(kept, key=lambda m: m.start)

"""Word lists for the technique tagger: cue words that tend to carry each persuasion technique.

The lists were written by hand for presslens from the technique definitions
of the Propaganda Techniques Corpus guidelines (what each technique is, not
its annotated examples). The tagger uses them as features, next to what it
learns, and the human-readable reason of each finding names the cue words
from these lists that fired inside its span.

Entries are lower-case lemmas (one word) or lower-case word sequences
(several words, matched on the tokens' lower-case forms).
"""

from __future__ import annotations

from typing import cast

import numpy as np
import numpy.typing as npt
from spacy import attrs
from spacy.strings import hash_string  # type: ignore[attr-defined]  # compiled, no stub
from spacy.tokens import Doc

__all__ = ["CUES", "LEXICON_KEYS", "lexicon_hits"]


def _words(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.replace(",", "\n").splitlines() if line.strip())


CUES: dict[str, frozenset[str]] = {
    # Emotionally charged words that colour what they describe.
    "loaded": _words("""
        outrageous, shocking, disgusting, despicable, vile, evil, wicked, sinister, heinous, atrocious,
        horrific, horrible, horrendous, terrible, monstrous, brutal, savage, barbaric, ruthless, vicious,
        cruel, disgraceful, shameful, scandalous, appalling, insane, crazy, ridiculous, absurd, pathetic,
        hysterical, hysteria, frenzy, rampage, slaughter, massacre, carnage, butcher, destroy, destruction,
        devastating, devastate, catastrophic, catastrophe, disaster, disastrous, chaos, chaotic, plague,
        crisis, war, attack, assault, onslaught, crusade, witch, hunt, lynch, mob, hoax, sham, farce,
        scam, fraud, lie, liar, lying, deceit, deceitful, betray, betrayal, treason, treasonous, sedition,
        corrupt, corruption, rotten, toxic, poison, poisonous, cancer, infest, infested, swamp, filth,
        filthy, dirty, sick, sickening, twisted, perverse, pervert, deranged, unhinged, lunatic, maniac,
        fanatic, fanatical, zealot, extremist, radical, militant, terror, terrorist, terrorize, bloody,
        bloodthirsty, evil, demonic, demon, satanic, hell, hellish, nightmare, tyranny, tyrannical,
        tyrant, oppressive, oppression, persecution, persecute, enslave, slavery, genocide, holocaust,
        purge, crackdown, smear, slander, vilify, demonize, brainwash, propaganda, censor, censorship,
        silence, muzzle, gag, outrage, fury, furious, rage, enraged, blast, slam, lash, rant, tirade,
        scream, shriek, meltdown, collapse, crumble, doom, doomed, bombshell, explosive, stunning,
        staggering, unbelievable, incredible, unprecedented, historic, heroic, hero, brave, glorious,
        noble, sacred, holy, pure, innocent, martyr, victim, predator, prey, infiltrate, invade, invasion,
        flood, swarm, horde, illegal, alien, thug, gang, regime, junta, cabal, elite, elites, establishment
    """),
    # Labels that cast a person or group as something to love or hate.
    "labels": _words("""
        idiot, moron, fool, clown, buffoon, imbecile, loser, coward, cowardly, puppet, stooge, lackey,
        crook, criminal, thief, gangster, mobster, thug, traitor, turncoat, snake, rat, pig, scum, vermin,
        parasite, leech, bigot, racist, fascist, nazi, communist, marxist, socialist, leftist, lefty,
        liberal, libtard, progressive, snowflake, globalist, neocon, warmonger, hawk, dictator, despot,
        autocrat, strongman, oligarch, kleptocrat, propagandist, shill, hack, demagogue, agitator,
        extremist, radical, jihadist, islamist, terrorist, anarchist, rioter, looter, insurrectionist,
        separatist, rebel, militant, hater, troll, conspiracy, theorist, denier, apologist, sympathizer,
        alarmist, zealot, fanatic, cult, sheep, sheeple, deep, state, swamp, mainstream, msm, fake, news,
        so-called, self-styled, self-proclaimed, notorious, infamous, disgraced, failed, crooked
    """),
    # Words that cast doubt on someone's credibility or a claim's truth.
    "doubt": _words("""
        allegedly, alleged, supposedly, supposed, purportedly, purported, claim, claimed, so-called,
        questionable, dubious, doubtful, doubt, suspicious, suspect, unproven, unsubstantiated,
        unfounded, baseless, bogus, credibility, credible, trust, believe, really, truly, actually,
        whether, why, how, question, questions, wonder, mysterious, mystery, strange, odd, curious,
        convenient, conveniently, coincidence, apparently, seemingly, pretend, pretense, pretext
    """),
    # Words of fear, threat and danger.
    "fear": _words("""
        fear, afraid, frighten, frightening, scary, terrify, terrifying, threat, threaten, threatening,
        danger, dangerous, peril, perilous, risk, risky, deadly, lethal, kill, killer, death, die, dying,
        destroy, wipe, annihilate, annihilation, extinction, collapse, catastrophe, disaster, doom,
        apocalypse, apocalyptic, invasion, invade, overrun, flood, epidemic, pandemic, outbreak, virus,
        disease, contagion, crime, violence, violent, rape, murder, bomb, nuclear, war, enemy, enemies,
        warn, warning, alarm, alarming, panic, menace, grave, serious, worse, worst, lose, loss
    """),
    # Appeals to a group's identity, patriotism and shared values.
    "flag": _words("""
        nation, national, nationalism, patriot, patriotic, patriotism, country, homeland, motherland,
        fatherland, flag, anthem, constitution, freedom, liberty, independence, sovereignty, sovereign,
        heritage, tradition, traditional, values, faith, god, christian, civilization, culture, people,
        citizen, citizens, american, america, americans, russia, russian, british, european, west,
        western, our, we, us, together, unite, united, unity, pride, proud, honor, honour, duty, sacrifice,
        defend, defense, protect, security, great, greatness, first, family, families, children
    """),
    # Overstatement and understatement.
    "exaggeration": _words("""
        all, every, everyone, everybody, everything, nobody, nothing, none, never, always, forever,
        entire, entirely, whole, total, totally, complete, completely, absolute, absolutely, utterly,
        utter, ever, most, best, worst, greatest, biggest, largest, highest, lowest, only, single, huge,
        enormous, massive, tremendous, vast, gigantic, colossal, record, unprecedented, extreme,
        extremely, incredibly, literally, mere, merely, just, little, tiny, minor, trivial, nothing,
        million, millions, billion, billions, thousands, hundred, endless, countless, numerous
    """),
    # Two options presented as the only ones.
    "black_white": _words("""
        either, or, only, choice, alternative, option, must, either way, no other choice, no choice,
        no alternative, with us, against us, nothing but, one way, the only way, only option, must choose
    """),
    # One cause offered for a complex outcome.
    "causal": _words("""
        because, cause, caused, causes, causing, due, result, resulted, results, lead, led, leads, blame,
        blamed, responsible, responsibility, fault, thanks, therefore, thus, hence, consequently,
        consequence, so, since, reason, root, behind, fuel, fueled, trigger, triggered, spark, sparked
    """),
    # Citing an authority as proof.
    "authority": _words("""
        according to, expert, experts, scientist, scientists, study, studies, research, researcher,
        professor, doctor, dr, official, officials, report, reports, say, says, said, confirm, confirmed,
        agree, agreed, pope, president, minister, secretary, general, director, chief, spokesman,
        spokesperson, authority, authorities, institute, university, organization, who, un
    """),
    # Everybody is doing it; or the hated group does it.
    "bandwagon": _words("""
        everyone, everybody, majority, most, millions, many, people, public, popular, consensus,
        growing number, more and more, join, joined, movement, hitler, nazi, nazis, stalin, fascism,
        fascist, mao, communist, communism, gestapo, kkk, isis
    """),
    # Phrases that end a discussion.
    "cliche": _words("""
        it is what it is, enough is enough, period, end of story, that's it, that is it, so be it,
        the bottom line, at the end of the day, time will tell, whatever, move on, let's go,
        it's simple, plain and simple, the facts speak, speaks for itself, nuff said, common sense,
        you know, of course, obviously, clearly, simply
    """),
    # Answering criticism with a counter-accusation, or distorting an opponent's view.
    "whatabout": _words("""
        what about, hypocrisy, hypocrite, hypocrites, hypocritical, double standard, double standards,
        yet, while, meanwhile, instead, but, ignore, ignored, ignoring, silent, silence, same, also,
        too, pretend, want us to believe, would have you believe
    """),
    # Short, punchy rallying phrases.
    "slogan": _words("""
        again, lives matter, build the wall, lock her up, drain the swamp, fake news, never again,
        no justice, no peace, stop, now, yes we can, america first, not my president, hands off,
        death to, long live, down with, believe women, me too, resist
    """),
}

#: The lexicon keys, in the order of the columns of :func:`lexicon_hits`.
LEXICON_KEYS = tuple(CUES)

# Look-ups by spaCy's 64-bit string hashes (``token.lower``, ``token.lemma``), so a doc's tokens are
# read as one integer array instead of one Python object each.
_SINGLE: dict[int, list[int]] = {}
_MULTI: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
for _k, _key in enumerate(LEXICON_KEYS):
    for _entry in CUES[_key]:
        _parts = tuple(hash_string(p) for p in _entry.split())
        if len(_parts) == 1:
            _SINGLE.setdefault(_parts[0], []).append(_k)
        else:
            _MULTI.setdefault(_parts[0], []).append((_k, _parts))


def lexicon_hits(doc: Doc) -> npt.NDArray[np.float32]:
    """Tokens x lexicon keys: 1 where the token's lemma or lower-case form is in the list, or the
    token is part of a listed word sequence (one pass over the tokens, dictionary look-ups only)."""
    n = len(doc)
    hits = np.zeros((n, len(LEXICON_KEYS)), dtype=np.float32)
    ids = cast(list[list[int]], doc.to_array([attrs.LOWER, attrs.LEMMA]).reshape(n, 2).tolist())
    lowers = [lower for lower, _ in ids]
    for i, (lower, lemma) in enumerate(ids):
        for k in _SINGLE.get(lower, ()):
            hits[i, k] = 1.0
        if lemma != lower:
            for k in _SINGLE.get(lemma, ()):
                hits[i, k] = 1.0
        for k, phrase in _MULTI.get(lower, ()):
            if tuple(lowers[i:i + len(phrase)]) == phrase:
                hits[i:i + len(phrase), k] = 1.0
    return hits

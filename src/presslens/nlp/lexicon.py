"""Word lists the rule-based components use.

The cue verbs are grouped by how their content is expressed. The lists were
written by hand and checked against how often each lemma heads an annotated
cue in the PolNeAR training split (lemmas heading a cue in fewer than about a
third of their occurrences were left out or moved to ``WEAK_CUES``).
"""

from __future__ import annotations

# Verbs of saying, reporting and asserting: content is a clause (``that``-clause or quote).
SPEECH_VERBS = frozenset(
    """
    say tell add note write argue announce suggest claim explain declare acknowledge insist warn
    vow recall conclude predict indicate reply respond state stress emphasize emphasise assert
    contend maintain admit deny confirm report reveal tweet complain concede charge allege observe
    remark comment mention promise pledge answer ask quip joke boast testify caution reiterate
    repeat retort counter threaten assure inform notify explain estimate speculate hint imply
    proclaim disclose affirm lament muse acknowledge predict forecast recount recommend propose
    demand urge agree reason surmise shout scream yell whisper exclaim cry write post wonder
    underline underscore highlight recount brag grumble conclude calculate guarantee
    """.split()
)

# Verbs of belief and perception that report a stance; weaker, used only with a clause.
WEAK_CUES = frozenset(
    """
    believe think feel fear hope expect worry doubt know realize realise find show indicate
    suspect consider acknowledge understand guess assume reckon recognize recognise
    """.split()
)

# Verbs whose content follows as object and complements: "blasted the West for ...".
OBJECT_CUES = frozenset(
    """
    accuse blast criticize criticise condemn denounce praise describe call urge dismiss blame
    slam mock lambast decry hail applaud reject defend question challenge endorse cite chide
    rebuke scold castigate assail berate ridicule label brand characterize characterise dub
    thank commend laud warn advise implore beg appeal request order instruct encourage
    """.split()
)

# Verbs whose content is an infinitive: "vowed to fight", "refused to comment".
INFINITIVE_CUES = frozenset(
    """
    vow promise pledge threaten offer swear demand urge call
    """.split()
)

CUE_LEMMAS = SPEECH_VERBS | WEAK_CUES | OBJECT_CUES | INFINITIVE_CUES

# Nouns that name a statement: "his claim that ...", "the statement said".
CUE_NOUNS = frozenset(
    """
    statement claim assertion remark remarks comment comments announcement warning accusation
    allegation admission insistence suggestion argument testimony tweet post interview
    """.split()
)

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})

HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. gen gen. sen sen.
    rep rep. gov gov. lt lt. col col. capt capt. sgt sgt. pres pres. hon hon. mx mx.
    """.split()
)

# Head nouns that name a role, used to find roles ("Russian President ...") and to resolve
# role mentions ("the president") to a named person.
ROLE_NOUNS = frozenset(
    """
    president vice-president premier minister chancellor secretary spokesman spokeswoman
    spokesperson leader chief head chairman chairwoman chair director governor mayor senator
    representative congressman congresswoman ambassador envoy general commander king queen
    prince princess emperor pope cardinal bishop ayatollah sheikh judge justice attorney
    prosecutor official officer diplomat negotiator adviser advisor aide analyst expert
    economist professor researcher scientist author writer editor reporter correspondent
    journalist columnist founder ceo executive manager candidate nominee lawmaker legislator
    mp deputy speaker strategist pollster lawyer counsel commissioner inspector sheriff
    chancellor councillor councilman councilwoman activist campaigner organizer organiser
    owner investor banker governor-general monarch dictator strongman ruler regent
    """.split()
)

# Words that may stand before a name as part of its role: "Russian President", "US Senator".
ROLE_MODIFIERS = frozenset(
    """
    former then acting deputy vice chief senior top foreign prime interim state federal
    national general executive assistant associate secretary-general democratic republican
    """.split()
)

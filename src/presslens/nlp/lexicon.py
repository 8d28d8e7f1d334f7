"""Word lists the rule-based components use.

The cue verbs are grouped by how their content is expressed. The lists were
written by hand and checked against how often each lemma heads an annotated
cue in the PolNeAR training split (lemmas heading a cue in fewer than about a
third of their occurrences were left out or moved to ``WEAK_CUES``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

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

# Common given names by usual gender, to make pronouns agree ("she" is not Cheryl's colleague Tom).
# A short hand-made list: a name missing from it simply leaves the gender unknown.
MALE_NAMES = frozenset(
    """
    aaron abdul abdullah adam adrian ahmed ahmad alan albert alberto alejandro alex alexander alexei
    alfred ali andre andreas andrew andrei andres anthony antonio arthur barack barry ben benjamin
    bernard bernie bill billy bob bobby boris brad bradley brandon brian bruce carl carlos charles
    charlie chris christian christopher chuck clarence colin craig dan daniel danny darren dave david
    dennis derek dick dmitry dmitri don donald doug douglas duncan dylan ed eddie edward elon emmanuel
    eric erik evan frank franklin fred frederick gary gavin george gerald gordon greg gregory hans
    harold harry hassan henry howard hugh hunter ian igor isaac ivan jack jacob jake james jamie jared
    jason jay jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan
    jorge jose joseph josh joshua juan justin karl keith ken kenneth kevin  kurt lars larry lee
    leo leon  louis luis luke marco marcus mario mark martin matt matthew max michael miguel
    mike mikhail mitch mitt mohammed muhammad  narendra nathan neil nicholas nick nicolas nigel
    oliver omar oscar patrick paul pedro pete peter phil philip rahm ralph ramon randy ray raymond
    recep reince rex ricardo richard rick rob robert roberto rod roger roland ron ronald ross roy
    rudy rupert russell ryan sam samuel scott sean sergei sergey shinzo simon stephen steve steven
    stuart ted terry thomas tim timothy todd tom tony vladimir volodymyr walter warren wayne william
    xi yuri zach
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    abigail ada alexandra alice alicia alison amanda amber amelia amy ana andrea angela angelina
    ann anna anne annie barbara becky betsy beth betty beverly brenda brittany carla carly carmen
    carol caroline catherine cathy charlotte chelsea cheryl christina christine cindy claire
    claudia colleen cynthia dana daniela deborah debbie debra denise diana diane donna doris dorothy
    elaine elena elisabeth elizabeth ella ellen emily emma erica erin eva evelyn fiona frances
    gabriela gina gloria grace hannah harriet heather heidi helen hillary holly ilhan irene isabel
    isabella jacqueline jane janet janice jean jennifer jessica jill joan joanna jodi josephine joy
    joyce judith judy julia julie karen kate katherine kathleen kathy katie kay kayleigh kelly
    kellyanne kim kimberly kirsten kristen laura lauren leah linda lisa liz lori lucy lynn madeleine
    margaret maria marie marina marine marsha martha mary megan melania melanie melissa meryl michelle
    mika monica nadia nancy natalie natasha nicola nicole nikki nina olga olivia pamela patricia
    paula pauline penny rachel rebecca rita rosa rose ruth sally samantha sandra sara sarah sharon
    sheila shirley sophie stephanie susan suzanne sylvia tamara tanya teresa theresa tiffany tina
    tulsi ursula valerie vanessa veronica victoria virginia wendy yulia yvonne zoe
    """.split()
)

# Nouns that stand for a person of a known gender in a description ("the woman said").
GENDERED_NOUNS = {
    "man": "m", "woman": "f", "father": "m", "mother": "f", "husband": "m", "wife": "f", "son": "m",
    "daughter": "f", "brother": "m", "sister": "f", "boy": "m", "girl": "f", "grandmother": "f",
    "grandfather": "m", "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f",
    "chairman": "m", "chairwoman": "f", "businessman": "m", "businesswoman": "f", "king": "m", "queen": "f",
    "prince": "m", "princess": "f", "mr": "m", "mrs": "f", "ms": "f",
}

# Nouns naming an organisation ("the bank said", "the campaign said"): resolved to the article's
# most salient organisation when no named one fits better.
ORG_NOUNS = frozenset(
    """
    bank company firm corporation group agency campaign committee administration government ministry
    department court newspaper paper network channel broadcaster party union organization organisation
    council commission board office embassy army military police university school hospital
    alliance coalition foundation institute association federation league club team station magazine
    outlet website site agency kremlin
    """.split()
)

# Works that speak for whoever made them ("the ad says", "the letter reads"): a source that is a
# work resolves to its maker ("a web video by the RNC", "her new documentary", "X sent a letter").
WORK_NOUNS = frozenset(
    """
    ad advertisement commercial spot video clip film documentary movie tweet post piece article feature
    editorial column op-ed letter complaint memo book
    """.split()
)

# Works a campaign makes for its candidate: "a Hillary Clinton ad" speaks for the Clinton campaign.
CAMPAIGN_WORKS = frozenset({"ad", "advertisement", "commercial", "spot"})

# Verbs whose subject made their object: "The Post ran a feature", "parents sent a letter".
MAKING_VERBS = frozenset(
    """
    run release publish send have air launch post write tweet issue produce make unveil file pen put debut
    """.split()
)

# Nouns for places that act like organisations ("the city said it would appeal").
PLACE_NOUNS = frozenset("city state country town county village province region nation".split())

# A person's organisation and staff go by the surname, as news writes them ("Trump campaign",
# "Obama aides"); other relations keep the name as written ("Gary Johnson's doctor").
SURNAME_NOUNS = ORG_NOUNS | frozenset(
    "aide operative adviser advisor staffer surrogate ally supporter official spokesman spokeswoman spokesperson"
    .split()
)

# Party words that set two otherwise equal roles apart ("the Democratic nominee").
PARTIES = frozenset(
    "democratic democrat republican gop libertarian green labour conservative liberal independent".split()
)

# Roles in a race, whose holder is whoever the article is about ("the GOP nominee").
CANDIDACY = frozenset("nominee candidate hopeful contender frontrunner challenger incumbent".split())

# Prepositions whose phrase belongs to a description's name ("reporter for USA Today").
QUALIFYING_PREPOSITIONS = frozenset({"of", "for", "on"})

# Nouns that say nothing until a place says who: "people in other cities", "others in the party".
GENERIC_PEOPLE = frozenset("people other others those member resident many some one".split())

# Words before a group noun that do not belong in its name: "several officials", "31 Latinos".
QUANTIFIERS = frozenset(
    """
    a an the some several many most few all both one two three four five six seven eight nine ten
    dozens hundreds thousands millions other another various numerous multiple at least more far fewer top
    """.split()
)


def cue_category(head: Token) -> str:
    """``speech`` for cues of saying and writing, ``stance`` for intentions, beliefs and actions."""
    lemma = head.lemma_.lower()
    if head.text in {":", "—", "–", "--", "―"} or head.lower_ == "according" or lemma == "according":
        return "speech"
    # "missiles pledged by the US": a participle describing something, not a report of speech
    if head.dep_ in {"acl", "amod"} or (
            head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)):
        return "stance"
    if lemma in SPEECH_VERBS or lemma in OBJECT_CUES or lemma in CUE_NOUNS:
        return "speech"
    return "stance"

# Places the small English model often mislabels, and spellings of one place that news uses side by
# side. Each key is a spelling (lowercase); the value names the place, so all spellings merge into one
# entity while each mention keeps its own spelling.
PLACE_SPELLINGS = {
    "kyiv": "kyiv", "kiev": "kyiv", "kharkiv": "kharkiv", "kharkov": "kharkiv", "odesa": "odesa",
    "odessa": "odesa", "lviv": "lviv", "lvov": "lviv", "dnipro": "dnipro", "dnepropetrovsk": "dnipro",
    "zaporizhzhia": "zaporizhzhia", "zaporozhye": "zaporizhzhia", "mykolaiv": "mykolaiv", "nikolaev": "mykolaiv",
    "luhansk": "luhansk", "lugansk": "luhansk", "donetsk": "donetsk", "mariupol": "mariupol",
    "kherson": "kherson", "bakhmut": "bakhmut", "artemovsk": "bakhmut", "chernihiv": "chernihiv",
    "chernigov": "chernihiv", "crimea": "crimea", "donbas": "donbas", "donbass": "donbas",
    "moscow": "moscow", "beijing": "beijing", "peking": "beijing", "mumbai": "mumbai", "bombay": "mumbai",
    "kolkata": "kolkata", "calcutta": "kolkata", "chennai": "chennai", "madras": "chennai",
    "myanmar": "myanmar", "burma": "myanmar", "yangon": "yangon", "rangoon": "yangon", "tehran": "tehran",
    "teheran": "tehran", "gaza": "gaza", "kabul": "kabul", "damascus": "damascus", "minsk": "minsk",
    "belarus": "belarus", "byelorussia": "belarus", "tbilisi": "tbilisi", "tiflis": "tbilisi",
    "türkiye": "turkey", "turkey": "turkey", "czechia": "czechia", "czech republic": "czechia",
    "eswatini": "eswatini", "swaziland": "eswatini", "pyongyang": "pyongyang", "seoul": "seoul",
    "taipei": "taipei", "hong kong": "hong kong", "tel aviv": "tel aviv", "jerusalem": "jerusalem",
    "washington": "washington", "brussels": "brussels", "london": "london", "paris": "paris",
    "berlin": "berlin", "ankara": "ankara", "baghdad": "baghdad", "riyadh": "riyadh", "caracas": "caracas",
    "havana": "havana", "warsaw": "warsaw", "vilnius": "vilnius", "riga": "riga", "tallinn": "tallinn",
}

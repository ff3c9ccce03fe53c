"""Word lists `text.events` reads: modals, verbs of intention, reporting and statement verbs,
happenings, nouns for agents and events, negative words, prepositions of participants and
places. Data only."""

from coverage_app.text.people.name_words import GENERIC_PEOPLE, ORG_WORDS, ROLE_NOUNS

MODALS = {"will": "will", "wo": "will", "would": "would", "could": "could", "can": "can",
          "ca": "can", "may": "may", "might": "might", "must": "must", "should": "should",
          "shall": "will", "'ll": "will", "’ll": "will", "'d": "would", "’d": "would"}  # fmt: skip
# Verbs (and predicative adjectives) that hand the event to their infinitive: the head
# becomes the modality of what follows ("plans to strike" -> strike, modality "plan").
INTENTIONS = {
    "plan": "plan", "intend": "intend", "threaten": "threaten", "expect": "expect",
    "aim": "intend", "hope": "hope", "want": "want", "seek": "seek", "vow": "vow",
    "pledge": "pledge", "promise": "promise", "prepare": "plan", "try": "try",
    "attempt": "try", "mean": "intend", "set": "will", "due": "will", "schedule": "will",
    "go": "will", "be": "will", "likely": "may", "unlikely": "may", "able": "can",
    "unable": "can", "need": "must", "have": "must", "ready": "will", "poised": "will",
}  # fmt: skip
# Sayings whose content is the quote or reported clause: never events by themselves.
REPORTING = frozenset(
    """
    say tell add note explain stress insist reiterate comment write tweet post remark observe
    emphasise emphasize argue claim state continue reply respond answer recall mention suggest
    predict acknowledge admit concede quip ask describe indicate underline underscore
    highlight signal hint disclose reveal report testify allege maintain contend assert
    caution think believe feel know hear learn see according estimate recount complain
    lament boast joke explain speak talk
    """.split()
)
# Statements that are news when they carry their own object: "announced new sanctions",
# "rejected the offer", "refused to hold talks", "called for a ceasefire".
STATEMENTS = frozenset(
    """
    announce reject deny refuse condemn accuse warn threaten confirm declare pledge promise
    vow demand urge propose offer criticise criticize dismiss praise welcome appeal rule
    veto decry blame call order ban authorise authorize approve agree decide vote sign
    """.split()
)
STATEMENT_PREPS = {"for", "against", "on", "of", "to", "over"}
STATE_LEMMAS = frozenset(
    """
    be have do seem appear become get remain stay look sound feel mean need include involve
    require contain concern represent reflect consist belong depend exist lie matter
    """.split()
)
# Verbs that are happenings whatever their subject ("prices rose", "the talks collapsed").
HAPPENINGS = frozenset(
    """
    rise fall drop jump surge climb plunge soar slump slide crash collapse explode erupt burn
    flood hit strike kill injure wound destroy damage sink spread halt stop end begin start
    open close resume fail pass expire break die crash shake topple tumble recede spill
    """.split()
)
# Nouns for people and bodies that act.
AGENT_NOUNS = (
    ROLE_NOUNS
    | GENERIC_PEOPLE
    | ORG_WORDS
    | frozenset(
        """
    troops soldiers soldier forces army rebels rebel militants militant fighters fighter
    protesters protester demonstrators strikers crowd crowds students union unions
    government governments ministers leaders delegation delegates negotiators parties
    countries country nations nation allies ally men women children man woman person
    gunmen gunman attackers attacker suspect suspects prosecutors judges jury court
    parliament lawmakers member members staff employees drivers pilots doctors nurses
    farmers miners dockworkers dockers teachers passengers residents officers team side
    counterpart counterparts
    """.split()
    )
)
# Nouns for happenings that act as subjects: "the strike could shut the port".
EVENT_NOUNS = frozenset(
    """
    ruling decision verdict strike strikes walkout attack attacks storm law ban sanctions vote
    deal agreement fire explosion blast earthquake flood floods war offensive measure
    measures bill policy reform reforms shutdown closure protest protests fighting ceasefire
    """.split()
)
# Adverbs the parser files as prepositions: "walked out of the talks".
PARTICLE_WORDS = {"out", "off", "away", "back", "down", "up"}
# Negation carried by a subject or object: "no proposal was made", "nobody came".
NEGATIVE_WORDS = {"no", "neither", "not"}
NEGATIVE_PRONOUNS = {"nobody", "nothing", "none", "no-one", "noone"}
REFLEXIVES = frozenset("itself himself herself themselves ourselves myself yourself".split())
# Clauses that say what might happen, not what happened: "before schools can use it".
HYPOTHETICAL_MARKS = {"if", "unless", "before", "until", "so", "whether", "lest", "once"}
MOTION_VERBS = frozenset(
    "travel go fly return arrive come head move flee send deploy drive sail march".split()
)
PARTICIPANT_PREPS = {"with", "to", "between", "against", "from", "for", "on", "into", "at"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "from", "to", "across", "on"}
DEEP_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
# Nouns that name a happening, with the verb that reports the same happening: "the meeting
# between A and B" is a meeting as much as "A will meet B". Lemmas and plurals both listed.
NOMINAL_ACTIONS = {
    "meeting": "meet", "meetings": "meet", "summit": "meet", "talks": "talk",
    "negotiation": "negotiate", "negotiations": "negotiate", "visit": "visit",
    "visits": "visit", "trip": "visit", "attack": "attack", "attacks": "attack",
    "assault": "attack", "strike": "strike", "strikes": "strike", "airstrike": "strike",
    "airstrikes": "strike", "bombing": "bomb", "shelling": "shell", "invasion": "invade",
    "arrest": "arrest", "arrests": "arrest", "detention": "detain", "vote": "vote",
    "signing": "sign", "ceasefire": "ceasefire", "truce": "ceasefire", "resignation": "resign",
    "killing": "kill", "killings": "kill", "murder": "murder", "assassination": "assassinate",
    "execution": "execute", "release": "release", "withdrawal": "withdraw",
    "sentencing": "sentence", "conviction": "convict", "indictment": "indict",
    "election": "elect", "appointment": "appoint",
    "expulsion": "expel", "deportation": "deport", "kidnapping": "kidnap",
    "abduction": "abduct", "protest": "protest", "protests": "protest",
    "call": "call", "conversation": "talk", "interview": "interview", "dismissal": "dismiss",
    "announcement": "announce", "launch": "launch", "raid": "raid", "raids": "raid",
}  # fmt: skip
# Happening nouns whose "of X" names who or what it happens to, not who acts: "the arrest of X",
# "the signing of the deal"; for the others it names the actor ("the visit of X").
PATIENT_NOMINALS = frozenset(
    """
    arrest arrests detention signing killing killings murder assassination execution release
    sentencing conviction indictment election appointment dismissal expulsion deportation
    kidnapping abduction invasion bombing shelling launch
    """.split()
)
# Of those, the ones whose possessive is who it happens to when no "of" follows ("X's arrest",
# "X's release"); a possessive before "of" is the actor ("A's arrest of X", "A's invasion").
POSSESSIVE_PATIENTS = PATIENT_NOMINALS - {"signing", "invasion", "bombing", "shelling", "launch"}
# Words before a happening noun that say it has not happened yet: "the planned visit".
NOMINAL_MODALITY = {
    "planned": "plan", "proposed": "propose", "possible": "may", "potential": "may",
    "expected": "expect", "upcoming": "will", "scheduled": "will", "forthcoming": "will",
    "future": "will", "likely": "may", "prospective": "may", "mooted": "propose",
    "impending": "will", "threatened": "threaten",
}  # fmt: skip
# Verbs that only say a happening noun took place ("the meeting took place", "there were
# talks"): their negation and modality are the happening's.
OCCURRENCE_VERBS = frozenset("be take happen occur go proceed start begin end".split())
# Verbs whose object is a happening noun they only carry out ("held talks with", "launched an
# attack on", "made an arrest"): the verb's own event already reports the happening.
SUPPORT_VERBS = frozenset(
    "hold have conduct stage carry make mount launch host attend resume begin start".split()
)
# Labels of figures and times, never a participant of a happening.
NOT_PARTIES = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}

"""Word lists for names. Data only.

The first part is what `text.names` reads to tell who is who in one article (particles,
honorifics, gendered words, role and organisation nouns, media, generic speakers...); the
last three are what `text.name_match` reads to tell whether two outlets' speakers are one
party.
"""

PARTICLES = frozenset(
    """
    al bin da das de del den der di dos du ibn la le op st st. ter van von
    """.split()
)
HONORIFICS = frozenset(
    """
    dame dr dr. fr fr. lady lord miss mr mr. mrs mrs. ms ms. prof prof. rev rev. sir
    """.split()
)
FEMALE_WORDS = frozenset(
    """
    actress businesswoman chairwoman congresswoman councilwoman dame daughter her lady miss
    mother mrs mrs. ms ms. princess queen she sister spokeswoman wife
    """.split()
)
MALE_WORDS = frozenset(
    """
    actor brother businessman chairman congressman councilman father he him his husband king
    lord mr mr. prince sir son spokesman
    """.split()
)
# Nouns that stand for a person ("the minister said").
ROLE_NOUNS = frozenset(
    """
    activist admiral adviser advisor agent aide ambassador analyst anchor archbishop attorney
    attorney-general author baker barrister bishop boxer businessman businesswoman campaigner
    candidate captain cardinal ceo chair chairman chairwoman challenger chancellor chef chief
    coach colonel columnist commander commissioner congressman congresswoman constable coroner
    correspondent councillor councilor counsel defender deputy detective diplomat director
    doctor economist editor emir envoy executive farmer father fighter forecaster founder
    general goalkeeper governor head heavyweight historian host imam incumbent industrialist
    inspector investigator journalist judge king lawyer leader lieutenant magistrate man manager
    mayor mediator meteorologist midfielder minister moderator mother negotiator neighbor
    neighbour nurse officer organiser organizer owner pilot player pope premier presenter
    president prince princess professor promoter prosecutor queen rabbi referee representative
    researcher scientist secretary secretary-general senator sergeant sheriff solicitor speaker
    spokesman spokesperson spokeswoman striker superintendent teacher trainer treasurer widow
    woman
    """.split()
)
# Roles one person holds in a body: "the head of the agency said" is the person in view.
LEADER_NOUNS = frozenset(
    "head chief leader boss director president chairman chairwoman chair ceo executive".split()
)
# Words that may stand before a name as part of a title ("U.S. District Judge").
PERSON_ROLES = ROLE_NOUNS | frozenset(
    """
    acting adm adm. agriculture alderman amb amb. assemblyman assemblywoman assistant
    associate atty atty. auditor brother capt city cmdr cmdr. col col. councilman
    councilwoman county cpl crown culture dame defence defense district dr dr. economy
    education energy environment eu expert federal finance first foreign former forward gen
    gen. gov gov. health incoming industry interim interior junior justice labor labour lady
    local lord lt lt. maj maj. major miss mr mr. mrs mrs. ms ms. national official
    opposition outgoing party prime private prof regional regulator rep rep. reporter
    resident rev security sen sen. senior sgt sgt. sheikh sir sister sports state student
    supreme supt supt. then trade transport u.k. u.s. uk us vice whip worker writer
    """.split()
)
# Words that make a name an organisation's.
ORG_WORDS = frozenset(
    """
    academy administration agency airlines airways alliance army assembly association
    authorities authority bank board broadcaster bureau cabinet capital carrier center centre
    channel charity chipmaker church city clinic club co co. coalition college command
    commission committee company conglomerate congress corp corp. corporation council court
    crescent cross department developer embassy emirates energy fc federation firm force forces
    foundation front fund gazette giant government group guard headquarters herald holdings
    hospital imf inc inc. industries institute institution insurer journal kingdom kremlin labs
    lender llc ltd ltd. maker manufacturer military ministry mission monitor motors movement
    municipality nations nato navy network news ngo observatory office oil opec operator
    organisation organiser organization organizer parliament partners party pentagon petroleum
    pharma plc police post press producer provider radio refiner regulator republic retailer school
    secretariat senate service services society startup state states supplier systems team
    technologies television times tribunal tribune trust tv un union university watchdog who
    """.split()
)
# Nouns for a business ("the company said", "the Leeds-based maker"): they refer back to the
# company last named, never to a council or a ministry.
COMMERCIAL_NOUNS = frozenset(
    """
    airline bank brand carrier chipmaker club company conglomerate developer firm
    giant group insurer lender maker manufacturer operator producer refiner retailer startup
    supplier team
    """.split()
)
PUBLIC_BODY_WORDS = frozenset(
    """
    administration agency army assembly authority cabinet commission committee council court
    department embassy government military ministry navy office parliament police senate
    """.split()
)
# Nouns in apposition to a place, not a person ("Lisk, a port town").
PLACE_NOUNS = frozenset(
    """
    area borough capital city country county district island port province region river
    state suburb town village
    """.split()
)
# First words of organisation names that are no one's first name ("Western Grid says").
ORG_FIRST_WORDS = frozenset(
    """
    british central eastern european first general global international national northern
    royal southern united western
    """.split()
)
FEMALE_NOUNS = frozenset(
    "woman girl mother grandmother wife daughter sister lady widow actress aunt niece".split()
)
MALE_NOUNS = frozenset("man boy father grandfather husband son brother uncle nephew".split())
# Nouns standing for an organisation already named ("the ministry said", "the company said").
ORG_DESCRIPTIONS = ORG_WORDS - {"state", "states", "city", "republic", "kingdom", "capital"}
# Speakers that name no one.
GENERIC_PEOPLE = frozenset(
    """
    activists analyst analysts anyone authorities critics data diplomat diplomats doctors
    economists everyone expert experts fans figures investors lawmakers legislators locals many
    media observers official officials opponents others people police protesters protestors
    report reports researchers resident residents scientists some somebody someone source
    sources statistics studies study supporters traders villagers voters witness witnesses
    workers
    """.split()
)
# A share of people polled or counted, as the subject of a speech verb: "24 percent said",
# "a majority of voters say", "half of them said" (with "N in M": "six in 10 say").
SHARE_NOUNS = frozenset(
    "percent % majority majorities minority plurality half third thirds quarter quarters "
    "two-thirds three-quarters fraction share proportion".split()
)
# Small words an acronym leaves out: "Bank of Kestria" is BK.
ACRONYM_SKIPPED = frozenset("of the and for & on in".split())
# Words naming a medium ("Kerrin Daily News", "local press", "the broadcaster").
MEDIA_WORDS = frozenset(
    """
    broadcaster channel daily gazette herald journal media network news newspaper outlet
    press radio tabloid television times tribune tv
    """.split()
)
# Endings of nouns for people ("docker", "mediator", "resident", "migrant", "politician").
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")
# Nouns for people that those endings miss.
PERSON_NOUNS = frozenset(
    """
    adult ally aunt boy child colleague comrade cousin couple crew daughter delegate
    delegation family friend girl guest hostage individual inmate kid kin mp mep nephew niece
    parent peer person pupil relative rival sibling son spouse staff suspect uncle veteran
    victim wife youth
    """.split()
)
# Nouns with those endings that name things, not people.
NOT_AGENT_NOUNS = frozenset(
    """
    answer barrier border cancer center centre chapter character computer container corner
    danger disaster error factor favor favour filter floor door finger flavor flower harbor
    honor horror humor interior labor layer letter matter meter mirror monster motor number
    order other paper parameter power quarter register river rumor rumour sector shelter
    silver summer tender terror thunder tower transfer tremor trigger water weather winter
    wonder agreement event content percent talent accident incident extent intent patent
    element plant restaurant variant warrant coffee fee committee degree tree guarantee
    decree
    """.split()
)
# How adjectives of nationality end ("Kestrian", "Turkish", "Japanese", "Israeli").
NATIONAL_ENDINGS = ("an", "ish", "ese", "i")
# Roles named by a wider word ("the Morvanian diplomat" for its foreign minister, "the Kestrian
# leader" for its president): the wider word, and the titles (all of one set) that it covers.
ROLE_KINDS = {
    "diplomat": ({"foreign", "minister"}, {"foreign", "secretary"}, {"ambassador"}, {"envoy"}),
    "leader": (
        {"president"}, {"prime", "minister"}, {"premier"}, {"chancellor"}, {"king"},
        {"queen"}, {"emir"}, {"monarch"},
    ),
}  # fmt: skip
# Bodies that speak under a person's name and are described, not named: "the Vell campaign",
# "Vell's campaign said".
CAMPAIGN_WORDS = frozenset("campaign camp".split())
# Generic speakers that are not someone's voice: "the data showed", "figures said".
NOT_SPEAKERS = frozenset("data figures statistics anyone everyone many some others".split())
SPEAKING = frozenset(
    """
    say tell add write ask claim insist warn note explain admit announce argue concede confirm
    deny hint joke post reply state stress tweet urge
    """.split()
)
# Connectors inside an organisation's name: "Department of Rural Affairs", "Bank of Kestria",
# "Bakery and Food Workers' Union".
ORG_CONNECTORS = frozenset("of for and & on".split())
PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "me"}
PRONOUNS_ORG = {"it", "they", "them", "we", "us"}
# Given names ending in -a that are men's (most such names are women's, in many languages).
MALE_A_NAMES = frozenset(
    """
    andrea costa dima elia ezra ilya jonah joshua kosta luca misha musa mustafa nikita nikola
    sasha yura
    """.split()
)

# --- for matching speakers across outlets (`text.name_match`)

# Descriptions rather than names, even when capitalised at a sentence start ("Police said").
GENERIC_ACTORS = frozenset(
    """police officials official government authorities army military troops forces protesters
    workers residents witnesses ministers minister president spokesman spokeswoman spokesperson
    company bank court parliament union ministry prosecutors rebels militants people
    state administration committee council agency office source sources""".split()
)
# Words that make a name an institution's ("Ministry of Water", "Vell Press Agency").
BODY_WORDS = frozenset(
    """organization organisation ministry department office agency agencies committee council
    commission house government administration parliament assembly congress senate court
    union party bank company corporation corp inc ltd group association federation institute
    authority authorities board service services police army navy force forces embassy
    press news times post radio television tv network foundation fund university school
    kremlin pentagon cabinet secretariat court tribunal league club team""".split()
)
NAME_PARTICLES = frozenset("of the and for de del la le al von van da di du bin".split())

# Who speaks for the one named in their possessive: "Varga's spokesman", "his office".
SPOKESPEOPLE = frozenset(
    """spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople
    office representative representatives""".split()
)
SPOKESPERSON_GENDER = {"spokeswoman": "f", "spokesman": "m"}

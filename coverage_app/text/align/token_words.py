"""Word lists the content tokeniser (`text.tokens`) reads: stop words, negations, synonyms,
phrasal verbs, irregular forms and number words. Data only; the rules live in `text.tokens`."""

STOP_WORDS = frozenset(
    """a an the and or but if then than so as of at by for from in into on onto to with within
    about above after again against all also am any are aren't be because been before being
    below between both can could did do does doing down during each few further had has have
    having he her here hers herself him himself his how i i'm i've i'd i'll is it it's its itself
    just me more most my myself now off once only other our ours ourselves out over own same she
    should some such that their theirs them themselves there these they this those through too
    under until up very was we we're we've we'll were what when where which while who whom why
    will would you your yours yourself yourselves one ones thing things there's that's let us
    well yet even still however therefore thus really quite already whether upon via per
    said says say saying told tells tell stated added noted according always repeatedly ever
    often again something anything everything someone anyone everyone shall may might
    least almost nearly roughly approximately around""".split()
)
NEGATIONS = frozenset("not no never none nothing nobody neither nor without cannot n't".split())

# Synonym groups for the vocabulary of politics and diplomacy coverage, where outlets and
# translators reword one remark. The first word is the canonical token. Inflections
# (-s, -ed, -ing) are added automatically; irregular forms are listed.
SYNONYM_GROUPS = [
    "ready prepared willing open",
    "remain stay",
    # A capital stands for its government in news copy ("Washington made no proposal").
    "usa washington",
    "russia moscow kremlin",
    "china beijing",
    "ukraine kyiv kiev",
    "uk britain london downing",
    "france paris elysee",
    "germany berlin",
    "japan tokyo",
    "iran tehran",
    "turkey ankara",
    "india delhi",
    "eu brussels",
    "declare proclaim announce",
    "admit acknowledge concede",
    "complete full total entire",
    "scary frightening terrifying chilling creepy disturbing horrifying",
    "threat danger",
    "negotiate talk talks negotiation negotiations dialogue dialog discussions",
    "proposal offer proposition suggestion initiative propose",
    "receive get got gotten obtain",
    "consider study examine review weigh",
    "refuse reject decline dismiss rebuff",
    "meet meeting met summit",
    "attack strike struck assault raid bombard shell shelling",
    "kill killed dead die died death",
    "ceasefire truce armistice",
    "war conflict fight fighting hostilities battle struggle",
    "agreement deal accord pact treaty",
    "handle tackle address approach",
    "sentence punishment penalty",
    "harsh severe tough",
    "chase hunt pursue",
    "people individuals persons",
    "word statement remark comment",
    "agree accept",
    "important crucial vital essential key main",
    "raise lift increase hike",
    "reduce lower cut",
    "need must necessary require needed",
    "support help aid assist backing",
    "start begin began begun launch commence",
    "stop end halt cease finish",
    "serious genuine concrete substantive meaningful real",
    "lie falsehood untrue false",
    "want wish desire seek sought",
    "respond reply answer response",
    "ask request",
    "promise pledge vow",
    "warn caution",
    "accuse blame",
    "threat threaten",
    "troops soldiers forces",
    "weapon weapons arms",
    "sanction sanctions penalties",
    "government administration authorities",
    "country nation",
    "big large huge major",
    "small minor",
    "quick quickly fast rapid rapidly swift swiftly",
    "urge appeal",
    "debt owe owed arrears",
    "pay paid settle repay",
    "percent pct",
    "possible likely",
    "able capable",
    # General news vocabulary that outlets use for one another.
    "emergency crisis",
    "prison jail imprisonment",
    "investigation probe inquiry",
    "lawmakers legislators",
    "protesters demonstrators",
    "protest demonstration rally",
    "injured wounded hurt",
    "illness disease",
]
# Phrasal verbs that mean one word in this vocabulary (matched before tokenising).
PHRASES = {
    r"\bturn(?:s|ed|ing)?(?: \w+)? down\b": "refuse",
    r"\brul(?:e|es|ed|ing)(?: \w+)? out\b": "exclude",
    r"\bwalk(?:s|ed|ing)? out\b": "walkout",
    r"\bwent on strike\b": "walkout",
    r"\bgo(?:es|ing)? on strike\b": "walkout",
    r"\bbr(?:ing|ings|ought|inging)(?: \w+)? down\b": "reduce",
    r"\bst(?:ep|eps|epped|epping) down\b": "resign",
    r"\bcall(?:s|ed|ing)? for\b": "urge",
    r"\bdeal(?:s|t|ing)? with\b": "handle",
    r"\b(?:number one|no\. ?1)\b": "first",
    # "We're going to" is "we will": a future, not content.
    r"\b(?:going|gonna) to\b|\bgonna\b": "",
    # Reported speech turns "we" into "the company": a stand-in for the speaker, not content.
    r"\bthe (?:company|firm|group|\w+maker|manufacturer|carrier|agency|organi[sz]ation)\b": "",
    r"\bset(?:s|ting)? up\b": "establish",
    r"\bcall(?:s|ed|ing)?(?: \w+)? off\b": "cancel",
    r"\bper ?cent\b|%": " percent",
    # Reported speech turns "we" into "his country": a stand-in for a pronoun, not content.
    r"\b(?:his|her|its|their|our) (?:own )?(?:country|government|nation|administration|side)\b": "",
}
IRREGULAR = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
}
# Irregular verb forms and their base ("made" would otherwise stem to "mad").
IRREGULAR_FORMS = {
    form: base
    for base, forms in {
        "make": "made makes making", "take": "took taken takes taking",
        "give": "gave given gives giving", "go": "went gone goes", "come": "came comes",
        "see": "saw seen sees", "know": "knew known knows", "think": "thought thinks",
        "find": "found finds", "leave": "left leaves leaving", "hold": "held holds",
        "bring": "brought brings", "keep": "kept keeps", "run": "ran runs running",
        "send": "sent sends", "spend": "spent spends", "win": "won wins winning",
        "lose": "lost loses losing", "fall": "fell fallen falls", "become": "became becomes",
        "choose": "chose chosen chooses", "write": "wrote written writes",
        "speak": "spoke spoken speaks", "break": "broke broken breaks",
        "stand": "stood stands", "understand": "understood understands",
        "build": "built builds", "buy": "bought buys", "lead": "led leads",
        "feel": "felt feels", "hear": "heard hears", "mean": "meant means",
        "put": "puts putting", "set": "sets setting", "shoot": "shot shoots",
    }.items()
    for form in [base, *forms.split()]
}  # fmt: skip
NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update(
    thirty="30", forty="40", fifty="50", sixty="60", seventy="70", eighty="80", ninety="90",
    hundred="100", thousand="1000", million="1000000", billion="1000000000", dozen="12",
)  # fmt: skip
# Ordinals are one rank token however written: "the fifteenth time" ~ "the 15th time".
ORDINAL_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth twentieth".split()
    )
}
ORDINAL_WORDS.update(thirtieth="30", fortieth="40", fiftieth="50", hundredth="100")
# A scale word after a number multiplies it: "6.9 million" and "6,900,000" are one token.
SCALE_WORDS = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "mn": 10**6, "bn": 10**9,
}  # fmt: skip

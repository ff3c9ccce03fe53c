"""Word lists for attributing quotes (`text.attribution`): speech verbs and nouns, records of
someone's words, cues that mark a label rather than a quote, and abbreviations. Data only; the
lists only reported speech reads are in `text.reported_words`."""

SPEECH_LEMMAS = frozenset(
    """
    say tell add state declare announce explain insist argue claim contend assert warn caution
    note observe remark comment stress emphasise emphasize reiterate repeat continue ask reply
    respond answer retort counter acknowledge admit concede confirm deny suggest propose
    predict promise pledge vow write tweet post recall recount complain lament boast joke quip
    shout yell scream whisper mutter urge agree conclude testify allege maintain report
    indicate describe call accuse dub label brand term criticise criticize praise dismiss
    reject appeal demand tout hail decry condemn blast slam question charge estimate
    underline underscore highlight recommend advise mention thank apologise apologize
    fume rage rant scoff mock gush rave remember bark surmise elaborate exclaim interject
    exhort
    """.split()
)
# "hit back at", "shot back", "fired back": speech when the particle is there.
BACK_VERBS = frozenset("shoot hit fire strike".split())
# Subjects that name no one: "someone promises us 'efficiency'" is no one's quote.
INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody no-one one you".split()
)
# Speech verbs that put the speaker after them: "said Evan Castellanos".
INVERTING = frozenset(
    "say add tell write ask continue explain insist warn reply answer recall remember".split()
)
# Verbs whose object is the one spoken to ("told the paper", "asked the minister").
LISTENER_VERBS = frozenset("tell ask answer warn remind".split())
SPEECH_NOUNS = frozenset(
    "statement warning warnings words remarks remark comments comment claim claims promise "
    "pledge accusation vow assurance readout interview speech address message tweet post".split()
)
# Records of someone's words: "according to an excerpt", "according to the transcript".
RECORD_NOUNS = frozenset(
    "excerpt excerpts transcript transcripts text copy recording video footage memo letter "
    "extract extracts".split()
)
LABEL_CUES = (
    "so-called", "so called", "nicknamed", "known as", "dubbed", "titled", "entitled",
    "the word", "the words", "the term", "the phrase", "the slogan", "hashtag", "narrative that",
    "the notion that", "the idea that", "the label", "the motto", "the headline", "the song",
    "the film", "the book", "the album", "the show", "the series", "operation", "named",
)  # fmt: skip
SMALL_WORDS = frozenset(
    "a an the of for and or in on at to by with from de la le du von van".split()
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov st jr sr lt col capt sgt maj u.s u.k no vs inc corp "
    "ltd co mt ft jan feb mar apr aug sept sep oct nov dec".split()
)

# The speech verbs that only attribute what follows to its speaker, the way an outlet chooses
# to ("said" against "claimed", "stated", "stressed"): the Wording band's "how speech is
# attributed" (`text.claims.wording.attribution_contrasts`). Verbs with another common sense
# ("call", "ask", "continue", "note") are left out.
ATTRIBUTION_VERBS = frozenset(
    """
    say tell state claim stress insist assert allege argue add declare emphasise emphasize
    reiterate announce explain warn maintain contend write suggest admit acknowledge deny
    affirm underline remark observe complain recall
    """.split()
)

"""Word lists for reported speech (used by `reported.ReportingAttributor` and `report_sources`)."""

MODALS = frozenset("would could might should will can may must shall".split())
# Verbs whose content clause is reported speech.
REPORT_LEMMAS = frozenset(
    """
    say tell add state declare announce explain insist argue claim contend assert warn caution
    note observe remark comment stress emphasise emphasize reiterate repeat reply respond
    answer retort counter acknowledge admit concede confirm deny suggest predict promise
    pledge vow write tweet post recall complain boast conclude testify allege maintain report
    indicate estimate underline underscore highlight mention signal hint disclose reveal
    fume rage scoff joke quip
    """.split()
)
# Reporting verbs whose object is the one told: "told a crowd that...", "warned staff that...".
TELLING = frozenset("tell warn caution assure remind inform".split())
# Speech verbs whose plain object is usually no speech: "added a link", "reported a loss",
# "maintained its lead", "charged a fee".
OBJECT_SENSES = frozenset("add post continue charge maintain report estimate".split())
WH_WORDS = frozenset("how what whether why when where who which if".split())
SUBORDINATORS = WH_WORDS | frozenset(
    "as asked while although though because since after before unless until despite once "
    "unlike like whereas".split()
)
# Of those, the ones that open a clause of the writer's when the parser hangs its verb elsewhere
# ("... open to talks as the port authority | is looking to broker a deal"); not "like", whose
# phrase is part of what was said as often.
CLAUSE_OPENERS = frozenset(
    "as while although though because since after before unless until once whereas".split()
)

# Verbs whose content clause is reported speech, beyond the speech verbs of `attribution`:
# "the ministry clarified that...", "the panel agreed that...", "she recommended that...".
MORE_REPORT_LEMMAS = frozenset("clarify agree recommend".split())
# People who speak for the one they work for: "Renk's aides", "advisers to Lindqvist" name
# their source through that person.
STAFF_NOUNS = frozenset(
    "aides advisers advisors lawyers attorneys spokesmen spokespeople staffers strategists".split()
)
# Conjunctions that tie a speech act into the clause as a time or a cause ("fired him after he
# suggested that..."): a part of what the outer speaker reports, not another speaker's report.
EVENT_MARKS = frozenset("after before because since when once until".split())
# Subjects of the set phrases "That said, ...", "All told, ...", which open a sentence as an
# adverb and report no one's words.
FRAME_SUBJECTS = frozenset("that this all".split())
# Words that open a source nobody names: "a senior official", "two sources", "some analysts".
UNNAMED_OPENERS = frozenset(
    "a an one two three four five several some many other another unnamed anonymous".split()
)
# Nouns the writer uses to characterise a statement after the clause: "..., in a rebuke to X",
# "..., in response to Y", "..., in an apparent reference to Z".
RESPONSE_NOUNS = frozenset(
    """
    rebuke response reply retort reference nod swipe jab dig riposte rebuttal allusion
    challenge apparent veiled thinly
    """.split()
)
# Participles that list part of what was said, not the writer's narration: "sank 40 boats,
# including three ferries".
LISTING = frozenset("including excluding".split())
# Marks that set off the writer's aside after a clause: "... 40 boats -- about half the
# harbour's fleet".
DASHES = frozenset({"—", "–", "--", "-"})
# Clause openers that make it a question put to someone, not an answer: "asked whether...",
# "declined to say whether...".
QUESTION_OPENERS = frozenset("how what whether why when where who whom which if".split())
HEADING_MAX_WORDS = 35  # a headline or label line is short and has no full stop
# A finite verb after a dash means the clause goes on; without one the dash opens an aside.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Documents and findings that carry what someone reports: "according to a new poll", "the
# ruling said", "a statement from the board said", "the report found that...". Their owner (the
# board's statement, a poll by the institute) is the source when the article names one.
DOCUMENT_NOUNS = frozenset(
    """
    statement report poll survey study analysis review audit inquiry investigation ruling
    judgment judgement verdict decision order filing filings record records document documents
    data figures results count tally census memo letter email e-mail notice release
    complaint indictment lawsuit affidavit paper assessment estimate estimates forecast
    projection projections profile website minutes transcript readout ad ads advertisement
    commercial tweet post message petition motion resolution declaration communique opinion
    """.split()
)
# Verbs that report what a document finds ("the audit found that...", "the study showed
# that..."): reports only when their subject is a document.
FINDING_LEMMAS = frozenset("find show conclude reveal indicate suggest determine".split())

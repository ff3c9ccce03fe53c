"""Versions of the text algorithms whose results are stored.

A stored comparison or story table carries the versions it was computed with and is recomputed
when one no longer matches. Bump a number when a change alters what that algorithm returns (a
new rule, a fitted model rebuilt, a threshold moved); a change that returns the same output (a
comment, a rename, a move) leaves it, so stored results survive it.
"""

SPEAKERS = 9  # who said each quote (text.quotes): 2 = the fitted speaker ranker; 3: "said if/when
# ...", "joked that" reported; 4: a subjectless speech-verb conjunct ends the reported clause;
# 5: "the head of X, Name" is Name; "as X said", "A, and B, according to X", the clause
# after the verb first, a clause before its verb is no question; 6: "told a crowd that...",
# "said for the first time that...", a gerund subject, "<clause>, X told the paper"; 7: titles
# such as "Gov." and a state before a name, a name's own "her"/"his", a document speaks for its
# owner, an aside after the quote, the quote paragraph's "she" from the paragraph before; 8: the
# one told is not the speaker, a dash line signs the quote above, "X said he replied:", the
# statement X released, a surname that is a common word, a candidate's campaign, the diplomat
# or leader in view, "X quoted Y as saying", a counterpart's role; staff named through the
# person they work for ("Renk's aides said...") are a source; ", including ..." after a
# reported clause stays in it; 9: a share of people polled ("24 percent said", "six in 10
# say") and a party or nation in the plural ("some Liberals argued") speak as that group; a
# spokesperson or office named by a possessive speaks for the body ("the ministry's
# spokeswoman"), or is named after the person ("Ana Lenk's office"); a wire dateline ("LISK,
# May 4 (Wire) -") is cut from the reported clause after it, and so is a writer's "as ..."
# clause whose verb the parser hung on the speech verb; "as X put it" speaks; a quote carried
# over paragraphs keeps its speaker over a speech verb on the line after it; a bare surname
# stays with the first person of that name, not a namesake met later; a "that"
# clause or a clause before its verb whose subject the parser lost, "<clause>, said X", a report
# told as a time or cause inside another ("after he suggested that...") stays in the outer one,
# "according to X's campaign", "That said,"/"All told," report no one; an acronym that spells a
# pronoun ("WHO says that...") is the body it stands for
EVENTS = 3  # what an article's events are (text.events); 2: a named speaker's saying as its
# sentence's main verb is an event; 3: a happening noun with its participants is an event
# ("the meeting between A and B", "A's visit to X")
ALIGNMENT = 8  # quote and event pairs: scores, flags, stitching (text.align); 2: a fitted pair
# classifier; 3: flags that hold (quote vs paraphrase only across kinds, opposite stance,
# negation on one side); 4: a remark one outlet quotes and reports pairs both ways
# (aligner.restated_pairs); 5: event pairs calibrated to their fitted threshold; 6: the
# synonym groups for translated copies taken out again (devset claims fell 0.022); 7: two
# sayings are not paired again where what they framed is; 8: two events of one action between
# the same named parties score higher
CLAIMS = 3  # which sentences are claims and how they pair (text.claims); 3: attributed ones are
# marked and not shown as the writer's claims
WORDING = 3  # term contrasts and aliases (text.claims.wording, text.claims.aliases); 2: how
# speech is attributed is a contrast of its own; 3: a story's outlet terms leave speech verbs out
PROVENANCE = 3  # text families and reuse of a story (text.stories.provenance); 2: credits
# from bylines, cut header lines and more credit forms; 3: byline paragraphs, sign-off lines,
# "(With X)", translated credits; no credit from generic "agencies" or narration citing an
# agency; reworded sentences placed by the order of facts count towards a link


def stamp() -> str:
    """The versions as one short string for stored results."""
    return f"s{SPEAKERS}.e{EVENTS}.a{ALIGNMENT}.c{CLAIMS}.w{WORDING}"

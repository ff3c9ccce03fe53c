"""Word lists for telling names apart: descriptions that are no name, words that make a name an
institution's, and the small words inside names. Data only."""

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

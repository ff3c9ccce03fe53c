"""Long invented articles for scaling measurements: many distinct paragraphs, none repeated.

`invented_article(chars, seed=...)` builds a body of about `chars` characters from paragraphs
made up on the spot: invented people (names built from syllables), invented bodies and places,
direct quotes with a speaker, partial quotes, reported speech, dated events and plain narration.
Every paragraph draws fresh names and numbers, so the cast of an article grows with its length
(as in a long live blog), which is what makes a look-back over the whole article show.
"""

from __future__ import annotations

import random

_SYLLABLES = (
    "ka ren vol dor mi sa tel bru nav ost pel qui ran ses tor ul vik wen yar zol ber cal "
    "dun fel gor hal isk jor lem mor nel orv pra rol sul tam ulv ver"
).split()
_FIRST = (
    "Anya Bram Corin Delia Esko Farra Galen Hessa Ivo Jorun Kasia Lenn Mirel Nadia Oskar "
    "Petra Quill Rasa Sten Talia Ulric Vesna Wend Yara Zoran"
).split()
_ROLES = (
    "minister for transport",
    "spokeswoman for the port authority",
    "union organiser",
    "council leader",
    "chief engineer",
    "opposition whip",
    "head of the water board",
    "regional prosecutor",
    "hospital director",
    "mayor",
)
_BODIES = ("Council", "Authority", "Union", "Board", "Ministry", "Institute", "Cooperative")
_VERBS = ("said", "told reporters", "added", "warned", "insisted", "explained")
_REPORT = ("said", "argued", "claimed", "warned", "denied", "confirmed")
_ACTIONS = (
    "closed the northern bridge",
    "approved a new budget",
    "suspended the ferry service",
    "opened an inquiry into the contracts",
    "signed the agreement",
    "rejected the proposal",
    "evacuated the lower town",
    "raised the toll on the ring road",
)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_NOUNS = ("plan", "deal", "closure", "levy", "inquiry", "strike", "repair", "schedule")
_ADJS = ("reckless", "overdue", "fair", "costly", "necessary", "premature", "sensible")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _paragraph(rng: random.Random, n: int) -> str:
    first, surname = rng.choice(_FIRST), _word(rng, rng.randint(2, 3))
    other = f"{rng.choice(_FIRST)} {_word(rng, 2)}"
    place, body = _word(rng, 2), f"{_word(rng, 2)} {rng.choice(_BODIES)}"
    role, action = rng.choice(_ROLES), rng.choice(_ACTIONS)
    noun, adj = rng.choice(_NOUNS), rng.choice(_ADJS)
    day, month = rng.choice(_DAYS), rng.choice(_MONTHS)
    number = rng.randint(3, 9_000)
    forms = (
        f'"The {noun} is {adj}, and everyone in {place} knows it," said {first} {surname}, '
        f"the {role}. {surname} spoke after the {body} {action} on {day}.",
        f"{first} {surname}, the {role}, said the {noun} would cost {number} jobs in {place}. "
        f"{other} of the {body} disputed the figure.",
        f"On {rng.randint(1, 28)} {month} the {body} {action}, leaving {number} residents of "
        f'{place} without a route. "We were not warned," {other} {rng.choice(_VERBS)}.',
        f"{surname} {rng.choice(_REPORT)} that the {noun} was {adj} and that {other} had known "
        f"about it since {month}. The {body} did not respond to a request for comment.",
        f'The {role}, {first} {surname}, called the {noun} "{adj} and badly timed" in a '
        f"statement on {day}. Officials in {place} said {number} people had signed a petition.",
        f"Crews worked through the night in {place} after the {body} {action}. By {day} "
        f"morning {number} households had power again, according to {other}.",
    )
    return forms[n % len(forms)] if rng.random() < 0.5 else rng.choice(forms)


def invented_article(chars: int, *, seed: int = 7) -> str:
    """An invented article body of whole paragraphs, as close to `chars` characters as they
    come without going over."""
    rng = random.Random(seed)
    paragraphs, total, n = [], 1, 0
    while True:
        paragraph = _paragraph(rng, n)
        if total + len(paragraph) + 2 > chars and paragraphs:
            break
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs) + "\n"

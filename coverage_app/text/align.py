"""Aligning what two articles report: their quotes and their events, one-to-one.

Pure: takes plain dicts (the shape `extract` returns) and gives plain data back.

Quotes are compared over the whole A×B matrix at once:
- each quote becomes a list of *content tokens*: lower-cased, stop words and pronouns dropped
  (reported speech turns "we" into "Russia"), negations folded into "not", a light stemmer, and
  a small synonym table for the vocabulary of politics and diplomacy news (ready/prepared,
  talks/negotiate, proposal/offer, said/stated...), so that the same remark translated or
  reworded by two outlets lands on the same tokens;
- token-set measures (IDF-weighted containment, which tolerates trimming, and Dice, which
  tolerates rewording) come from one sparse matrix product, and the token-order similarity
  from `rapidfuzz.process.cdist` (each token is mapped to one character, so `fuzz.ratio` over
  those strings is a word-level ratio and the whole matrix costs milliseconds);
- indirect quotes are also scored through their sentence, and the speaker moves the score:
  the same canonical speaker (names matched with rapidfuzz: "Sergei Lavrov" ~ "Lavrov") raises
  it, two different known speakers lower it;
- what tells remarks apart on one topic moves the score too: figures both sides give raise it
  and disjoint figures lower it; a reported clause's sentence is read without the other
  quotes it holds; a quoted word or two pairs only as far as the sentences around it agree;
  two different speakers lower it only when both articles quote both and both are named
  people or both bodies (a body and its spokesperson, a description, a misread attribution
  are no conflict);
- `scipy.optimize.linear_sum_assignment` then picks the best one-to-one pairs above the
  threshold (ties go to the tighter span); a long quote then also takes a second passage of
  the other outlet that it covers (two paraphrases of its parts, or a restatement).
  Paragraph order never matters.

Events are aligned the same way on their sentence plus actor, action, participants, place and
date; an aligned event pair whose dates, numbers, negation or actor differ is a conflict.

Every pair carries a 0-100 score, a word-level diff (difflib over words) and flags.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from scipy.optimize import linear_sum_assignment

DEFAULT_MIN_SCORE = 60

# Speaker agreement moves the text score by this much.
SAME_SPEAKER_BONUS = 8
SPEAKER_BONUS_DECAY = 1.0  # the bonus is divided by (same-speaker candidates) ** (this / 2)
CONTAINMENT_POWER = 1.5  # how sharply partial containment is discounted (see text_similarity)
DIFFERENT_SPEAKER_PENALTY = 20
# Two partial quotes of at most this many content words pair only as far as their sentences
# agree: the score is capped at BASE + SLOPE × the sentences' similarity (0-100).
SHORT_PARTIAL = 2
SHORT_PARTIAL_CAP_BASE = 10
SHORT_PARTIAL_CAP_SLOPE = 2.0
NUMBER_BONUS = 8  # per figure both sides give (at most two)
NUMBER_PENALTY = 8  # both sides give figures, none the same
SPEAKER_SAME_AT = 85  # name similarity at which two names are one speaker
SPEAKER_DIFFERENT_BELOW = 60  # and below which they are two different speakers
EVENT_BONUS = {"action": 8, "actor": 6, "participants": 4, "place": 5, "date": 5}

# Flags a journalist cares about. Those in CONFLICT_FLAGS make a pair a "conflict".
TRIMMED = "trimmed"
WORDS_CHANGED = "words_changed"
DIFFERENT_SPEAKER = "different_speaker"
QUOTE_VS_PARAPHRASE = "quote_vs_paraphrase"
NUMBERS_DIFFER = "numbers_differ"
NEGATION_DIFFERS = "negation_differs"
DATES_DIFFER = "dates_differ"
ACTOR_DIFFERS = "actor_differs"
CONFLICT_FLAGS = frozenset(
    {
        WORDS_CHANGED,
        DIFFERENT_SPEAKER,
        NUMBERS_DIFFER,
        NEGATION_DIFFERS,
        DATES_DIFFER,
        ACTOR_DIFFERS,
    }
)

# ---------------------------------------------------------------------------------------------
# Normalisation

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
_PHRASE_WORDS = list(PHRASES.values())
_PHRASES = re.compile(
    "|".join(f"(?P<p{i}>{pattern})" for i, pattern in enumerate(PHRASES)), re.IGNORECASE
)


def _phrase_word(match: re.Match) -> str:
    return _PHRASE_WORDS[int(match.lastgroup[1:])]


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

_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# One name, two spellings: "COVID-19" ~ "#COVID19"; "U.S." ~ "United States" ~ "US".
_LETTERS_DASH_DIGITS = re.compile(r"\b([^\W\d_]+)-(\d+)\b")
_USA = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUnited States(?: of America)?\b|\bUSA?\b")


def _number_value(raw: str) -> str:
    """'6,900,000' -> '6900000'; '6.9' -> '6.9'; '15th' -> '15'."""
    digits = _NUMBER.match(raw).group(0)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    return digits.replace(",", ".")


def _scaled(number: str, scale: int) -> str:
    value = Decimal(number) * scale
    return str(int(value)) if value == value.to_integral_value() else str(value)


_DISPLAY_WORD = re.compile(r"\S+")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """A deliberately light stemmer: plurals, -ed, -ing, final -e."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ives") and len(word) <= 6:
        return word[:-3] + "f"  # lives -> lif (as life), knives -> knif
    for suffix in (
        "ively",
        "ingly",
        "ness",
        "ly",
        "ing",
        "ion",
        "ive",
        "est",
        "ed",
        "es",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            stem = word[: -len(suffix)]
            if suffix in ("ing", "ed") and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # running -> run, stopped -> stop
            return stem
    return word


def _inflections(word: str) -> set[str]:
    base = word[:-1] if word.endswith("e") else word
    return {word, word + "s", word + "es", base + "ed", word + "d", base + "ing"}


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = group.split()
        canonical = words[0]
        for word in words:
            for form in _inflections(word):
                table.setdefault(form, canonical)
                table.setdefault(_stem(form), canonical)
    return table


SYNONYMS = _build_synonyms()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return text


def content_tokens(text: str) -> list[str]:
    """The words that carry meaning, in order, normalised for comparison across outlets."""
    return list(_content_tokens(text or ""))


@lru_cache(maxsize=20_000)
def _content_tokens(text: str) -> tuple[str, ...]:
    text = _fold(text)
    text = _USA.sub(" usa ", text)
    text = _LETTERS_DASH_DIGITS.sub(r"\1\2", text)
    text = _PHRASES.sub(_phrase_word, text)
    out: list[str] = []
    number_last = False  # the previous word was a number (a scale word multiplies it)
    for match in _WORD.finditer(text):
        raw = match.group(0)
        word = raw.lower()
        if number_last and word in SCALE_WORDS:
            out[-1] = _scaled(out[-1], SCALE_WORDS[word])
            number_last = False
            continue
        number_last = False
        if raw[0].isdigit():
            if raw[-2:].lower() in ("st", "nd", "rd", "th"):
                out.append("ord" + _number_value(raw))  # a rank, not a figure
                continue
            out.append(_number_value(raw))
            number_last = True
            continue
        if word in ORDINAL_WORDS:
            out.append("ord" + ORDINAL_WORDS[word])
            continue
        if word in NUMBER_WORDS and word not in STOP_WORDS:
            out.append(NUMBER_WORDS[word])
            number_last = True
            continue
        word = IRREGULAR.get(word, word)
        if " " in word:  # won't -> will not
            out.extend(w for w in word.split() if w not in STOP_WORDS)
            continue
        if word.endswith("n't"):
            word = word[:-3]
            if word not in STOP_WORDS:
                out.append(_stem(word))
            out.append("not")
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if word in NEGATIONS:
            out.append("not")
            continue
        if word in STOP_WORDS:
            continue
        out.append(_normal_word(word))
    return tuple(out)


@lru_cache(maxsize=100_000)
def _normal_word(word: str) -> str:
    return SYNONYMS.get(word) or SYNONYMS.get(_stem(word)) or _stem(word)


def numbers_in(text: str) -> set[str]:
    return {t for t in content_tokens(text) if t[0].isdigit()}


def is_negated(text: str) -> bool:
    return "not" in content_tokens(text)


def negated_words(tokens: Sequence[str]) -> set[str]:
    """The words a negation governs: the first content word after each "not" (within two)."""
    out = set()
    for i, token in enumerate(tokens):
        if token != "not":
            continue
        following = [t for t in tokens[i + 1 : i + 3] if t != "not"]
        if following:
            out.add(following[0])
    return out


def negation_differs(left: str, right: str) -> bool:
    """True only when one side negates a word the other side states plainly, with no negation
    of its own: "the dykes held" ~ "the dykes never held". Paraphrases that say one thing as
    the negation of its opposite ("open to dialogue" ~ "will not close the door") share no
    negated word and are not flagged; nor is a pair where both sides negate something."""
    a_tokens, b_tokens = content_tokens(left), content_tokens(right)
    a_neg, b_neg = negated_words(a_tokens), negated_words(b_tokens)
    if a_neg and b_neg:
        return False
    if a_neg:
        return bool(a_neg & set(b_tokens))
    if b_neg:
        return bool(b_neg & set(a_tokens))
    return False


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
_NAME_PARTICLES = frozenset("of the and for de del la le al von van da di du bin".split())


@lru_cache(maxsize=20_000)
def is_named(name: str | None) -> bool:
    """A proper name ("Bank of Kessmark", "Petra Holm"), not a description ("the central
    bank", "Police", "a senior official")."""
    words = re.findall(r"[^\W_][\w'’.-]*", _fold(name or ""))
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    content = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not content or not all(w[0].isupper() or w[0].isdigit() for w in content):
        return False
    return not (len(content) == 1 and content[0].lower() in GENERIC_ACTORS)


def distinct_names(left: str | None, right: str | None) -> bool:
    """True only when both are proper names that cannot be one party: they don't fuzzy-match,
    neither contains the other, and they share no word ("Central Bank" ~ "Bank of Kessmark" may
    be one bank; "Varga" ~ "Tomas Varga" is one man)."""
    if not (is_named(left) and is_named(right)):
        return False
    a, b = name_key(left), name_key(right)
    if not a or not b or a in b or b in a:
        return False
    if (set(a.split()) - _NAME_PARTICLES) & (set(b.split()) - _NAME_PARTICLES):
        return False
    if name_similarity(a, b) >= SPEAKER_DIFFERENT_BELOW or fuzz.partial_ratio(a, b) >= 80:
        return False
    return True


@lru_cache(maxsize=20_000)
def is_organisation(name: str | None) -> bool:
    """A body rather than a person: an acronym ("WHO", "F.B.I.") or a name holding a word for
    an institution ("Ministry of Water", "Kessmark Press Agency")."""
    raw = _fold(name or "").strip()
    letters = re.sub(r"[^\w]", "", raw)
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        return True
    return bool(set(name_key(raw).split()) & BODY_WORDS)


def initials(key: str) -> str:
    """'world health organization' -> 'who' (small words skipped)."""
    return "".join(w[0] for w in key.split() if w not in _NAME_PARTICLES)


def name_key(name: str | None) -> str:
    """A person or organisation name folded for matching ("Sergei Lavrov's" -> "sergei lavrov")."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", _fold(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"'s\b", "", text)
    words = re.findall(r"[^\W_]+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_similarity(left: str, right: str, **_kwargs) -> float:
    """0-100: how likely two (already keyed) names are one speaker. Surname matches count."""
    if not left or not right:
        return 0.0
    if left == right:
        return 100.0
    # An acronym and its full name are one body ("who" ~ "world health organization").
    for short, long in ((left, right), (right, left)):
        if " " not in short and len(short) >= 2 and " " in long and short == initials(long):
            return 95.0
    score = fuzz.token_set_ratio(left, right)
    lw, rw = left.split(), right.split()
    if fuzz.ratio(lw[-1], rw[-1]) >= 85:
        # Same surname: one person unless both give a first name and they differ. Titles
        # before the name ("interior minister petra holm") are not first names.
        return 95.0 if _given_names_agree(lw[:-1], rw[:-1]) else 40.0
    return float(score)


def _given_names_agree(left: list[str], right: list[str]) -> bool:
    if not left or not right:
        return True
    a, b = left[-1], right[-1]
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= 70 or a in right or b in left


# ---------------------------------------------------------------------------------------------
# Matrix scoring


@dataclass(frozen=True)
class Pair:
    """One aligned pair: indexes into the left and right lists."""

    a: int
    b: int
    score: int
    flags: list[str] = field(default_factory=list)
    diff: list[dict] = field(default_factory=list)
    # A stitched pair: every span of the utterance on that side (a == a_parts[0]); else empty.
    a_parts: list[int] = field(default_factory=list)
    b_parts: list[int] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any(flag in CONFLICT_FLAGS for flag in self.flags)

    def as_dict(self) -> dict:
        out = asdict(self) | {"conflict": self.conflict}
        for key in ("a_parts", "b_parts"):
            if not out[key]:
                del out[key]
        return out


@dataclass(frozen=True)
class Alignment:
    pairs: list[Pair]
    only_a: list[int]
    only_b: list[int]

    def as_dict(self) -> dict:
        return {
            "pairs": [p.as_dict() for p in self.pairs],
            "only_a": self.only_a,
            "only_b": self.only_b,
        }


class _Vocabulary:
    """Maps tokens to ids (and to one character each, for word-level rapidfuzz ratios)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, tokens: Sequence[str]) -> list[int]:
        return [self.ids.setdefault(t, len(self.ids)) for t in tokens]

    @staticmethod
    def as_chars(ids: Sequence[int]) -> str:
        # Private-use and supplementary planes: one code point per token, never whitespace.
        return "".join(chr(0xF0000 + i) if i < 0xFFFD else chr(0x100000 + i % 0xFFFD) for i in ids)


def _incidence(rows: list[list[int]], size: int) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for ids in rows:
        unique = sorted(set(ids))
        indices.extend(unique)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), size))


def text_similarity(
    left: list[list[str]],
    right: list[list[str]],
    *,
    containment_power: float = CONTAINMENT_POWER,
) -> np.ndarray:
    """0-100 similarity of every left token list against every right one (a len(left)×len(right)
    matrix): the best of trimmed-tolerant containment, Dice overlap and word-order ratio."""
    n, m = len(left), len(right)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    vocab = _Vocabulary()
    left_ids = [vocab.encode(t) for t in left]
    right_ids = [vocab.encode(t) for t in right]
    size = max(len(vocab.ids), 1)
    a = _incidence(left_ids, size)
    b = _incidence(right_ids, size)
    # IDF over both sides: words in every quote ("russia", "peace") weigh less than rare ones.
    df = np.asarray(a.sum(axis=0)).ravel() + np.asarray(b.sum(axis=0)).ravel()
    # Smoothed (ten empty pseudo-quotes) so that tiny comparisons weigh every word alike.
    idf = (1.0 + np.log((n + m + 10.0) / (df + 10.0))).astype(np.float32)
    shared_weight = (a.multiply(idf).tocsr() @ b.T).toarray()
    shared_count = (a @ b.T).toarray()
    weight_a = np.asarray(a @ idf).ravel()[:, None]
    weight_b = np.asarray(b @ idf).ravel()[None, :]
    len_a = np.asarray(a.sum(axis=1)).ravel()[:, None]
    len_b = np.asarray(b.sum(axis=1)).ravel()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        containment = np.nan_to_num(shared_weight / np.minimum(weight_a, weight_b))
        dice = np.nan_to_num(2.0 * shared_weight / (weight_a + weight_b))
    # Containment is only trusted once the shorter side has a few words: a one-word partial
    # quote is contained in many long quotes.
    shorter = np.minimum(len_a, len_b)
    trust = np.where(shorter >= 3, 1.0, np.where(shorter == 2, 0.9, 0.7))
    # Raised to a power: a trimmed quote keeps (nearly) all its words inside the longer one,
    # while another remark on the same topic shares a few ("budget", "pipeline"); 2/3 of the
    # words then counts as 0.54, not 0.67.
    contained = (0.95 * containment**containment_power * trust + 0.05 * dice) * 100.0
    # Word-order similarity over the whole matrix with rapidfuzz.
    order = process.cdist(
        [vocab.as_chars(ids) for ids in left_ids],
        [vocab.as_chars(ids) for ids in right_ids],
        scorer=fuzz.ratio,
        dtype=np.float32,
        workers=-1,
    )
    best = np.maximum(np.maximum(contained, dice * 100.0), order)
    best[shared_count == 0] = np.minimum(best[shared_count == 0], order[shared_count == 0])
    return best.astype(np.float32)


def speaker_similarity(left: Sequence[str | None], right: Sequence[str | None]) -> np.ndarray:
    """Name similarity of every left speaker against every right one; -1 where one is unknown."""
    left_keys = [name_key(s) for s in left]
    right_keys = [name_key(s) for s in right]
    names_a = sorted({k for k in left_keys if k})
    names_b = sorted({k for k in right_keys if k})
    out = np.full((len(left), len(right)), -1.0, dtype=np.float32)
    if not names_a or not names_b:
        return out
    table = process.cdist(names_a, names_b, scorer=name_similarity, dtype=np.float32)
    ia = np.array([names_a.index(k) if k else -1 for k in left_keys])
    ib = np.array([names_b.index(k) if k else -1 for k in right_keys])
    known = (ia[:, None] >= 0) & (ib[None, :] >= 0)
    values = table[np.clip(ia, 0, None)][:, np.clip(ib, 0, None)]
    return np.where(known, values, out)


def _speaker_adjustment(
    similarity: np.ndarray, kinds: tuple[tuple[np.ndarray, np.ndarray], ...] | None = None
) -> np.ndarray:
    """Same speaker raises the score, a different known one lowers it. The raise is worth less
    the more candidates share it: when one person gives most of the quotes on both sides
    (a story about one minister), being that person says little about which remark is which,
    so the bonus is divided by the square root of the number of same-speaker candidates."""
    adjust = np.zeros_like(similarity)
    same = similarity >= SPEAKER_SAME_AT
    if same.any():
        per_row = same.sum(axis=1, keepdims=True)
        per_col = same.sum(axis=0, keepdims=True)
        shared = np.sqrt(np.maximum(np.maximum(per_row, per_col), 1))
        adjust = np.where(same, SAME_SPEAKER_BONUS / shared**SPEAKER_BONUS_DECAY, adjust)
    # Two different speakers count against a pair only when each article quotes both of them:
    # then the outlets tell the two voices apart. A speaker the other article never quotes is
    # more likely the same voice under another label (a ministry and its minister, a misread
    # attribution) than a second person.
    heard_in_right = (similarity >= SPEAKER_SAME_AT).any(axis=1)[:, None]
    heard_in_left = (similarity >= SPEAKER_SAME_AT).any(axis=0)[None, :]
    different = (similarity >= 0) & (similarity < SPEAKER_DIFFERENT_BELOW)
    if kinds is not None:
        # An organisation speaks through its people: a body against a person is no conflict;
        # nor is a description ("the agency's head", "a senior official") against a name.
        (named_a, body_a), (named_b, body_b) = kinds
        different &= named_a[:, None] & named_b[None, :]
        different &= body_a[:, None] == body_b[None, :]
    adjust[different & heard_in_right & heard_in_left] = -DIFFERENT_SPEAKER_PENALTY
    return adjust


def own_sentence(quotes: Sequence[dict], index: int) -> str:
    """A reported clause's sentence without the other quotes it holds: '"A," he said, adding
    that B' gives B's sentence less A, which is a remark of its own and is paired on its own."""
    quote = quotes[index]
    sentence = quote.get("sentence") or ""
    own = quote.get("text") or ""
    for k, other in enumerate(quotes):
        text = (other.get("text") or "").strip()
        if k == index or len(text) < 3 or text in own or own in text:
            continue
        sentence = sentence.replace(text, " ")
    return sentence if own in sentence else f"{own} {sentence}"


def raw_quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """The quote scores before they are clipped to 0-100: two candidates that both reach 100
    (a clause and a tighter clause both holding the other side's words) stay ordered."""
    left_tokens = [content_tokens(q.get("text", "")) for q in left]
    right_tokens = [content_tokens(q.get("text", "")) for q in right]
    scores = text_similarity(left_tokens, right_tokens)
    # Reported speech: its sentence may carry the words the clause boundary cut off.
    left_ind = [i for i, q in enumerate(left) if q.get("kind") == "indirect" and q.get("sentence")]
    right_ind = [
        j for j, q in enumerate(right) if q.get("kind") == "indirect" and q.get("sentence")
    ]
    if left_ind:
        via = text_similarity(
            [content_tokens(own_sentence(left, i)) for i in left_ind], right_tokens
        )
        scores[left_ind] = np.maximum(scores[left_ind], via * 0.95)
    if right_ind:
        via = text_similarity(
            left_tokens, [content_tokens(own_sentence(right, j)) for j in right_ind]
        )
        scores[:, right_ind] = np.maximum(scores[:, right_ind], via * 0.95)
    _cap_short_partials(scores, left, right, left_tokens, right_tokens)
    names_a = [q.get("speaker") for q in left]
    names_b = [q.get("speaker") for q in right]
    kinds = tuple(
        (
            np.array([is_named(n) for n in names], dtype=bool),
            np.array([is_organisation(n) for n in names], dtype=bool),
        )
        for names in (names_a, names_b)
    )
    adjust = _speaker_adjustment(speaker_similarity(names_a, names_b), kinds)
    adjust = adjust + _number_adjustment(left_tokens, right_tokens)
    return scores + adjust


def quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every quote of A against every quote of B."""
    return np.clip(raw_quote_scores(left, right), 0, 100)


def _short_partials(quotes: Sequence[dict], tokens: list[Sequence[str]]) -> list[int]:
    return [
        i
        for i, q in enumerate(quotes)
        if q.get("kind") == "partial" and q.get("sentence") and len(tokens[i]) <= SHORT_PARTIAL
    ]


def _without_speaker(quote: dict, tokens: list[str]) -> list[str]:
    """A sentence's words less the speaker's name ("Halder said ..." shares "halder" with
    every sentence about Halder: it says nothing about which remark it is)."""
    name = set(content_tokens(quote.get("speaker") or ""))
    return [t for t in tokens if t not in name]


def _cap_short_partials(
    scores: np.ndarray,
    left: Sequence[dict],
    right: Sequence[dict],
    left_tokens: list[Sequence[str]],
    right_tokens: list[Sequence[str]],
) -> None:
    """A word or two in quotation marks ("callous", "a strategic failure") is often a phrase
    the speaker used in several remarks: two such partial quotes pair only when the writers'
    sentences around them also agree. Caps `scores` in place."""
    rows = _short_partials(left, left_tokens)
    cols = _short_partials(right, right_tokens)
    if not rows and not cols:
        return

    def around(q: dict) -> list[str]:
        return _without_speaker(q, content_tokens(q["sentence"].replace(q.get("text") or "", " ")))

    context = text_similarity([around(left[i]) for i in rows], [around(right[j]) for j in cols])
    cap = SHORT_PARTIAL_CAP_BASE + SHORT_PARTIAL_CAP_SLOPE * context
    block = np.ix_(rows, cols)
    scores[block] = np.minimum(scores[block], cap)
    # One quoted word ("callous") found inside a whole clause of the other outlet: likewise,
    # the sentence around the word must agree with that clause's sentence. A figure is
    # specific enough on its own.
    for one, quotes, tokens, other, other_tokens, flip in (
        (rows, left, left_tokens, right, right_tokens, False),
        (cols, right, right_tokens, left, left_tokens, True),
    ):
        words = [i for i in one if len(tokens[i]) == 1 and not tokens[i][0][0].isdigit()]
        wholes = [k for k, q in enumerate(other) if q.get("kind") != "partial"]
        if not words or not wholes:
            continue
        whole_context = [
            _without_speaker(other[k], content_tokens(own_sentence(other, k)))
            if other[k].get("kind") == "indirect" else list(other_tokens[k])
            for k in wholes
        ]  # fmt: skip
        context = text_similarity([around(quotes[i]) for i in words], whole_context)
        cap = SHORT_PARTIAL_CAP_BASE + SHORT_PARTIAL_CAP_SLOPE * context
        if flip:
            block, cap = np.ix_(wholes, words), cap.T
        else:
            block = np.ix_(words, wholes)
        scores[block] = np.minimum(scores[block], cap)


def _number_adjustment(left: list[Sequence[str]], right: list[Sequence[str]]) -> np.ndarray:
    """Figures tell remarks apart: each figure both sides give (up to two) raises a pair, and
    two sides that both give figures but share none are lowered."""
    vocab = _Vocabulary()
    rows = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in left]
    cols = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in right]
    if not vocab.ids:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    a, b = _incidence(rows, len(vocab.ids)), _incidence(cols, len(vocab.ids))
    shared = (a @ b.T).toarray()
    both = (np.asarray(a.sum(axis=1)) > 0) & (np.asarray(b.sum(axis=1)) > 0).T
    out = np.where(shared > 0, NUMBER_BONUS * np.minimum(shared, 2), 0.0)
    return np.where(both & (shared == 0), -NUMBER_PENALTY, out).astype(np.float32)


def assign(
    scores: np.ndarray,
    *,
    min_score: float,
    floor: float | None = None,
    prefer: np.ndarray | None = None,
) -> list[tuple]:
    """One-to-one pairs (i, j) maximising the total score among cells ≥ min_score; then, when
    `floor` is lower, the leftovers are paired among cells in [floor, min_score). Strong pairs
    are therefore the same whatever floor is used."""
    chosen: list[tuple[int, int]] = []
    free_rows = np.arange(scores.shape[0])
    free_cols = np.arange(scores.shape[1])
    for threshold in [min_score] + ([floor] if floor is not None and floor < min_score else []):
        if not len(free_rows) or not len(free_cols):
            break
        sub = scores[np.ix_(free_rows, free_cols)]
        # Cubing makes one strong pair worth more than two middling ones.
        weights = np.where(sub >= threshold, (sub / 100.0) ** 3, 0.0)
        if prefer is not None:
            # Ties (both 100 after clipping) go to the candidate that scored higher before.
            weights = weights + np.where(
                sub >= threshold, 1e-3 * prefer[np.ix_(free_rows, free_cols)] / 100.0, 0.0
            )
        rows, cols = linear_sum_assignment(weights, maximize=True)
        keep = [(r, c) for r, c in zip(rows, cols, strict=True) if sub[r, c] >= threshold]
        chosen.extend((int(free_rows[r]), int(free_cols[c])) for r, c in keep)
        used_rows = {r for r, _ in keep}
        used_cols = {c for _, c in keep}
        free_rows = np.array([x for k, x in enumerate(free_rows) if k not in used_rows], dtype=int)
        free_cols = np.array([x for k, x in enumerate(free_cols) if k not in used_cols], dtype=int)
    return sorted(chosen)


# ---------------------------------------------------------------------------------------------
# Diffs and flags


def _diff_key(word: str) -> str:
    return re.sub(r"[^\w]", "", _fold(word).lower())


def word_diff(left: str, right: str) -> list[dict]:
    """Word-level diff: a list of {"op": equal|insert|delete|replace, "a": words, "b": words}."""
    a_words = _DISPLAY_WORD.findall(left or "")
    b_words = _DISPLAY_WORD.findall(right or "")
    matcher = difflib.SequenceMatcher(
        None, [_diff_key(w) for w in a_words], [_diff_key(w) for w in b_words], autojunk=False
    )
    return [
        {"op": op, "a": " ".join(a_words[i1:i2]), "b": " ".join(b_words[j1:j2])}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _plain_words(text: str) -> str:
    return " ".join(k for k in (_diff_key(w) for w in _DISPLAY_WORD.findall(text or "")) if k)


def is_trimmed(left: str, right: str) -> bool:
    """One quote is the other with words cut off (word-boundary substring, not equal)."""
    a, b = _plain_words(left), _plain_words(right)
    if not a or not b or a == b:
        return False
    short, long = sorted((a, b), key=len)
    return f" {short} " in f" {long} "


def _is_quotation(kind: str | None) -> bool:
    return kind in (None, "", "direct", "partial")


def quote_flags(left: dict, right: dict, diff: list[dict], speaker_sim: float) -> list[str]:
    flags = []
    a_text, b_text = left.get("text", ""), right.get("text", "")
    trimmed = is_trimmed(a_text, b_text)
    if trimmed:
        flags.append(TRIMMED)
    both_quotes = _is_quotation(left.get("kind")) and _is_quotation(right.get("kind"))
    if not both_quotes:
        flags.append(QUOTE_VS_PARAPHRASE)
    elif not trimmed and any(op["op"] != "equal" for op in diff):
        flags.append(WORDS_CHANGED)
    if 0 <= speaker_sim < SPEAKER_DIFFERENT_BELOW and distinct_names(
        left.get("speaker"), right.get("speaker")
    ):
        flags.append(DIFFERENT_SPEAKER)
    a_numbers, b_numbers = numbers_in(a_text), numbers_in(b_text)
    if a_numbers and b_numbers and not trimmed and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    if not trimmed and negation_differs(a_text, b_text):
        flags.append(NEGATION_DIFFERS)
    return flags


# ---------------------------------------------------------------------------------------------
# Public entry points


def align_quotes(
    left: Sequence[dict],
    right: Sequence[dict],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
) -> Alignment:
    """Align quote dicts ({"text", "speaker", "kind", "sentence"?}) of two articles one-to-one.

    Pairs score at least `min_score`; with `floor`, weaker leftovers down to `floor` are paired
    too (so a stored result can be re-filtered at any threshold between the two)."""
    raw = raw_quote_scores(left, right)
    scores = np.clip(raw, 0, 100)
    speakers = speaker_similarity(
        [q.get("speaker") for q in left], [q.get("speaker") for q in right]
    )
    pairs = []
    # One outlet's two spans of an utterance against the other's stitched quote: paired first,
    # and their spans leave the one-to-one assignment.
    for parts_a, parts_b, score in stitched_matches(left, right, scores, min_score=min_score):
        a_text = STITCH.join(left[i].get("text", "") for i in parts_a)
        b_text = STITCH.join(right[j].get("text", "") for j in parts_b)
        i, j = parts_a[0], parts_b[0]
        joined_a = dict(left[i], text=a_text)
        joined_b = dict(right[j], text=b_text)
        diff = word_diff(a_text, b_text)
        flags = [STITCHED, *quote_flags(joined_a, joined_b, diff, float(speakers[i, j]))]
        pairs.append(
            Pair(i, j, int(round(score)), flags, diff,
                 parts_a if len(parts_a) > 1 else [], parts_b if len(parts_b) > 1 else [])
        )  # fmt: skip
        scores[parts_a, :] = 0
        scores[:, parts_b] = 0
    chosen = assign(scores, min_score=min_score, floor=floor, prefer=raw)
    chosen += covered_pairs(left, right, scores, chosen, min_score=min_score)
    for i, j in chosen:
        diff = word_diff(left[i].get("text", ""), right[j].get("text", ""))
        flags = quote_flags(left[i], right[j], diff, float(speakers[i, j]))
        pairs.append(Pair(i, j, int(round(float(scores[i, j]))), flags, diff))
    return _alignment(pairs, len(left), len(right))


COVER_LENGTH = 1.5  # a long quote holds a second passage when it has this many times its words
COVER_SHARE = 0.75  # or when it holds this share of the passage's words and has more words


def covered_pairs(
    left: Sequence[dict],
    right: Sequence[dict],
    scores: np.ndarray,
    chosen: list[tuple[int, int]],
    *,
    min_score: float,
) -> list[tuple[int, int]]:
    """One long quote in one outlet, two renderings of its parts in the other (two
    paraphrases, or a quote and the reported clause that repeats its point): after the
    one-to-one pairs, a passage left unpaired whose best match (at least `min_score`) is an
    already paired quote that covers it pairs with that quote too. Covering: COVER_LENGTH
    times its words, or COVER_SHARE of them and more words (a copy never pairs twice)."""
    if not len(left) or not len(right):
        return []
    used_a = {i for i, _ in chosen}
    used_b = {j for _, j in chosen}
    tokens_a = [content_tokens(q.get("text", "")) for q in left]
    tokens_b = [content_tokens(q.get("text", "")) for q in right]

    def covers(whole: list[str], part: list[str]) -> bool:
        if not part or len(whole) <= len(part):
            return False
        words = set(whole)
        held = sum(t in words for t in part) / len(part)
        return len(whole) >= COVER_LENGTH * len(part) or held >= COVER_SHARE

    extra = []
    for j in range(len(right)):
        i = int(np.argmax(scores[:, j]))
        if j not in used_b and i in used_a and scores[i, j] >= min_score:
            if covers(tokens_a[i], tokens_b[j]):
                extra.append((i, j))
    for i in range(len(left)):
        j = int(np.argmax(scores[i]))
        if i not in used_a and j in used_b and scores[i, j] >= min_score:
            if covers(tokens_b[j], tokens_a[i]):
                extra.append((i, j))
    return extra


# ---------------------------------------------------------------------------------------------
# Stitched quotes: one outlet quotes an utterance in two spans around "X told reporters", the
# other runs them together as one quote.

STITCHED = "stitched"
STITCH = " … "
STITCH_MAX_GAP = 300  # characters between two spans of one utterance
STITCH_ADJACENT_GAP = 80  # same speaker's quotes this close are one utterance whatever numbered
STITCH_COVER = 0.8  # share of the stitched quote's words the joined spans must hold
STITCH_COVER_GAIN = 0.25  # and how much more than the best single span holds


def utterance_groups(quotes: Sequence[dict]) -> list[list[int]]:
    """Quotes that are spans of one utterance: the same `utterance` number and speaker, direct
    or partial, two or three of them, each starting close after the previous one ends."""
    by_utterance: dict[tuple, list[int]] = {}
    for i, q in enumerate(quotes):
        if q.get("utterance") is None or not _is_quotation(q.get("kind")):
            continue
        by_utterance.setdefault((q["utterance"], name_key(q.get("speaker"))), []).append(i)
    # Numbering aside, a direct quote that follows the same speaker's quote after only a short
    # attribution ('," Varga told reporters. "') continues it.
    ordered = sorted(
        (i for i, q in enumerate(quotes) if _is_quotation(q.get("kind")) and q.get("end")),
        key=lambda i: quotes[i].get("start") or 0,
    )
    for i, k in zip(ordered, ordered[1:], strict=False):
        gap = (quotes[k].get("start") or 0) - (quotes[i].get("end") or 0)
        same = name_key(quotes[i].get("speaker")) == name_key(quotes[k].get("speaker")) != ""
        if not (same and 0 <= gap <= STITCH_ADJACENT_GAP):
            continue
        holding = [key for key, m in by_utterance.items() if i in m or k in m]
        merged = sorted({i, k} | {x for key in holding for x in by_utterance.pop(key)})
        by_utterance[("adjacent", i)] = merged
    groups = []
    for members in by_utterance.values():
        members.sort(key=lambda i: quotes[i].get("start") or 0)
        close = all(
            0 <= (quotes[k].get("start") or 0) - (quotes[i].get("end") or 0) <= STITCH_MAX_GAP
            for i, k in zip(members, members[1:], strict=False)
        )
        if 2 <= len(members) <= 3 and close:
            groups.append(members)
    return groups


def token_coverage(left: list[list[str]], right: list[list[str]]) -> np.ndarray:
    """Share (0-1) of each right token set found in each left one."""
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    vocab = _Vocabulary()
    a = [vocab.encode(t) for t in left]
    b = [vocab.encode(t) for t in right]
    size = max(len(vocab.ids), 1)
    ma, mb = _incidence(a, size), _incidence(b, size)
    shared = (ma @ mb.T).toarray()
    sizes_b = np.asarray(mb.sum(axis=1)).ravel()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(shared / sizes_b).astype(np.float32)


def _stitch_candidates(
    groups: list[list[int]], spans: Sequence[dict], others: Sequence[dict], min_score: float
) -> list[tuple[float, list[int], int]]:
    """(score, group, other index) where the joined spans match one quote of the other side
    clearly better than any single span does (that quote is the stitched one)."""
    if not groups or not others:
        return []
    joined = [
        {**spans[g[0]], "text": " ".join(spans[i].get("text", "") for i in g)} for g in groups
    ]
    joined_scores = quote_scores(joined, others)
    other_tokens = [content_tokens(o.get("text", "")) for o in others]
    joined_cover = token_coverage([content_tokens(j["text"]) for j in joined], other_tokens)
    members = sorted({i for g in groups for i in g})
    member_cover = token_coverage(
        [content_tokens(spans[i].get("text", "")) for i in members], other_tokens
    )
    row_of = {i: r for r, i in enumerate(members)}
    out = []
    for gi, group in enumerate(groups):
        best_single = member_cover[[row_of[i] for i in group]].max(axis=0)
        for j in range(len(others)):
            # The other quote draws its words from several spans: together they cover it
            # (nearly) whole, each alone clearly less.
            if (
                joined_scores[gi, j] >= min_score
                and joined_cover[gi, j] >= STITCH_COVER
                and joined_cover[gi, j] >= best_single[j] + STITCH_COVER_GAIN
            ):
                out.append((float(joined_scores[gi, j]), group, j))
    return out


def stitched_matches(
    left: Sequence[dict], right: Sequence[dict], scores: np.ndarray, *, min_score: float
) -> list[tuple[list[int], list[int], float]]:
    """Spans of one utterance in one article matched, as a whole, with a single quote of the
    other article: ([left indexes], [right indexes], score), strongest first, each quote used
    once. The joined spans must cover the quote clearly better than any one span does."""
    found = [
        (score, group, [j])
        for score, group, j in _stitch_candidates(utterance_groups(left), left, right, min_score)
    ] + [
        (score, [i], group)
        for score, group, i in _stitch_candidates(utterance_groups(right), right, left, min_score)
    ]
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, parts_a, parts_b in sorted(found, key=lambda f: -f[0]):
        if used_a & set(parts_a) or used_b & set(parts_b):
            continue
        used_a.update(parts_a)
        used_b.update(parts_b)
        out.append((parts_a, parts_b, score))
    return out


def _alignment(pairs: list[Pair], n: int, m: int) -> Alignment:
    used_a = {i for p in pairs for i in (p.a, *p.a_parts)}
    used_b = {j for p in pairs for j in (p.b, *p.b_parts)}
    return Alignment(
        pairs=sorted(pairs, key=lambda p: (p.a, p.b)),
        only_a=[i for i in range(n) if i not in used_a],
        only_b=[j for j in range(m) if j not in used_b],
    )


def _action_key(action: str | None) -> str:
    tokens = content_tokens(action or "")
    return tokens[0] if tokens else ""


def _event_tokens(event: dict) -> list[str]:
    return content_tokens(
        " ".join(
            [
                event.get("text") or "",
                event.get("action") or "",
                " ".join(event.get("participants") or []),
            ]
        )
    )


def event_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every event of A against every event of B."""
    n, m = len(left), len(right)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    # Events are whole sentences, where partial containment is the norm: no extra discount.
    text = text_similarity(
        [_event_tokens(e) for e in left], [_event_tokens(e) for e in right], containment_power=1.0
    )
    actions_a = [_action_key(e.get("action")) for e in left]
    actions_b = [_action_key(e.get("action")) for e in right]
    action = np.array(
        [[100.0 if x and x == y else 0.0 for y in actions_b] for x in actions_a], dtype=np.float32
    )
    actor = speaker_similarity([e.get("actor") for e in left], [e.get("actor") for e in right])
    participants = text_similarity(
        [content_tokens(" ".join(e.get("participants") or [])) for e in left],
        [content_tokens(" ".join(e.get("participants") or [])) for e in right],
    )
    place = _equal_when_known([e.get("place") for e in left], [e.get("place") for e in right])
    when = _equal_when_known([e.get("date") for e in left], [e.get("date") for e in right])
    # The sentence carries most of the evidence (extractors pick different verbs and actors for
    # one happening); agreeing fields add to it. Disagreeing dates or actors do not subtract:
    # such pairs are exactly the conflicts a journalist wants to see.
    bonus = EVENT_BONUS["action"] * (action == 100)
    bonus = bonus + EVENT_BONUS["actor"] * (actor >= SPEAKER_SAME_AT)
    bonus = bonus + EVENT_BONUS["participants"] * (participants >= 50)
    bonus = bonus + EVENT_BONUS["place"] * (place == 100) + EVENT_BONUS["date"] * (when == 100)
    return np.clip(0.85 * text + bonus, 0, 100)


def _equal_when_known(left: Sequence, right: Sequence) -> np.ndarray:
    keys_a = [name_key(str(x)) if x else "" for x in left]
    keys_b = [name_key(str(x)) if x else "" for x in right]
    return np.array(
        [[(100.0 if x == y else 0.0) if x and y else math.nan for y in keys_b] for x in keys_a],
        dtype=np.float32,
    )


def event_flags(left: dict, right: dict, actor_sim: float) -> list[str]:
    flags = []
    if left.get("date") and right.get("date") and str(left["date"]) != str(right["date"]):
        flags.append(DATES_DIFFER)
    a_numbers, b_numbers = numbers_in(left.get("text", "")), numbers_in(right.get("text", ""))
    if a_numbers and b_numbers and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    # The same happening negated on one side only: the same action, negated on one side.
    same_action = _action_key(left.get("action")) == _action_key(right.get("action")) != ""
    if same_action and bool(left.get("negated")) != bool(right.get("negated")):
        flags.append(NEGATION_DIFFERS)
    if 0 <= actor_sim < SPEAKER_DIFFERENT_BELOW and distinct_names(
        left.get("actor"), right.get("actor")
    ):
        flags.append(ACTOR_DIFFERS)
    return flags


def align_events(
    left: Sequence[dict],
    right: Sequence[dict],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
) -> Alignment:
    """Align event dicts ({"text", "actor", "action", "participants", "place", "date",
    "negated"}) one-to-one; flags conflicts in dates, numbers, negation and actor."""
    scores = event_scores(left, right)
    chosen = assign(scores, min_score=min_score, floor=floor)
    actors = speaker_similarity([e.get("actor") for e in left], [e.get("actor") for e in right])
    pairs = [
        Pair(
            i,
            j,
            int(round(float(scores[i, j]))),
            event_flags(left[i], right[j], float(actors[i, j])),
            word_diff(left[i].get("text", ""), right[j].get("text", "")),
        )
        for i, j in chosen
    ]
    return _alignment(pairs, len(left), len(right))

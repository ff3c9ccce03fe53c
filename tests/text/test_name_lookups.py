"""The NameBook's look-ups that must not read the whole article: a surname spelt another way is
looked for among the most recent surnames only (a bounded window), an exact one anywhere."""

from itertools import product

from coverage_app.text.people.names import SURNAME_FUZZY_WINDOW, Surnames

SYLLABLES = ("bra", "dun", "kes", "mol", "pir", "sta", "tov", "wen")


def _other_surnames(count: int) -> list[str]:
    """Invented surnames of three syllables, none near "vellakorr"."""
    names = ("".join(parts) for parts in product(SYLLABLES, repeat=3))
    return [name for _, name in zip(range(count), names, strict=False)]


def test_a_surname_spelt_another_way_is_the_first_known_one_it_matches():
    surnames = Surnames()
    for name in ("ostrander", "vellakorr", "velakor"):
        surnames.append(name)
    assert surnames.match("velakorr") == "vellakorr"  # both within reach: the earlier one
    assert surnames.match("ostrandr") == "ostrander"
    assert surnames.match("holm") is None  # under five letters: exact only
    assert surnames.match("pellegrin") is None


def test_the_spelling_variant_window_is_bounded_and_exact_surnames_are_found_anywhere():
    surnames = Surnames()
    surnames.append("vellakorr")
    for name in _other_surnames(SURNAME_FUZZY_WINDOW - 1):
        surnames.append(name)
    assert surnames.match("velakorr") == "vellakorr"  # still among the last 256
    surnames.append("mirandola")
    assert len(surnames.window()) == SURNAME_FUZZY_WINDOW
    assert "vellakorr" not in surnames.window()
    assert surnames.match("velakorr") is None  # a variant of a name 256 surnames back
    assert surnames.match("vellakorr") == "vellakorr"  # the same spelling, however far back

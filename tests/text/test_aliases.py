"""One entity called two ways where a text makes the two forms one (text.aliases): one invented
pair of articles per construction, parsed by the real pipeline, and the near misses that must
not become contrasts."""

import pytest

from coverage_app.text.claims import aliases, wording


def contrasts(nlp, body_a: str, body_b: str) -> list[dict]:
    terms_a = wording.term_spans(nlp(body_a))
    terms_b = wording.term_spans(nlp(body_b))
    return aliases.alias_contrasts(body_a, terms_a, body_b, terms_b)


def pairs(found: list[dict]) -> set[tuple[str, str]]:
    return {(c["a"], c["b"]) for c in found}


def used(body: str, spans: list[list[int]]) -> list[str]:
    return [body[s:e] for s, e in spans]


def test_as_he_calls_makes_the_two_names_one(nlp):
    a = (
        "Marshal Oren Talt blamed the Lowlanders, as he calls the League, for the "
        "closed passes. The Lowlanders, Talt said, wanted the valley empty.\n\n"
        "He repeated that the Lowlanders had armed the border posts."
    )
    b = (
        "Oren Talt accused the League of closing the passes. Envoys of the League denied it "
        "on Tuesday and asked for talks."
    )
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("Lowlanders", "League")}
    contrast = found[0]
    assert used(a, contrast["spans_a"]) == ["Lowlanders"] * 3
    assert used(b, contrast["spans_b"]) == ["League", "League"]
    assert contrast["source"] == "entity" and contrast["z"] is None


def test_what_he_called_the_quoted_name_makes_them_one(nlp):
    a = (
        "Talt said the passes would stay shut until the League, or what he called the "
        "'Lowlanders', paid for the bridge. The Lowlanders had been warned, he added."
    )
    b = "The League said on Tuesday it would not pay for the bridge. The League wants talks."
    assert pairs(contrasts(nlp, a, b)) == {("Lowlanders", "League")}


def test_also_known_as_makes_them_one(nlp):
    a = (
        "The Marsh Guard, also known as the Reed Company, patrolled the delta on Sunday. "
        "The Reed Company has four boats."
    )
    b = "Boats of the Marsh Guard patrolled the delta. The Marsh Guard said no one was hurt."
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("Reed Company", "Marsh Guard")}
    assert used(b, found[0]["spans_b"]) == ["Marsh Guard", "Marsh Guard"]


def test_a_parenthesis_that_describes_a_name_makes_them_one(nlp):
    a = (
        "Talt again attacked the Lowlanders (the coastal states and their allies) on Monday. "
        "The Lowlanders, he said, had shut the ports."
    )
    b = (
        "Talt said the coastal states and their allies had shut the ports. The ports of the "
        "coastal states and their allies stayed open, officials replied."
    )
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("Lowlanders", "the coastal states and their allies")}


def test_an_acronym_defined_in_one_text_and_spelt_out_in_the_other(nlp):
    a = (
        "The Harbour Workers Union (HWU) called a strike at Velmar on Friday. The HWU said "
        "the cranes would stand still."
    )
    b = "Cranes stood still at Velmar as the Harbour Workers Union walked out on Friday."
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("HWU", "Harbour Workers Union")}
    assert used(a, found[0]["spans_a"]) == ["HWU", "HWU"]


def test_an_acronym_one_text_uses_for_the_name_the_other_spells_out(nlp):
    a = "The Velmar Port Authority closed two berths on Friday after the storm."
    b = "Two berths stayed shut on Friday, the VPA said, after the storm hit Velmar."
    assert pairs(contrasts(nlp, a, b)) == {("Velmar Port Authority", "VPA")}


def test_a_description_resolved_to_a_name_in_apposition(nlp):
    a = (
        "The mayor, Ilse Varga, opened the bridge on Friday. The mayor said the tolls would "
        "end in June."
    )
    b = "Ilse Varga opened the bridge on Friday. Varga said the tolls would end in June."
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("the mayor", "Ilse Varga")}
    assert used(b, found[0]["spans_b"]) == ["Ilse Varga", "Varga"]


def test_a_title_given_to_one_person_resolves_the_description_to_the_name(nlp):
    a = (
        "Foreign Minister Ivo Dren arrived in Velmar on Monday. The minister said the border "
        "would reopen in June, and the minister met the harbour board."
    )
    b = "Ivo Dren arrived in Velmar on Monday. Dren said the border would reopen in June."
    found = contrasts(nlp, a, b)
    assert pairs(found) == {("the minister", "Ivo Dren")}
    assert used(a, found[0]["spans_a"]) == ["The minister", "the minister"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # both texts use both forms: nothing one side says the other does not
        (
            "The Lowlanders, as he calls the League, shut the passes. The League denied it.",
            "The League, which Talt calls the Lowlanders, denied closing the passes.",
        ),
        # a dateline's agency in parentheses is not another name for the city
        (
            "VELMAR (Reuters) - The port shut on Friday after the storm.",
            "Reuters said the port of Velmar shut on Friday.",
        ),
        # capitals that are not the name's initials
        (
            "The Harbour Workers Union (HWU) struck on Friday.",
            "The union, known locally as the dockers, struck; the BBC reported it.",
        ),
        # two people carry the title: "the minister" could be either
        (
            "Foreign Minister Ivo Dren met Defence Minister Kai Olm. The minister said no.",
            "Ivo Dren met Kai Olm on Monday. Dren said no.",
        ),
        # a parenthesis with a figure is an aside, not another name
        (
            "The Marsh Guard (the first in 20 years) patrolled the delta.",
            "The delta was patrolled by the first in 20 years, said the Marsh Guard.",
        ),
    ],
)
def test_near_misses_are_not_contrasts(nlp, a, b):
    assert contrasts(nlp, a, b) == []


def test_the_comparison_carries_alias_contrasts_next_to_spelling_ones(nlp):
    a = (
        "Sergei Talt blamed the Lowlanders, as he calls the League, on Monday. The "
        "Lowlanders had shut the passes, Sergei Talt said."
    )
    b = "Sergey Talt blamed the League on Monday for shutting the passes."
    found = wording.wording(
        aligned=[],
        terms_a=wording.term_spans(nlp(a)),
        terms_b=wording.term_spans(nlp(b)),
        body_a=a,
        body_b=b,
    )
    entity = {(c["a"], c["b"]) for c in found if c["source"] == "entity"}
    assert {("Lowlanders", "League"), ("Sergei", "Sergey")} <= entity


def test_a_description_with_a_complement_is_another_description(nlp):
    a = (
        "Foreign Minister Ivo Dren arrived in Velmar. The minister of trade, who was not "
        "named, stayed home."
    )
    b = "Ivo Dren arrived in Velmar on Monday."
    assert contrasts(nlp, a, b) == []


def test_an_apposition_needs_a_role_and_keeps_its_complement(nlp):
    body = (
        "At the time, Ilse Varga, who ran the port, said no. The director-general of the "
        "harbour board, Kai Olm, said yes."
    )
    found = aliases.aliases(body, wording.term_spans(nlp(body)))
    assert [(a.x, a.y) for a in found if a.how == "apposition"] == [
        ("Kai Olm", "the director-general of the harbour board")
    ]

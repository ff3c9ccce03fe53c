"""Speakers across articles: one row per person, matched by name (coverage_app.speakers)."""

import pytest

from coverage_app.models import Speaker
from coverage_app.speakers import speaker_for, speaker_key

pytestmark = pytest.mark.django_db


def test_transliteration_variants_share_one_key():
    assert speaker_key("Aleksey Tarnov") == speaker_key("Aleksei Tarnov")
    assert speaker_key("Yuri Sokolov") == speaker_key("Yury Sokolov")
    assert speaker_key("Bohdan Kovalenskyy") == speaker_key("Bohdan Kovalensky")


def test_same_person_spelled_two_ways_gets_one_speaker_with_an_alias():
    first = speaker_for("Aleksey Tarnov")
    second = speaker_for("Aleksei Tarnov")
    assert first.pk == second.pk
    assert Speaker.objects.count() == 1


def test_surname_alone_joins_the_only_person_with_that_surname():
    tarnov = speaker_for("Aleksey Tarnov")
    assert speaker_for("Tarnov").pk == tarnov.pk


def test_different_first_names_with_one_surname_stay_two_people():
    otto = speaker_for("Otto Fenn")
    alice = speaker_for("Alice Fenn")
    assert otto.pk != alice.pk
    # A bare surname two people share is not guessed.
    assert speaker_for("Fenn").pk not in {otto.pk, alice.pk}


def test_fuller_name_replaces_a_surname_only_row():
    speaker = speaker_for("Kovalensky")
    again = speaker_for("Bohdan Kovalenskyy")
    assert again.pk == speaker.pk
    again.refresh_from_db()
    assert again.name == "Bohdan Kovalenskyy"
    assert "Kovalensky" in again.aliases


def test_organisations_do_not_merge_with_people():
    person = speaker_for("Morgan Stanley")
    org = speaker_for("Morgan Stanley", is_organisation=True)
    assert person.pk != org.pk
    assert org.is_organisation


def test_no_name_gives_no_speaker():
    assert speaker_for(None) is None
    assert speaker_for("   ") is None


def test_a_spelling_merged_away_by_hand_names_the_merged_speaker_again():
    from coverage_app.speaker_edits import merge_speakers

    mira = speaker_for("Mira Solano")
    other = speaker_for("Mirabel Solano-Ruiz")
    assert other.pk != mira.pk
    merge_speakers(mira, other)
    assert speaker_for("Mirabel Solano-Ruiz").pk == mira.pk
    assert speaker_for("Mirabel Solano Ruiz").pk == mira.pk  # same key, other punctuation
    assert Speaker.objects.count() == 1
    mira.refresh_from_db()
    assert mira.name == "Mira Solano"


def test_job_titles_are_not_part_of_a_persons_name():
    titled = speaker_for("Kestrian Prime Minister Daniel Brecht")
    assert titled.name == "Daniel Brecht"
    assert speaker_for("Daniel Brecht").pk == titled.pk
    assert speaker_for("Mr. Brecht").pk == titled.pk
    assert Speaker.objects.count() == 1


def test_organisation_names_keep_their_words():
    ministry = speaker_for("Foreign Ministry", is_organisation=True)
    assert ministry.name == "Foreign Ministry"


def test_anonymous_and_generic_sources_get_no_speaker_row():
    assert speaker_for("a senior Dravian official") is None
    assert speaker_for("US officials") is None
    assert speaker_for("police", is_organisation=True) is None
    assert speaker_for("Dravian energy ministry", is_organisation=True) is not None
    assert Speaker.objects.count() == 1

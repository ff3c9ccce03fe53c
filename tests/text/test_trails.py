"""Remark trails: versions of one invented remark, fullest first, flagged against the fullest."""

from coverage_app.text.stories.trails import remark_trail

FULL = "We will open the spillways tonight and keep every family safe from the water"


def version(text, speaker="Ilse Varn", kind="direct"):
    return {"text": text, "speaker": speaker, "kind": kind}


def test_the_fullest_version_leads_and_each_other_is_flagged_against_it():
    trail = remark_trail(
        [
            version("We will open the spillways tonight"),
            version(FULL),
            version("We shall open the spillways tonight and keep each family safe from water"),
            version("Tonight the gates of overflow open, no family will suffer the flood"),
            version("she would open the spillways tonight", kind="reported"),
            version(FULL, speaker="Tomas Reddel"),
        ]
    )
    assert trail[0]["fullest"] and trail[0]["text"] == FULL and trail[0]["flags"] == []
    flags = {entry["text"] + "|" + (entry["speaker"] or ""): entry["flags"] for entry in trail[1:]}
    assert flags["We will open the spillways tonight|Ilse Varn"] == ["trimmed"]
    assert flags[
        "We shall open the spillways tonight and keep each family safe from water|Ilse Varn"
    ] == ["reworded"]
    assert flags[
        "Tonight the gates of overflow open, no family will suffer the flood|Ilse Varn"
    ] == ["translated"]
    assert "reported" in flags["she would open the spillways tonight|Ilse Varn"]
    assert flags[FULL + "|Tomas Reddel"] == ["other_speaker"]


def test_a_reworded_version_carries_its_word_diff_against_the_fullest():
    trail = remark_trail([version(FULL), version(FULL.replace("every", "each"))])
    ops = [op for op in trail[1]["diff"] if op["op"] != "equal"]
    assert ops == [{"op": "replace", "a": "every", "b": "each"}]

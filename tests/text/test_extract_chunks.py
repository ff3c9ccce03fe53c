"""Long bodies are cut into chunks at paragraph breaks, covering the text exactly, and their
extractions merged with every offset moved into the whole body."""

from coverage_app.text.claims.claim_sentences import extract_claims
from coverage_app.text.extract import chunk_offsets, extract, extract_long


def test_chunks_cover_the_text_exactly_and_end_at_paragraph_breaks():
    text = ("A paragraph of reporting.\n\n" * 50) + "The last one."
    ranges = chunk_offsets(text, limit=100)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(
        a_end == b_start for (_, a_end), (b_start, _) in zip(ranges, ranges[1:], strict=False)
    )
    assert all(end - start <= 100 for start, end in ranges)
    assert all(text[start:end].endswith("\n\n") for start, end in ranges[:-1])


def test_a_paragraph_longer_than_a_chunk_is_cut_at_a_space():
    text = "word " * 100
    ranges = chunk_offsets(text, limit=42)
    assert "".join(text[s:e] for s, e in ranges) == text
    assert all(text[s:e].endswith(" ") for s, e in ranges[:-1])


# An invented report in distinct paragraphs: a ferry line, its operator and a harbour town.
LONG_BODY_PARAGRAPHS = (
    "The Orlevy ferry line stopped running on Monday after inspectors found cracks in the "
    "hull of its only vessel, the Maren Star.",
    "Harbour master Ilse Vantrom said the crossing would stay shut until the shipyard at "
    "Teskel finished a full survey of the ship.",
    "Commuters from the island of Brask now drive three hours around the bay to reach the "
    "mainland hospital.",
    '"We cannot gamble with the lives of passengers," Vantrom told the harbour council on '
    "Tuesday evening.",
    "The operator, Kestrel Sound Lines, announced that it would charter a smaller boat from a "
    "fishing cooperative in Dunhallow.",
    "Councillor Petra Omsk accused the operator of ignoring warnings about the hull for two "
    "winters.",
    "Shopkeepers on Brask reported that deliveries of fresh bread and milk had fallen by half "
    "within a week.",
    "The regional transport board will publish its own report on the closure in March.",
)


def test_a_long_body_keeps_its_sentences_and_terms_in_every_chunk(nlp):
    """extract_long used to drop the parse's sentences and terms, so a body over CHUNK_CHARS had
    no claims and no wording. Chunked at 600 characters here to stay quick; the merge is the
    same at any limit."""
    body = "\n\n".join(LONG_BODY_PARAGRAPHS * 3) + "\n"
    ranges = chunk_offsets(body, limit=600)
    assert len(ranges) >= 4
    result = extract_long(nlp, body, limit=600)

    # Every chunk's sentences and terms, moved into the whole body, and nothing else.
    expected_sentences, expected_terms = [], []
    for start, end in ranges:
        part = extract(nlp(body[start:end]))
        expected_sentences += [[s + start, e + start] for s, e in part.sentences]
        expected_terms += [t | {"start": t["start"] + start, "end": t["end"] + start}
                           for t in part.terms]  # fmt: skip
    assert result.sentences == expected_sentences
    assert result.terms == expected_terms

    # Offsets point into the body: the last chunk's sentences and names read as themselves.
    last_start = ranges[-1][0]
    late = [body[s:e] for s, e in result.sentences if s >= last_start]
    assert any(text.startswith("The regional transport board") for text in late)
    names = [t for t in result.terms if t["kind"] == "name" and t["start"] >= last_start]
    assert names and all(body[t["start"] : t["end"]] == t["term"] for t in names)
    assert result.sentences == sorted(result.sentences)

    # So the writer's claims reach the end of the body.
    claims = extract_claims(body, result.sentences, result.quotes, result.events)
    assert any(c["start"] >= last_start for c in claims)

"""Long bodies are cut into chunks at paragraph breaks, covering the text exactly."""

from coverage_app.text.extract import chunk_offsets


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

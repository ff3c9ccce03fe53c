"""Cleaning real-world copies of articles: metadata out of the header, page furniture cut."""

from datetime import date
from pathlib import Path

import pytest

from coverage_app.text.clean.cleaning import (
    AFTER_ARTICLE,
    AUTHOR_BIO,
    HEADER,
    TWEET_CREDIT,
    WIDGET,
    clean,
    domain_of,
)
from coverage_app.text.clean.dates import parse_date
from coverage_app.text.clean.decoding import UnreadableInput, decode
from coverage_app.text.clean.headlines import first_sentence, headline_from_body

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cleaning"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blog():
    return clean(fixture("blog_with_comments.txt"))


def test_blog_copy_gives_site_name_headline_author_and_date(blog):
    assert blog.outlet == "Lantern Dispatch"
    assert blog.title == "Velmar dockers walk out as harbour talks stall"
    assert blog.author == "Ilse Varga"
    assert blog.published == date(2023, 3, 14)


@pytest.mark.parametrize(
    "junk",
    [
        "Leave a Reply",
        "Comment by",
        "harbourwatcher",
        "Brask is right",
        "Strikes never help",
        "Liked by 2 people",
        "Akismet",
        "bloggers like this",
        "You are commenting using",
        "Posted by",
        "Lantern Dispatch\n",
        "By Ilse Varga",
    ],
)
def test_blog_comments_widgets_and_header_are_not_left_in_the_body(blog, junk):
    assert junk not in blog.body


def test_blog_body_keeps_every_paragraph_of_the_article(blog):
    assert blog.body.startswith("Dock workers at the port of Velmar stopped work on Monday")
    assert "“Nobody here wants a strike, but nobody here will work for less.”" in blog.body
    assert "remained “open to dialogue”" in blog.body
    assert blog.body.count("\n\n") >= 2
    assert blog.body.endswith("while the stoppage lasted.")  # the line about the writer is cut
    assert [cut.kind for cut in blog.removed if cut.text.startswith("Ilse Varga is")] == [
        AUTHOR_BIO
    ]


def test_what_was_cut_is_listed_for_the_reader(blog):
    removed = "\n".join(cut.text for cut in blog.removed)
    assert "Leave a Reply" in removed
    assert "Comment by harbourwatcher" in removed
    assert "Brask is right" in removed


def test_each_cut_says_what_kind_of_thing_it_was(blog):
    kinds = {cut.text: cut.kind for cut in blog.removed}
    assert kinds["Velmar dockers walk out as harbour talks stall"] == HEADER
    assert kinds["By Ilse Varga | March 14, 2023"] == HEADER
    assert kinds["Leave a Reply"] == AFTER_ARTICLE
    assert kinds["Comment by harbourwatcher | March 14, 2023 | Reply"] == AFTER_ARTICLE
    page = clean(fixture("news_page_widgets.txt"))
    kinds = {cut.text: cut.kind for cut in page.removed}
    assert kinds["Skip to content"] == WIDGET, "furniture above the headline is no header"
    assert kinds["Share on Facebook"] == WIDGET
    assert kinds["The Northgate Courier"] == HEADER
    assert kinds["Advertisement"] == WIDGET


def test_wire_header_gives_date_author_and_outlet():
    wire = clean(fixture("wire_copy.txt"))
    assert wire.published == date(2023, 3, 15)
    assert wire.author == "Mira Castellan"
    assert wire.outlet == "Harbourline.net"
    assert "Authored by" not in wire.body
    assert wire.body.startswith("The harbour authority of Velmar on Tuesday")


def test_a_tweet_credit_glued_to_a_sentence_is_cut_and_the_sentence_kept():
    wire = clean(fixture("wire_copy.txt"))
    assert "he could not say how long that would be.\n\nThe stoppage" in wire.body
    assert "t.co/" not in wire.body
    assert "@velmartoday" not in wire.body
    assert [cut.kind for cut in wire.removed if "@velmartoday" in cut.text] == [TWEET_CREDIT]


_STORY = (
    "Dockers at the port of Velmar walked out on Friday over a pay offer.\n\n"
    "The harbour authority said talks would resume next week."
)


def test_a_closing_line_about_the_writer_is_cut_and_listed():
    text = (
        "By Mara Lind\n\n"
        + _STORY
        + ("\n\nMara Lind is a freelance journalist based in Orsby; she covers the ports.")
    )
    cleaned = clean(text)
    assert cleaned.body.endswith("talks would resume next week.")
    assert [cut.kind for cut in cleaned.removed if "freelance" in cut.text] == [AUTHOR_BIO]


def test_a_closing_line_about_someone_never_named_before_is_the_writers_too():
    cleaned = clean(_STORY + "\n\nIvo Brask is a researcher in maritime history at Orsby.")
    assert "Ivo Brask" not in cleaned.body


def test_a_closing_line_about_a_source_of_the_story_stays():
    text = _STORY.replace("The harbour authority said", "Dr Ivo Brask said") + (
        "\n\nBrask is an economist at the University of Orsby who studies port labour."
    )
    assert clean(text).body.endswith("who studies port labour.")


def test_news_page_widgets_newsletter_cookie_and_related_links_are_cut():
    page = clean(fixture("news_page_widgets.txt"))
    assert page.outlet == "The Northgate Courier"
    assert page.title == "Harbour authority agrees to Friday talks with striking dockers"
    assert page.author == "Tomas Reyes and Ana Pell"
    assert page.published == date(2023, 3, 15)
    for junk in [
        "Skip to content",
        "Share on",
        "Advertisement",
        "newsletter",
        "cookie",
        "Related",
        "Oskava terminal",
        "pic.twitter.com",
    ]:
        assert junk not in page.body, junk
    assert page.body.endswith(
        'Union chair Teodor Brask called the meeting "a start, and only a start."'
    )
    assert '"We want this over by the weekend."' in page.body


def test_html_gives_text_and_metadata_and_drops_scripts_and_comments():
    page = clean(fixture("article.html"), kind="html", url="https://www.riverside.example/a/1")
    assert page.title == "Oskava terminal braces for diverted cargo"
    assert page.outlet == "The Riverside Ledger"
    assert page.author == "Petra Holm"
    assert page.published == date(2023, 3, 16)
    assert page.url == "https://www.riverside.example/a/1"
    assert "three times its usual traffic" in page.body
    assert '"It will be tight, but it will work."' in page.body
    for junk in ["alert", "steal", "document.cookie", "<", "disgrace", "All rights reserved"]:
        assert junk not in page.body, junk
    assert page.body.count("\n\n") >= 2


def test_markdown_heading_is_the_title_and_markup_is_dropped():
    page = clean(fixture("article.md"), kind="markdown")
    assert page.title == "Velmar strike ends after overnight talks"
    assert page.author == "Ana Pell"
    assert page.published == date(2023, 3, 18)
    assert "after overnight talks between" in page.body
    for junk in ["**", "](", "![", "crane.jpg", "> "]:
        assert junk not in page.body, junk


def test_plain_article_without_header_is_kept_whole():
    text = (
        "Ferry services resumed on Tuesday after a week of storms.\n\n"
        '"We are relieved," a passenger said.'
    )
    cleaned = clean(text)
    assert cleaned.body == text
    assert cleaned.title == "" and cleaned.author == ""


def test_hard_wrapped_lines_are_joined_into_their_paragraph():
    text = (
        "The council voted on Monday to close the old\n"
        "bridge to lorries, a decision the mayor called\n"
        "overdue.\n"
        "Traders said they had not been consulted."
    )
    assert clean(text).body == (
        "The council voted on Monday to close the old bridge to lorries, a decision the mayor "
        "called overdue.\n\nTraders said they had not been consulted."
    )


def test_outlet_falls_back_to_the_url_domain():
    cleaned = clean(
        "Ferry services resumed on Tuesday after a week of storms at sea.",
        url="https://news.example.co.uk/x",
    )
    assert cleaned.outlet == "example.co.uk"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("October 12, 2022", date(2022, 10, 12)),
        ("Wed, 12 Oct 2022", date(2022, 10, 12)),
        ("Sept. 3, 2021 at 10:42 a.m.", date(2021, 9, 3)),
        ("2022-10-12T08:00", date(2022, 10, 12)),
        ("no date here", None),
    ],
)
def test_dates_are_read_in_the_forms_news_writes_them(text, expected):
    assert parse_date(text) == expected


def test_domain_drops_www_and_subdomains():
    assert domain_of("https://www.quillpost.example/blog?p=1") == "quillpost.example"
    assert domain_of("not a url") == ""


def test_decode_reads_utf8_with_bom_and_latin1():
    assert decode("café".encode("utf-8-sig")) == "café"
    latin = "Le ministre a déclaré: « Nous négocierons. » Ça coûte très cher à l’État.".encode(
        "cp1252"
    )
    assert "négocierons" in decode(latin)


def test_decode_refuses_images_binaries_and_empty_files():
    with pytest.raises(UnreadableInput, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(UnreadableInput, match="binary"):
        decode(bytes(range(256)) * 4)
    with pytest.raises(UnreadableInput, match="empty"):
        decode(b"  \n ")


def test_hostile_text_never_crashes_the_cleaner():
    for text in ["", "\n\n\n", '"' * 10000, "a" * 200000, "By\n\nBy |", "Comment by\n" * 50]:
        clean(text)
        clean(text, kind="markdown")


# --- a stand-in headline for text that carries none ------------------------------------------


def test_a_wire_copy_without_headline_keeps_an_empty_title_and_gets_its_opening_as_headline():
    wire = clean(fixture("wire_copy.txt"))
    assert wire.title == ""
    headline = headline_from_body(wire.body)
    assert headline.startswith("The harbour authority of Velmar on Tuesday said")
    assert len(headline) <= 91
    assert headline.endswith("…")
    assert not headline.endswith(" …")
    assert headline[:-1] in wire.body, "cut on a word boundary, nothing invented"
    assert wire.body[len(headline) - 1] == " "


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Mr. Brask met Dr. Pereira at 9 a.m. on Monday. Then the talks began.",
         "Mr. Brask met Dr. Pereira at 9 a.m. on Monday."),
        ("The U.S. envoy J. R. Tolland arrived in Velmar. He left.",
         "The U.S. envoy J. R. Tolland arrived in Velmar."),
        ("VELMAR (Harbourline) - Dockers walked out on Monday. More followed.",
         "Dockers walked out on Monday."),
        ('"We will not sign," Brask said. "Never."', '"We will not sign," Brask said.'),
        ("Did the talks fail? Nobody knows.", "Did the talks fail?"),
        ("A paragraph with no end\n\nThe second one.", "A paragraph with no end"),
        ("", ""),
    ],
)  # fmt: skip
def test_the_first_sentence_ends_at_a_real_sentence_end(body, expected):
    assert first_sentence(body) == expected


def test_a_short_first_sentence_is_the_whole_headline_without_its_full_stop():
    assert headline_from_body("Dockers walk out. Ships wait.") == "Dockers walk out"


def test_a_long_unbroken_word_is_cut_at_the_limit():
    assert headline_from_body("x" * 200, limit=50) == "x" * 50 + "…"


def test_cyrillic_in_windows_1251_is_not_read_as_western_european():
    from coverage_app.text.clean.decoding import decode_with_encoding

    text = "Министр заявил, что переговоры продолжатся в пятницу, несмотря на протесты рабочих."
    decoded = decode_with_encoding(text.encode("cp1251"))
    assert decoded.text == text
    assert "Cyrillic" in decoded.encoding


def test_a_page_declaring_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    from coverage_app.text.clean.decoding import decode_with_encoding

    html = '<meta charset="iso-8859-1"><p>The mayor “welcomed” the plan.</p>'
    decoded = decode_with_encoding(html.encode("cp1252"))
    assert "“welcomed”" in decoded.text


def test_a_quotation_mark_run_into_the_next_word_is_spaced():
    """`paranoia,”Vask said`: the quote ends at the mark, so the name after it is a word."""
    cleaned = clean(
        "The mayor spoke.\n\n“We will not traffic in fear,”Vask said.“Nor will we wait.”\n"
    )
    assert "fear,” Vask said. “Nor" in cleaned.body

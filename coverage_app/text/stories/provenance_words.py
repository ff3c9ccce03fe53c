"""Credit-line vocabulary for `text.stories.provenance`. Data only.

WIRES: the news agencies a credit most often names with no other marking (a lone line "Wire"
under the headline), each spelling mapped to one key. Any other source is found by the form of
its credit line ("CITY (Source) -", "(Source)" closing a paragraph, "with information from
Source"), not by name.
"""

WIRES = {
    "reuters": "reuters",
    "ap": "ap",
    "associated press": "ap",
    "the associated press": "ap",
    "afp": "afp",
    "agence france-presse": "afp",
    "agence france presse": "afp",
}

# Words inside a credit's parentheses that make it a photo or video credit, not the text's.
PICTURE_WORDS = {"photo", "photos", "file", "video", "image", "images", "pool", "getty"}

# The wire whose copy ends with its house signature "(Reporting by ...; Editing by ...)", which
# names only its staff.
REPORTING_EDITING_SOURCE = "reuters"

# Credits that name no one source: "(Agencies)", "with agencies", "Staff and wires". The page
# says its text came from some wire, not which, so two such pages share no source.
GENERIC_SOURCES = {
    "agencies",
    "agency",
    "news agencies",
    "wires",
    "wire",
    "wire services",
    "news wires",
    "newswires",
    "staff",
    "desk",
    "news desk",
    "web desk",
    "online desk",
    "agencies and staff",
    "staff and agencies",
    "staff and wires",
    "our correspondent",
    "correspondent",
}

# Last words of a news organisation's name ("Brel Wire", "Lisk Press", "Tarn Daily News"): a
# name in a byline, a sign-off or "X contributed to this report" ending so is a source, where
# "Ann Lee" is a writer and "Lisk" a place.
ORGANISATION_WORDS = {
    "agency",
    "press",
    "wire",
    "newswire",
    "service",
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "telegraph",
    "gazette",
    "chronicle",
    "observer",
    "courier",
    "daily",
    "media",
    "network",
    "broadcasting",
    "radio",
    "television",
    "tv",
    "magazine",
    "online",
}

# Last words of a wire's name ("Brel Wire", "Lisk Press Agency", "Tarn News Service"): enough
# alone, in a sign-off, for a name to be a source.
WIRE_WORDS = {"agency", "press", "wire", "newswire", "service", "agencia", "agence"}

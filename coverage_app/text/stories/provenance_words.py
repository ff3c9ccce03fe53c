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

"""Newsroom filler that says nothing about which event an article covers (speech verbs,
weekdays and months, share widgets, wire words). Data only; `text.article_similarity` drops
these words along with spaCy's stop words."""

FILLER = {
    "said", "says", "say", "saying", "told", "tell", "tells", "added", "according", "reporters",
    "statement", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "share", "article", "comment", "comments", "reply",
    "facebook", "twitter", "email", "pic", "com", "http", "https", "www", "via", "authored",
    "reporting", "editing", "reuters", "news", "read", "more", "also", "year", "week", "day",
    "today", "yesterday", "percent", "per", "cent", "mr", "mrs", "ms", "dr",
}  # fmt: skip

"""Word lists `text.cleaning` reads: the lines that end an article (comments, reply forms,
footers), single lines of page furniture (share, login, newsletter, cookie notices), and
abbreviations whose full stop ends no sentence (read by `text.headlines`). Data only:
regular-expression fragments and words."""

# A line from here on ends the article: comments, reply forms, post footers.
END_MARKERS = [
    r"leave a (?:reply|comment)",
    r"post a comment",
    r"add (?:a|your) comment",
    r"\d+\s+(?:comments?|responses?|replies)(?:\s+(?:to|on)\b.*)?",
    r"(?:comments?|responses?|discussion)\s*(?:\(\d+\))?:?",
    r"show comments",
    r"join the (?:conversation|discussion)",
    r"comments are closed\.?",
    r".{0,60}\s[-–—]\s*posted by\b.*",
    r"posted by\s*\|.*",
    r"posted (?:in|under)\b.*",
    r"filed under\b.*",
    r"related(?: (?:posts|articles|stories|content|reading))?:?",
    r"(?:you may|you might) also (?:like|be interested in).*",
    r"more from\b.{0,40}",
    r"read (?:more|next):?",
    r"recommended(?: for you)?:?",
    r"this site uses akismet.*",
    r"comment by\b.*",
    r"share this:?",
    r"like this:?",
    r"about the author:?",
]

# Single lines of page furniture, dropped wherever they stand.
FURNITURE_MARKERS = [
    r"(?:share|tweet|email|print|pin|post)(?: (?:this|on \w+|article|story))?\.?",
    r"(?:share|follow us)(?: this(?: article| story| post| page)?)?(?: on)?:?\s*"
    r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|"
    r"reddit|email|print|copy link)[\s,|·•]*)+",
    r"click to (?:share|print|email)\b.*",
    r"(?:facebook|twitter|linkedin|whatsapp|telegram|reddit|email|print|copy link)",
    r"advertisement|sponsored(?: content)?|ad",
    r"(?:subscribe|sign up)\b.{0,80}(?:newsletter|inbox|updates|email).*",
    r".{0,60}\bnewsletter\b.{0,60}(?:subscribe|sign up|inbox).*",
    r"(?:we|this (?:site|website)) uses? cookies\b.*",
    r".{0,80}\bcookies?\b.{0,80}(?:accept|consent|policy|preferences).*",
    r"accept(?: all)?(?: cookies)?|manage (?:cookies|preferences)|cookie (?:policy|settings)",
    r"(?:log ?in|sign ?in|register|log out|sign out)(?: to (?:comment|reply))?\.?",
    r"skip to (?:content|main content)",
    r"(?:you can )?follow (?:us|\w+) on (?:telegram|twitter|x|facebook|instagram)\.?",
    r"(?:liked|like) by \d+ (?:person|people)",
    r"reply(?: ↓)?",
    r"loading\.*",
    r"%d bloggers like this:?",
    r"(?:read|listen to) (?:this|the) (?:article|story)\b.{0,30}",
    r"\d+\s+min(?:ute)?s?\s+read",
    r"(?:image|photo|picture)(?: credit)?:.{0,120}",
    r"(?:all rights reserved|©|\(c\)|copyright)\b.{0,120}",
]

# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
}  # fmt: skip

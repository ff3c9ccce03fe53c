"""Who is who in one article (names, references, descriptions, salience).

Also whether two names are one speaker (`name_match`).
"""

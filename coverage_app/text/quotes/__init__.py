"""Who said what: quote marks, quotes with their speakers, reported speech, interviews."""

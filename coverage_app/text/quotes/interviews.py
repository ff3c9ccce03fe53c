"""Interviews printed as questions and answers: unquoted answers after `A:`, or after a
speaker label (`Aalto: ...`) used through the piece, are the interviewee's direct words."""

from __future__ import annotations

import re
from collections import Counter

from coverage_app.text.people.names import NameBook

# A speaker label opening a paragraph: "Aalto:", "Henrik Aalto:", "Interviewer:".
SPEAKER_LABEL = re.compile(r"((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*):\s+(?=\S)")
QA_ANSWER = re.compile(r"A[:.]\s+(?=\S)")


def labelled_answers(text: str, paras, book: NameBook, utterance: int) -> list[dict]:
    """Interviews printed with speaker labels (`Interviewer: ...?` / `Aalto: ...`): the
    label whose paragraphs are mostly questions is the interviewer's, and every other
    label used twice or more speaks its paragraphs, as direct words."""
    labelled = []
    for lo, hi in paras:
        match = SPEAKER_LABEL.match(text, lo, hi)
        if match is not None:
            labelled.append((lo, hi, match))
    counts = Counter(m.group(1) for _, _, m in labelled)
    labels = {label for label, count in counts.items() if count >= 2}
    if len(labels) < 2:
        return []
    questions = {
        label: sum(1 for lo, hi, m in labelled if m.group(1) == label
                   and text[lo:hi].rstrip().endswith("?")) / counts[label]
        for label in labels
    }  # fmt: skip
    interviewer = max(labels, key=lambda label: questions[label])
    # Interviewers also prompt with statements ("Your critics say..."): the interviewer
    # asks most of the questions, the others clearly fewer.
    if questions[interviewer] < 0.3 or any(
        questions[label] > questions[interviewer] / 2 for label in labels - {interviewer}
    ):
        return []
    answers = []
    for lo, hi, match in labelled:
        label = match.group(1)
        if label not in labels or label == interviewer:
            continue
        start, end = match.end(), hi
        if text[start : start + 1] in "\"“'‘":
            continue  # a quoted answer is found as a quote already
        speaker = book.named(label)
        answers.append(_answer(text, start, end, lo, hi, speaker, utterance + len(answers)))
    return answers


def interview_answers(text: str, paras, book: NameBook, utterance: int) -> list[dict]:
    """Q&A interviews: an unquoted `A: ...` paragraph is the interviewee's words (the
    person most recently in view); quoted answers are found as quotes already."""
    answers = []
    if not any(text.startswith(("Q:", "Q.", "Q -"), lo) for lo, _ in paras):
        return labelled_answers(text, paras, book, utterance)
    for lo, hi in paras:
        match = QA_ANSWER.match(text, lo, hi)
        if match is None or text[match.end() : match.end() + 1] in "\"“'‘":
            continue
        start, end = match.end(), hi
        while end > start and text[end - 1].isspace():
            end -= 1
        speaker = book.last_salient(lo, org=False, within=6000)
        answers.append(_answer(text, start, end, lo, hi, speaker, utterance + len(answers)))
    return answers


def _answer(text: str, start: int, end: int, lo: int, hi: int, speaker, utterance: int) -> dict:
    """An unquoted answer as a direct quote of its speaker (the paragraph lo..hi its sentence)."""
    return {
        "text": text[start:end], "kind": "direct", "start": start, "end": end,
        "utterance": utterance, "sentence": text[lo:hi].strip(), "_entity": speaker, "_span": None,
    }  # fmt: skip

"""Interviews (حوار): the answers of a question-and-answer article are the interviewee's own words.

An article is read as an interview when at least two of its paragraphs are questions set off as
such ("*ما الذي يحدث في السودان؟"، "س: ..."، "سؤال: ...") and its title names the interviewee before
the outlet ("الناشط الحقوقي السوداني خالد عبد الكريم ماسا لـ«الصباح»: ..."), as regional dailies
title their interviews.  The answers, from the first question to the end, are then one direct
statement of the interviewee through the outlet (verb and lemma "حوار"), so a number in an answer
is the interviewee's claim; statements the interviewee reports inside the answers ("الرئيس قال")
are narrower and keep their own speakers.

>>> text = ("حوار: ليلى\\n\\nتحدثنا مع الناشط.\\n\\n*ما الذي يحدث؟\\nنحو ألفي معتقل منذ ديسمبر.\\n\\n"
...         "*وما البديل؟\\nالبديل هو الحوار.")
>>> row = interview_statement(text, "الناشط خالد ماسا لـ«الصباح»: كل الشروط متوفرة")
>>> row["speaker"], row["channel"], text[row["content_start"]:row["content_start"] + 13]
('الناشط خالد ماسا', 'لـ«الصباح»', '*ما الذي يحدث')
"""

from __future__ import annotations

import re

from analysis.text.segment import iter_paragraphs, iter_sentences

# a question set off at the start of a paragraph: "*"، "س:"، "س/"، "سؤال:"
QUESTION_RE = re.compile(r"\s*(?:\*|س\s*[:/]|سؤال\s*:)")
# "NAME لـ«OUTLET»:"، "NAME لـ"OUTLET":" at the start of a title
TITLE_RE = re.compile(r"\s*(?P<who>[^:«\"“]{3,100}?)\s+(?P<channel>ل[ـ]?\s*[«\"“][^»\"”]{2,40}[»\"”])\s*:")


def interview_statement(text: str, title: str | None) -> dict | None:
    """The interview statement of an article (a frame row's values, ``article_id`` aside), or None."""
    if not isinstance(title, str) or not isinstance(text, str):
        return None
    named = TITLE_RE.match(title)
    if named is None:
        return None
    pars = list(iter_paragraphs(text))
    questions = [k for k, (s, e) in enumerate(pars) if QUESTION_RE.match(text, s) and "؟" in text[s:e]]
    if len(questions) < 2:
        return None
    first = questions[0]
    start = pars[first][0]
    end = pars[-1][1]
    sent_no = sum(len(list(iter_sentences(text, s, e))) for s, e in pars[:first]) + 1
    return {
        "par_no": first + 1, "sent_no": sent_no, "speaker": named.group("who").strip(), "speaker_type": "named",
        "role": None, "verb": "حوار", "verb_lemma": "حوار", "quote": "direct", "content": text[start:end],
        "channel": named.group("channel"), "agency": None, "resolution": "explicit",
        "start": start, "end": end, "content_start": start, "content_end": end,
    }

"""Interviews (حوار): the answers of a question-and-answer article are the interviewee's own words.

An article is read as an interview when at least two of its paragraphs are questions set off as
such ("*ما الذي يحدث في السودان؟"، "س: ..."، "سؤال: ...") and its title names the interviewee before
the outlet ("الناشط الحقوقي السوداني خالد عبد الكريم ماسا لـ«الصباح»: ..."), as regional dailies
title their interviews.  Each answer (the paragraphs between one question and the next) is then a
direct statement of the interviewee through the outlet (verb and lemma "حوار"), so a number in an
answer is the interviewee's claim and a number in a question the outlet's; statements the
interviewee reports inside an answer ("الرئيس قال") are narrower and keep their own speakers.

>>> text = ("حوار: ليلى\\n\\nتحدثنا مع الناشط.\\n\\n*ما الذي يحدث؟\\nنحو ألفي معتقل منذ ديسمبر.\\n\\n"
...         "*وما البديل؟\\nالبديل هو الحوار.")
>>> rows = interview_statements(text, "الناشط خالد ماسا لـ«الصباح»: كل الشروط متوفرة")
>>> rows[0]["speaker"], rows[0]["channel"], [r["content"] for r in rows]
('الناشط خالد ماسا', 'لـ«الصباح»', ['نحو ألفي معتقل منذ ديسمبر.', 'البديل هو الحوار.'])
"""

from __future__ import annotations

import re

from analysis.text.segment import iter_paragraphs, iter_sentences

# a question set off at the start of a paragraph: "*"، "س:"، "س/"، "سؤال:"
QUESTION_RE = re.compile(r"\s*(?:\*|س\s*[:/]|سؤال\s*:)")
# "NAME لـ«OUTLET»:"، "NAME لـ"OUTLET":" at the start of a title
TITLE_RE = re.compile(r"\s*(?P<who>[^:«\"“]{3,100}?)\s+(?P<channel>ل[ـ]?\s*[«\"“][^»\"”]{2,40}[»\"”])\s*:")


def interview_statements(text: str, title: str | None) -> list[dict]:
    """The interview statements of an article, one per answer (a frame row's values, ``article_id``
    aside), or none."""
    if not isinstance(title, str) or not isinstance(text, str):
        return []
    named = TITLE_RE.match(title)
    if named is None:
        return []
    pars = list(iter_paragraphs(text))
    asked = [bool(QUESTION_RE.match(text, s) and "؟" in text[s:e]) for s, e in pars]
    if sum(asked) < 2:
        return []
    rows: list[dict] = []
    sent_no, block = 0, None
    for k, ((s, e), question) in enumerate(zip(pars, asked, strict=True)):
        if question or block is None and not any(asked[:k]):
            block = None if question else block
        elif block is None:
            block = {"par_no": k + 1, "sent_no": sent_no + 1, "speaker": named.group("who").strip(),
                     "speaker_type": "named", "role": None, "verb": "حوار", "verb_lemma": "حوار", "quote": "direct",
                     "channel": named.group("channel"), "agency": None, "resolution": "explicit",
                     "start": s, "end": e, "content_start": s, "content_end": e}
            rows.append(block)
        else:
            block["end"] = block["content_end"] = e
        sent_no += len(list(iter_sentences(text, s, e)))
    for row in rows:
        row["content"] = text[row["content_start"]:row["content_end"]]
    return rows

"""Attribution phrases: "بحسب ما ذكرت وكالة رويترز"، "ووفقا لشهود عيان، فإن ..."، "نقلا عن مصادر".

>>> from analysis.sources.attribution.context import Paragraph, Sentence, attribution_tables
>>> from analysis.sources.attribution.cues import PHRASE_RE
>>> from analysis.text.normalize import norm
>>> text = norm("القصف توقف، بحسب ما ذكرت وكالة رويترز")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> st = phrase_statement(Sentence(par, 0, len(text), 1, 1), PHRASE_RE.search(text), len(text))
>>> st.lemma, text[slice(*st.speaker)], text[slice(*st.content)], st.speaker_key
('ذكر', 'وكالة رويترز', 'القصف توقف', 'reuters')
"""

from __future__ import annotations

import re

from analysis.sources.attribution.context import Sentence
from analysis.sources.attribution.cues import PHRASE_LEMMA
from analysis.sources.attribution.quotes import quote_kind
from analysis.sources.attribution.speaker import read_np
from analysis.sources.attribution.statement import Statement
from analysis.sources.attribution.subject import is_initial
from analysis.sources.attribution.words import NOT_SOURCES, NOT_W_AFTER, NOT_W_BEFORE, WORD_RE, nwords, trim

# where the speaker of a phrase stops: punctuation (the content came first) ...
PHRASE_STOP_RE = re.compile(r"[،,:؛;.!?؟()]|\s[-–—]\s|(?<=\w)[-–—](?=\s)")  # "-وفقا لإيفانغيليستا- "
# ... or, for a phrase that opens its sentence, a comma or "فإن" before the content
PREPOSED_STOP_RE = re.compile(rf"[،,:؛;]|{NOT_W_BEFORE}[فو]?(?P<comp>ان(?:ه|ها|هم)?){NOT_W_AFTER}")
# "على حد تعبير الوزير": the noun of saying before the speaker
SAYING_NOUN_RE = re.compile(rf"\s*(?:قول|تعبير|زعم|وصف){NOT_W_AFTER}")
# "... حسب قوله في مقابلة"، "بحسب تعبيرها": the words of the one the pronoun names
SAID_PRONOUN_RE = re.compile(rf"\s*(?:قول|تعبير|زعم)(ه|ها|هم|هما){NOT_W_AFTER}")
# "حسبما نقلت عنه يونهاب": the speaker is a pronoun
PRONOUN_RELAY_RE = re.compile(rf"\s*عن(ه|ها|هم|هما){NOT_W_AFTER}")


def phrase_end(P: str, m: re.Match, se: int) -> int:
    """End of "بحسب ما ذكرت" / "حسبما نقلته": the phrase and the verb "ما" governs."""
    end = m.end()
    if m.group("ma") is not None or m.group("ph").endswith("ما"):
        w = WORD_RE.match(P, end + 1) if end < len(P) and P[end] == " " else WORD_RE.match(P, end)
        if w and w.start() < se:
            end = w.end()
    return end


def phrase_statement(sent: Sentence, m: re.Match, nxt: int) -> Statement | None:
    """The statement of an attribution phrase ("بحسب ما ذكرت"، "وفقا لـ"، "نقلا عن"), or None."""
    par, P, ss, se = sent.par, sent.par.text, sent.start, sent.end
    ph = m.group("ph")
    lemma = PHRASE_LEMMA.get(ph.removeprefix("ب")[:3], "بحسب")
    vend = phrase_end(P, m, se)
    verb, gender, form = (m.start("ph"), m.end("ph")), None, None
    if vend > m.end():
        w = P[m.end():vend].strip()
        form = par.forms.get(w) or par.forms.get(re.sub(r"(?:ه|ها|هم)$", "", w))
        if form is not None:
            lemma, gender, verb = form.lemma, form.gender, (vend - len(w), vend)
    st = Statement(sent.par_no, sent.sent_no, (ss, se), (m.start("ph"), vend), m.start(), verb, lemma, gender, "phrase")
    st.initial = is_initial(par, ss, m.start())
    limit = max(vend, min(nxt, se)) if nxt > vend else se
    if st.initial:
        # "وبحسب شهود عيان، فإن ...": speaker first, content after the comma or "فإن"
        stop = PREPOSED_STOP_RE.search(P, vend, limit)
        if stop is None:
            return None
        sp_end = stop.start()
        c0 = stop.start("comp") if stop.group("comp") else stop.end()
        c0, c1 = trim(P, c0, se)
        if P.startswith("فان", c0):
            c0 += 1
    else:
        # "...، بحسب ما ذكرت وكالة رويترز": content first
        stop = PHRASE_STOP_RE.search(P, vend, limit)
        sp_end = stop.start() if stop else limit
        c0, c1 = trim(P, ss, m.start())
    if c1 <= c0 or nwords(P, vend, sp_end) > 15:
        return None
    st.content, st.quote = (c0, c1), quote_kind(P, c0, c1, par.quotes)
    said_by = SAID_PRONOUN_RE.match(P, vend) if lemma == "بحسب" else None
    if said_by is not None:
        st.pronoun_gender = {"ه": "m", "ها": "f"}.get(said_by.group(1), "p")
        return st
    pron = PRONOUN_RELAY_RE.match(P, vend)
    if pron is not None:
        # "حسبما نقلت عنه يونهاب": him, through the agency after the pronoun
        st.pronoun_gender = {"ه": "m", "ها": "f"}.get(pron.group(1), "p")
        chan = read_np(par, pron.end(), sp_end, None)
        st.channel = (m.start("ph"), sp_end)
        if chan is not None and chan.speaker is not None:
            st.agency = chan.speaker_key
        return st
    again = WORD_RE.match(P, vend + 1) if vend < len(P) and P[vend] == " " else None
    if again is not None and again.group() in par.forms and again.end() < sp_end:
        vend = again.end()  # "حسب ما ذكرته ذكرت وكالة ...": a doubled verb
    issued = par.tables.verbs.issued_re.search(P, vend, sp_end) if lemma != "على حد قوله" else None  # "زعمها"
    start = issued.end() if issued else vend
    said = SAYING_NOUN_RE.match(P, start)
    if lemma == "على حد قوله" and said is not None:
        start = said.end()  # "على حد تعبير الوزير": the speaker follows the noun
    if P[start - 1:start + 1] == "لل" and P[m.end("ph") - 1] == "ل" and start == m.end("ph"):
        st.al = start  # "وفقا للمفوضية": the article's alef was dropped after the ل
    relay_form = form if form is not None and form.lemma == "نقل" else None  # "بحسب ما نقلت X عن Y"
    np_ = read_np(par, start, sp_end, relay_form, al=st.al >= 0)
    if np_ is None or (np_.speaker is None and np_.pronoun_gender is None):
        return None
    if lemma == "جاء في" and (np_.speaker is None or np_.speaker_type != "document"):
        return None  # "وجاء في المرتبة الثانية": only a document's words are a statement
    if np_.speaker is not None and (WORD_RE.findall(P, *np_.speaker)[0] in NOT_SOURCES or (
            np_.guessed and (np_.speaker_type == "role" or nwords(P, *np_.speaker) > 4))):
        return None  # "بحسب التوقيت المحلي"، "وفقا للخصومات": not a source
    if np_.channel is None:
        np_.channel = (m.start("ph"), vend)
    st.take(np_)
    return st

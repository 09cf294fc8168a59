"""Statements named by a relative clause: "الواحد مليون التي أعلنتها الحكومة"، "الضرورة التي أكدها الرئيس".

A relative pronoun (الذي، التي، الذين), a reporting verb with the pronoun of what was said, and the
speaker after it, a short noun phrase that opens like a subject: the speaker said the phrase before
the relative (two to twelve words, back to the last punctuation).  Not "ما" ("بحسب ما ذكرته الوكالة" is
an attribution phrase; "وهو ما ينفيه الجيش" names no content), nor "وصف" ("الذي وصفه بـ": the
content follows) or "نقل" (a relay).

>>> from analysis.sources.attribution.context import Paragraph, Sentence, attribution_tables
>>> from analysis.text.normalize import norm
>>> text = norm("ويبلغ العجز الواحد مليون التي أعلنتها الحكومة في برنامجها.")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> [(st.lemma, text[slice(*st.speaker)], text[slice(*st.content)])
...  for st in object_relative_statements(Sentence(par, 0, len(text), 1, 1))]
[('أعلن', 'الحكومة', 'ويبلغ العجز الواحد مليون')]
"""

from __future__ import annotations

from analysis.sources.attribution.context import Sentence
from analysis.sources.attribution.quotes import quote_kind
from analysis.sources.attribution.speaker import read_np
from analysis.sources.attribution.statement import Statement
from analysis.sources.attribution.words import (
    CLAUSE_BREAK_RE,
    COUNTRIES,
    FUNCTION_WORDS,
    PREPOSITIONS,
    is_subject_head,
    nwords,
    tokens,
    trim,
)

_CONTENT_AFTER = frozenset({"وصف", "نقل"})  # "الذي وصفه بـ ..."، "التي نقلها عن ...": the content follows


def object_relative_statements(sent: Sentence) -> list[Statement]:
    """The statements of one sentence named by a relative clause (see the module docstring)."""
    par, P, ss, se = sent.par, sent.par.text, sent.start, sent.end
    out: list[Statement] = []
    for m in par.tables.verbs.object_relative_re.finditer(P, ss, se):
        form = par.forms.get(m.group("v"))
        if form is None or form.lemma in _CONTENT_AFTER:
            continue
        stop = CLAUSE_BREAK_RE.search(P, m.end(), se)  # the speaker stops there, or at a preposition
        end = stop.start() if stop else se
        words = tokens(P, m.end(), end)
        cut = next((k for k, (w, _, _) in enumerate(words) if w in PREPOSITIONS), len(words))
        w0 = words[0][0] if words else ""
        # the speaker opens like a subject: a title, source or institution, else a name (no clitic, no article,
        # not an accusative "تنظيما إرهابيا": "الذي تعتبره تنظيما إرهابيا" names no speaker)
        if not 1 <= cut <= 4 or (w0.endswith("ا") and w0 not in COUNTRIES) or not (
                is_subject_head(w0) or w0 not in FUNCTION_WORDS and not w0.startswith(("ب", "ل", "ال"))):
            continue
        np_ = read_np(par, words[0][1], words[cut - 1][2], form)
        if np_ is None or np_.speaker is None:
            continue
        before = max(P.rfind(c, ss, m.start()) for c in "،,:؛;(\"«“")
        c0, c1 = trim(P, max(ss, before + 1), m.start())
        if not 2 <= nwords(P, c0, c1) <= 12:
            continue
        verb = (m.start("v"), m.end("v"))
        st = Statement(sent.par_no, sent.sent_no, (ss, se), verb, m.start("v"), verb, form.lemma, form.gender, "verb")
        st.marker, st.content, st.quote = m.end(), (c0, c1), quote_kind(P, c0, c1, par.quotes)
        st.take(np_)
        out.append(st)
    return out


__all__ = ["object_relative_statements"]

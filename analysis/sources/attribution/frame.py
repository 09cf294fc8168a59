"""The attributions frame: the statements of each article read paragraph by paragraph, one row each.

:func:`attributions_frame` is the pandas work on a frame of articles; the Dask engine maps it
over partitions (:func:`analysis.sources.attribution.extract_attributions` dispatches there).
"""

from __future__ import annotations

import pandas as pd

from analysis.progress import progress_bar, show_progress
from analysis.sources.attribution.context import Paragraph, Sentence, Tables, attribution_tables
from analysis.sources.attribution.interview import interview_statements
from analysis.sources.attribution.quotes import quote_spans
from analysis.sources.attribution.resolution import resolve
from analysis.sources.attribution.statement import Statement
from analysis.sources.attribution.statements import read_sentence
from analysis.sources.attribution.words import QUOTE_CHARS, Span
from analysis.sources.identity import with_identity
from analysis.text.normalize import NormText
from analysis.text.segment import iter_paragraphs, iter_sentences

#: the attributions frame's columns, in order (a fixed interface: claims rely on it)
ATTRIBUTION_COLUMNS = [
    "article_id", "par_no", "sent_no", "speaker", "speaker_type", "role", "verb", "verb_lemma", "quote", "content",
    "channel", "agency", "resolution", "start", "end", "content_start", "content_end", "canonical", "speaker_id",
]
#: added by :func:`analysis.sources.identity.with_identity`: who the speaker is, in the article and the corpus
IDENTITY_COLUMNS = ("canonical", "speaker_id")
SPEAKER_TYPES = ("named", "role", "institution", "anonymous", "group", "document", "agency", "outlet")
QUOTE_TYPES = ("direct", "indirect", "mixed")
RESOLUTIONS = ("explicit", "continuation", "unresolved")
_INT_COLUMNS = ("par_no", "sent_no", "start", "end", "content_start", "content_end")


def read_article(text: str, tables: Tables) -> list[Statement]:
    """The statements of one article, continuations resolved (hidden subjects included)."""
    stmts: list[Statement] = []
    credited: list[str] = []
    sent_no = 0
    cue_re = tables.verbs.cue_re
    for par_no, (ps, pe) in enumerate(iter_paragraphs(text), start=1):
        sents = list(iter_sentences(text, ps, pe))
        nt = NormText.of(text[ps:pe])
        P = nt.norm
        if not cue_re.search(P):
            sent_no += len(sents)
            continue
        for mention in tables.agencies.find(nt):
            if mention.key not in credited:
                credited.append(mention.key)
        spans = tuple((nt.to_norm(s - ps), nt.to_norm(e - ps)) for s, e in sents)
        par = Paragraph(P, spans, quote_spans(P, list(spans)), tables)
        for ss, se in spans:
            sent_no += 1
            for st in read_sentence(Sentence(par, ss, se, par_no, sent_no)):
                st.speaker_text = _orig(nt, st.speaker, st.al)
                st.role_text = _orig(nt, st.role, st.al)
                st.channel_text = _orig(nt, st.channel)
                st.nt, st.offset = nt, ps
                stmts.append(st)
    resolve(stmts, credited, tables.agencies)
    return stmts


def _title_speaker(who: str, tables: Tables) -> dict:
    """An interviewee named in a title ("الناشط الحقوقي السوداني خالد عبد الكريم ماسا") read the way a
    statement's subject is read, into its name, role and type."""
    said = [st for st in read_article(f"وقال {who} إن ذلك.", tables) if not st.hidden and st.speaker_text]
    if not said:
        return {"speaker": who}
    return {"speaker": said[0].speaker_text, "role": said[0].role_text, "speaker_type": said[0].speaker_type}


def _orig(nt: NormText, span: Span | None, al: int = -1) -> str | None:
    """The original text of a span, its quotes balanced ("وكالة "وام"" keeps its closing quote)."""
    if span is None:
        return None
    a, b = span
    P = nt.norm
    if sum(P[a:b].count(q) for q in QUOTE_CHARS) % 2:
        if b < len(P) and P[b] in QUOTE_CHARS:
            b += 1
        elif a > 0 and P[a - 1] in QUOTE_CHARS:
            a -= 1
    text = nt.orig(a, b).strip()
    if a == al:
        text = "ا" + text  # "وفقا للمفوضية": the speaker is "المفوضية"
    return text or None


def attributions_frame(articles: pd.DataFrame, tables: Tables | None = None, *,
                       progress: bool | None = None) -> pd.DataFrame:
    """The attributions of a pandas frame of articles (see :func:`analysis.sources.attribution.extract_attributions`).

    ``tables``: from :func:`attribution_tables` (None: the shipped agencies and verbs).  ``progress``: a bar
    over the articles (None: from :data:`analysis.progress.PROGRESS_FROM` articles; it changes no row).

    >>> arts = pd.DataFrame({"article_id": [7], "text": ["وقال مسؤول إن الهدنة صامدة."]})
    >>> attributions_frame(arts)[["article_id", "speaker", "content"]].values.tolist()
    [[7, 'مسؤول', 'إن الهدنة صامدة']]
    """
    tables = tables if tables is not None else attribution_tables()
    rows: dict[str, list] = {c: [] for c in ATTRIBUTION_COLUMNS if c not in IDENTITY_COLUMNS}
    texts: dict = {}
    if len(articles) and {"article_id", "text"} <= set(articles.columns):
        titles = articles["title"].tolist() if "title" in articles else [None] * len(articles)
        rows_in = zip(articles["article_id"].tolist(), articles["text"].tolist(), titles, strict=True)
        for article_id, text, title in progress_bar(rows_in, total=len(articles), desc="attributions",
                                                    show=show_progress(progress, len(articles))):
            if not isinstance(text, str) or not text.strip():
                continue
            texts[article_id] = text
            for st in read_article(text, tables):
                if not st.hidden:
                    _add_row(rows, article_id, st)
            answers = interview_statements(text, title)
            who = _title_speaker(answers[0]["speaker"], tables) if answers else {}  # one interviewee per article
            for answer in answers:
                for key, value in {"article_id": article_id, **answer, **who}.items():
                    rows[key].append(value)
    rows = with_identity(pd.DataFrame(rows), texts, agencies=tables.agencies).to_dict("list")
    return _frame(rows, articles)


def _add_row(rows: dict[str, list], article_id, st: Statement) -> None:
    nt, off = st.nt, st.offset
    c0, c1 = nt.span(*st.content)
    s0, s1 = nt.span(*st.span)
    values = {
        "article_id": article_id, "par_no": st.par_no, "sent_no": st.sent_no,
        "speaker": st.speaker_text, "speaker_type": st.speaker_type, "role": st.role_text,
        "verb": nt.orig(*st.verb), "verb_lemma": st.lemma, "quote": st.quote, "content": nt.text[c0:c1],
        "channel": st.channel_text, "agency": st.agency, "resolution": st.resolution,
        "start": off + min(s0, c0), "end": off + max(s1, c1), "content_start": off + c0, "content_end": off + c1,
    }
    for key, value in values.items():
        rows[key].append(value)


def _frame(rows: dict[str, list], articles: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for col in _INT_COLUMNS:
        frame[col] = frame[col].astype("int64")
    for col in ATTRIBUTION_COLUMNS:
        if col not in _INT_COLUMNS and col != "article_id":
            frame[col] = frame[col].astype("str")
    if "article_id" in articles:
        frame["article_id"] = frame["article_id"].astype(articles["article_id"].dtype)
    else:
        frame["article_id"] = frame["article_id"].astype("str")
    return frame

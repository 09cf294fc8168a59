"""The statements of one sentence: each reporting verb with its speaker and content, then the phrases.

>>> from analysis.sources.attribution.context import Paragraph, Sentence, attribution_tables
>>> from analysis.text.normalize import norm
>>> text = norm("وأشارت مصادر محلية إلى أن القصف توقف")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> found = read_sentence(Sentence(par, 0, len(text), 1, 1))
>>> [(st.lemma, text[slice(*st.speaker)], text[slice(*st.content)]) for st in found]
[('أشار', 'مصادر محلية', 'ان القصف توقف')]
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.sources.attribution.channel import prefix_channel
from analysis.sources.attribution.content import (
    COMP,
    Marker,
    lead_object,
    marker,
    object_after_subject,
    participle_object,
    pronoun_object,
)
from analysis.sources.attribution.context import Paragraph, Sentence
from analysis.sources.attribution.cues import PHRASE_RE, VerbForm
from analysis.sources.attribution.object_relatives import object_relative_statements
from analysis.sources.attribution.phrase import phrase_end, phrase_statement
from analysis.sources.attribution.quotes import inside, quote_kind
from analysis.sources.attribution.settle import settle
from analysis.sources.attribution.speaker import read_np
from analysis.sources.attribution.statement import SpeakerPhrase, Statement
from analysis.sources.attribution.subject import (
    KAN_RE,
    adverbial_lead,
    amma_subject,
    is_initial,
    kan_subject,
    position_ok,
    relative_antecedent,
    relative_before,
    subject_before,
)
from analysis.sources.attribution.words import (
    CLAUSE_BREAK_RE,
    FIRST_PERSON_OPENERS,
    FUNCTION_WORDS,
    IMPERSONAL_VERBS,
    NOT_W_AFTER,
    NOT_W_BEFORE,
    PREPOSITIONS,
    QUOTE_CHARS,
    ROLE_HEADS,
    WORD_RE,
    Span,
    bare,
    is_in,
    nwords,
    tokens,
    trim,
)
from analysis.text.normalize import norm

# "الذي قال فيه الوزير إن": after a relative, the subject follows the verb
RESUMPTIVE_RE = re.compile(rf"\s+(?:فيه|فيها|عليه|عليها){NOT_W_AFTER}")  # "الآلية التي تنص عليها المادة 50"
COMP_START_RE = re.compile(rf"{COMP}{NOT_W_AFTER}")


class VerbCue(NamedTuple):
    """A reporting verb found in a sentence, before its statement is read."""

    match: re.Match
    form: VerbForm
    placed: bool  # at a place that opens a statement
    subject: Span | None  # a subject read before the verb
    relative: bool  # the subject is a relative pronoun's antecedent
    lead: bool = False  # placed after an adverbial phrase with no comma: its subject must follow it


def read_sentence(sent: Sentence) -> list[Statement]:
    """The statements of one sentence: its reporting verbs, then its attribution phrases."""
    par, P, ss, se, quotes = sent.par, sent.par.text, sent.start, sent.end, sent.par.quotes
    phrases = [m for m in PHRASE_RE.finditer(P, ss, se) if not inside(m.start(), quotes)]
    phrase_verbs = [(m.start(), phrase_end(P, m, se)) for m in phrases]
    verbs: list[VerbCue] = []
    asides: list[Statement] = []
    for m in par.tables.verbs.verb_re.finditer(P, ss, se):
        if inside(m.start("v"), quotes) or any(a <= m.start() < b for a, b in phrase_verbs):
            continue
        form = par.forms[m.group("v")]
        if "prep_only" in form.takes and not own_prep_near(P, m.end(), se, form):
            continue  # "عبر صفحته": the preposition "via", not a verb
        rel = relative_before(par, ss, m)
        if rel is not None and not form.participle and "bare_content" not in form.takes \
                and (close := aside_relative(P, rel, m.end(), se)) is not None:
            # "ويرى المستثمرون، الذين توقعوا ... خفض الفائدة، أن ...": the antecedent's own statement runs to the
            # closing comma, and the "أن" after it is the main verb's
            aside = aside_statement(sent, m, form, rel, close)
            if aside is not None:
                asides.append(aside)
            continue
        if rel is not None and not form.participle:
            # "السلطات التي تقول إن": the antecedent speaks; "الذي قال فيه الوزير إن": the subject follows
            if RESUMPTIVE_RE.match(P, m.end()):
                verbs.append(VerbCue(m, form, True, None, False))
            else:
                subject = relative_antecedent(par, ss, rel)
                if subject is not None:
                    verbs.append(VerbCue(m, form, False, subject, True))
            continue
        placed = position_ok(par, ss, m, form)
        subject = None
        if not placed and not form.participle and not m.group("pre") and adverbial_lead(par, ss, m.start()):
            verbs.append(VerbCue(m, form, True, None, False, True))  # "وفي حدث استضافه المجلس ... قالت جورجيفا"
            continue
        if not form.participle and (not placed or "قد" in m.group("pre")):
            subject = subject_before(par, ss, m, strict=not placed)
        elif not form.participle and not m.group("pre"):
            subject = kan_subject(par, ss, m, 0)  # "وكان أردوغان (64 عاما) أعلن ...".
        elif not form.participle:
            subject = amma_subject(par, ss, m)  # "أما الباحث ... فرأى أن"
        if placed or subject is not None:
            verbs.append(VerbCue(m, form, placed, subject, False))
    asides += object_relative_statements(sent)  # "الواحد مليون التي أعلنتها الحكومة"
    if not verbs and not phrases:
        return settle(P, asides) if asides else []
    out: list[Statement] = list(asides)
    for i, cue in enumerate(verbs):
        nxt = verbs[i + 1][0].start() if i + 1 < len(verbs) else se
        st = verb_statement(sent, cue, nxt)
        if st is not None:
            out.append(st)
    starts = [m.start() for m, *_ in verbs]
    for m in phrases:
        # "وأفادت الوكالة، نقلا عن أقداغ، أن": a phrase inside a speaker belongs to that statement
        if any(st.cue[1] <= m.start() < st.marker for st in out):
            continue
        nxt = next((x for x in starts if x > m.start()), se)
        st = phrase_statement(sent, m, nxt)
        if st is not None:
            out.append(st)
    return settle(P, out)


_CONTENT_MARK_RE = re.compile(rf"[:\"«“]|{NOT_W_BEFORE}{COMP}{NOT_W_AFTER}")


def own_prep_near(P: str, pos: int, se: int, form: VerbForm) -> bool:
    """One of the verb's prepositions within twelve words after it, no punctuation between ("عبر عن"،
    "عبرت العديد من النقابات عن")."""
    stop = CLAUSE_BREAK_RE.search(P, pos, se)
    end = stop.start() if stop else se
    return any(w in form.preps for w in WORD_RE.findall(P, pos, end)[:13])


def aside_relative(P: str, rel: int, pos: int, se: int) -> int | None:
    """Where a relative clause set off by commas closes, when its verb has no content marker of its own
    before that comma ("، الذين توقعوا في وقت سابق خفض أسعار الفائدة، أن"): the "أن" after it is the main
    verb's.  None for any other clause."""
    if not P[:rel].rstrip().endswith(("،", ",")):
        return None
    close = min((i for i in (P.find("،", pos, se), P.find(",", pos, se)) if i >= 0), default=-1)
    if close < 0:
        return None
    mark = _CONTENT_MARK_RE.search(P, pos, se)
    return close if mark is not None and mark.start() > close else None


def aside_statement(sent: Sentence, m: re.Match, form: VerbForm, rel: int, close: int) -> Statement | None:
    """The statement of a relative clause set off by commas: its antecedent says what lies between the verb and
    the closing comma ("المستثمرون، الذين توقعوا في وقت سابق خفض أسعار الفائدة،")."""
    par, P = sent.par, sent.par.text
    subject = relative_antecedent(par, sent.start, rel)
    np_ = read_np(par, subject[0], subject[1], form) if subject is not None else None
    c0, c1 = trim(P, m.end(), close)
    if np_ is None or np_.speaker is None or nwords(P, c0, c1) < 2:
        return None
    verb = (m.start("v"), m.end("v"))
    st = Statement(sent.par_no, sent.sent_no, (sent.start, sent.end), verb, m.start(), verb, form.lemma,
                   form.gender, "verb")
    st.marker, st.content, st.quote = m.end(), (c0, c1), quote_kind(P, c0, c1, par.quotes)
    st.take(np_)
    return st


def verb_statement(sent: Sentence, cue: VerbCue, nxt: int) -> Statement | None:
    """The statement of one reporting verb (``nxt``: where the next verb starts), or None."""
    par, ss, se = sent.par, sent.start, sent.end
    m, form, placed, subject, relative, lead = cue
    verb = (m.start("v"), m.end("v"))
    st = Statement(sent.par_no, sent.sent_no, (ss, se), verb, m.start(), verb,
                   form.lemma, form.gender, "participle" if form.participle else "verb")
    st.initial = is_initial(par, ss, m.start())
    if placed and subject is None and (aside := parenthetical(sent, m, st)) is not None:
        return aside
    found = marker(par, m.end(), min(se, nxt), se, form)
    if found is not None and placed and subject is None:
        found = earlier_object(par, m, min(se, nxt), se, form, found)
    if found is None:
        if placed and subject is None:
            post = postposed(sent, m, st)
            if post is not None:
                return post
        found = lead_object(par, m.end(), min(se, nxt), se, form)
        if found is None and placed and subject is None:
            found = (participle_object(par, m.end(), min(se, nxt)) if form.participle and form.lemma != "نقل"
                     and "comp_only" not in form.takes
                     else object_after_subject(par, m.end(), min(se, nxt), se, form, past=is_past(m, form))
                     or pronoun_object(par, m.end(), min(se, nxt), se, form))
        if found is None and placed and subject is None:
            found = first_person_content(par, m.end(), se)
        if found is None and subject is not None and not form.participle and is_past(m, form) \
                and after_kan(par.text, ss, subject[0]):
            found = object_right_after(par, m.end(), min(se, nxt), se, form)  # "وكان القادة العرب انتقدوا إسرائيل"
        if found is None:
            return hidden_subject(par, st, subject, form) if not placed else None
    if "comp_only" in form.takes and (not COMP_START_RE.match(par.text, found[1][0])
                                      or nwords(par.text, m.end(), found[0]) > 6):
        return None  # "ووجدوا أن ..." is a statement, "وجدوا جثة" is not: its "أن" comes right after its subject
    st.marker, st.content, st.quote = found
    np_ = read_np(par, m.end(), st.marker, form)
    if np_ is None:
        return None
    if lead and np_.speaker is None:
        return None
    if np_.speaker is not None and (form.participle or object_not_subject(par, np_, form)):
        np_ = SpeakerPhrase(channel=np_.channel, agency=np_.agency)  # "داعيا أردوغان إلى"، "ودعت ولي العهد إلى"
    if subject is None and np_.speaker is None and np_.pronoun_gender is None and not form.participle \
            and not m.group("pre") and not st.initial:
        subject = subject_before(par, ss, m, strict=True)  # "إلا أن تقارير أخرى، أكدت أن"
    if subject is not None and not (relative and np_.speaker is not None):
        before = read_np(par, subject[0], subject[1], form)
        if not placed and not relative and (before is None or before.speaker is None):
            return None  # a verb inside a clause whose subject we cannot read ("أنه أبلغ ...")
        if before is not None and before.speaker is not None:
            # the noun phrase after the verb was its object or addressee: a channel if it is an agency
            channel, agency = np_.channel, np_.agency
            if np_.speaker_key and np_.speaker is not None:
                channel, agency = channel or np_.speaker, agency or np_.speaker_key
            np_ = before
            np_.channel, np_.agency = channel or np_.channel, agency or np_.agency
    if np_.speaker is None and np_.pronoun_gender is None and m.group("v") in IMPERSONAL_VERBS:
        return None  # "يذكر أن": the outlet's narration
    if form.lemma == "نقل" and np_.speaker is not None and np_.channel is None and np_.speaker_type not in (
            "agency", "outlet"):
        return None  # "ونقل الجرحى إلى ...": transport, not a relay
    if np_.channel is None and st.initial:
        np_.channel, np_.agency = prefix_channel(par, ss, m.start())
    st.take(np_)
    return st


def after_kan(P: str, ss: int, at: int) -> bool:
    """Whether "كان" and its sisters' forms stand right before ``at`` ("وكان | القادة العرب")."""
    found = list(KAN_RE.finditer(P, max(ss, at - 8), at))
    return bool(found) and not P[found[-1].end():at].strip()


def object_right_after(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """"وكان القادة العرب انتقدوا إسرائيل منذ افتتاح القمة": the subject came before the verb, so the noun
    right after it is its object, the content of a verb that takes a bare content or a person."""
    P = par.text
    if not {"bare_content", "person"} & form.takes:
        return None
    toks = tokens(P, pos, limit)[:2]
    if len(toks) < 2 or P[pos:toks[0][1]].strip():
        return None
    w = toks[0][0]
    if w in FUNCTION_WORDS or w in PREPOSITIONS or w in par.forms or len(w) < 3 or w.startswith("و"):
        return None
    c0, c1 = trim(P, toks[0][1], se)
    return toks[0][1], (c0, c1), quote_kind(P, c0, c1, par.quotes)


def first_person_content(par: Paragraph, pos: int, se: int) -> Marker | None:
    """"واضافت نحن نعي القضايا التي تطرحها الدول الاوروبية": a continuation whose words follow in the first
    person with no quotation mark, colon or "أن" (``first_person_openers.tsv``): a direct quotation."""
    P = par.text
    w = WORD_RE.match(P, pos + 1) if P[pos:pos + 1] == " " else None
    if w is None or w.group() not in FIRST_PERSON_OPENERS:
        return None
    c0, c1 = trim(P, w.start(), se)
    return (w.start(), (c0, c1), "direct") if nwords(P, c0, c1) >= 3 else None


def is_past(m: re.Match, form: VerbForm) -> bool:
    """A past form ("أعلنت"، "اعتبر"), not a present one ("تعتبر"، "يتهم": also read as passives)."""
    v = m.group("v")
    return not (v[0] in "يت" and not norm(form.lemma).startswith(v[0]))


def earlier_object(par: Paragraph, m: re.Match, limit: int, se: int, form: VerbForm, found: Marker) -> Marker:
    """"أعلنت المقاومة الإسلامية في لبنان (حزب الله) تنفيذ هجوم جوي بمسيرة ..."، "اعتبر السفير ... قرار فرض
    حظر ... "غير مبرر ومسيسا"": a verb's preposition or a quotation found inside its object; the object read
    after the subject comes first and opens the content (a colon or "أن" keeps its place)."""
    P = par.text
    c0 = found[1][0]
    if P[found[0]] == ":" or P[max(0, found[0] - 2):found[0]].strip() == ":":
        return found
    comp = COMP_START_RE.match(P, c0) is not None
    if comp and "person" not in form.takes:
        return found
    bare = object_after_subject(par, m.end(), limit, se, form, past=is_past(m, form))
    if bare is None or bare[0] >= found[0]:
        return found
    # "وصفت الأمم المتحدة الأوضاع في اليمن بأنها ...": the object ends the speaker, "بأنها" opens the content
    return (bare[0], found[1], found[2]) if comp else bare


def hidden_subject(par: Paragraph, st: Statement, subject: Span | None, form: VerbForm) -> Statement | None:
    """"لكن متحدثا باسم القوات نفى ذلك، قائلا إن ...": no content of its own, but the subject a
    following participle continues.  Kept for resolution, never reported."""
    if subject is None:
        return None
    np_ = read_np(par, subject[0], subject[1], form)
    if np_ is None or np_.speaker is None:
        return None
    st.take(np_)
    st.hidden, st.marker, st.content = True, st.cue[1], (st.cue[1], st.cue[1])
    return st


def object_not_subject(par: Paragraph, np_: SpeakerPhrase, form: VerbForm) -> bool:
    """"ودعت ولي العهد إلى": a masculine title after a feminine verb is the one addressed."""
    P = par.text
    if "person" not in form.takes or form.gender not in ("m", "f"):
        return False
    span = np_.role or np_.speaker
    head = WORD_RE.findall(P, *span)[0]
    if not is_in(head, ROLE_HEADS):
        return False
    return ("f" if bare(head).endswith("ة") else "m") != form.gender


def postposed(sent: Sentence, m: re.Match, st: Statement) -> Statement | None:
    """``"نحن هنا"، قال الوزير``: the quotation comes first."""
    par, P, ss, se = sent.par, sent.par.text, sent.start, sent.end
    before = P[ss:m.start()].rstrip(" ،,")
    if not before or before[-1] not in QUOTE_CHARS:
        return None
    close = ss + len(before) - 1
    span = next((q for q in par.quotes if q[1] == close), None)
    if span is None:
        return None
    np_ = read_np(par, m.end(), se, par.forms[m.group("v")])
    if np_ is None or np_.speaker is None:
        return None
    st.content, st.quote = trim(P, span[0] + 1, span[1], " \t\n"), "direct"
    st.take(np_)
    return st


ASIDE_END_RE = re.compile(r"[،,.!?؟:؛]|\s[-–—]")


def parenthetical(sent: Sentence, m: re.Match, st: Statement) -> Statement | None:
    """"...، يورد العلام."، "ومن زاوية أخرى، يتابع المتحدث لهسبريس، فقد ينقلب الأمر": a present form after a
    comma with a short subject between commas names the speaker of the words before it (at the sentence's
    end) or after it."""
    par, P, ss, se = sent.par, sent.par.text, sent.start, sent.end
    form = par.forms[m.group("v")]
    before = P[ss:m.start()].rstrip()
    if form.participle or m.group("pre") or is_past(m, form) or not before or before[-1] not in "،,-–—":
        return None
    stop = ASIDE_END_RE.search(P, m.end(), se)
    end = stop.start() if stop else se
    if not 1 <= nwords(P, m.end(), end) <= 6:
        return None
    first = WORD_RE.search(P, m.end(), end)
    if first is None or first.group() in PREPOSITIONS or first.group() in FUNCTION_WORDS:
        return None  # "...، تنص على تفاصيل جديدة": the verb's own content, not a speaker
    np_ = read_np(par, m.end(), end, form)
    if np_ is None or np_.speaker is None:
        return None
    if stop is None or P[stop.start()] in ".!?؟":
        c0, c1 = trim(P, ss, ss + len(before) - 1)  # the words before the comma
    else:
        c0, c1 = trim(P, stop.end(), se)
    if nwords(P, c0, c1) < 3:
        return None
    st.content, st.quote, st.marker = (c0, c1), quote_kind(P, c0, c1, par.quotes), end
    st.take(np_)
    return st

"""The speaker's noun phrase: who speaks (a name, a role, an institution ...), relayed by whom.

>>> from analysis.sources.attribution.context import Paragraph, attribution_tables
>>> from analysis.text.normalize import norm
>>> text = norm("مصادر محلية في حديث للأناضول")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> np_ = read_np(par, 0, len(text), None)
>>> text[slice(*np_.speaker)], np_.speaker_type, text[slice(*np_.channel)], np_.agency
('مصادر محلية', 'anonymous', 'في حديث للاناضول', 'anadolu')
"""

from __future__ import annotations

import re

from analysis.sources.attribution.channel import agency_in, agency_span, channel_start
from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.cues import VerbForm
from analysis.sources.attribution.speaker_type import classify, looks_like_name
from analysis.sources.attribution.statement import SpeakerPhrase
from analysis.sources.attribution.words import (
    ADDRESSEES,
    ANAPHORIC_ADJECTIVES,
    ANONYMOUS_HEADS,
    COUNTRIES,
    DAY_PARTS,
    DESCRIPTION_OPENERS,
    FUNCTION_WORDS,
    IDIOM_OBJECTS,
    INSTITUTION_HEADS,
    NOT_W_AFTER,
    NOT_W_BEFORE,
    PRONOUN_OBJECTS,
    RELATIVES,
    ROLE_ADJECTIVES,
    ROLE_COMPLEMENTS,
    ROLE_HEADS,
    SUBJECT_END,
    TIME_WORDS,
    WORD_RE,
    Span,
    Token,
    is_in,
    tokens,
    trim,
)
from analysis.text.normalize import norm

# "نقلت الوكالة عن الوزير"، "نقلا عن مصادر"، "على لسان": who is relayed follows
RELAY_RE = re.compile(rf"{NOT_W_BEFORE}عن(?:ه|ها|هم|هما)?{NOT_W_AFTER}")
NAQLAN_RE = re.compile(rf"{NOT_W_BEFORE}(?:نقلا\s+عن(?:ه|ها|هم|هما)?|علي\s+لسان){NOT_W_AFTER}")
# A possessive that names a speaker already met: "وفق قوله"، "حسب رأيها".
PRONOUN_SOURCES = re.compile(norm(r"^(?:قول|رأي|تعبير|وصف|تقدير|كلام|زعم|رواية|تأكيد)(?:ه|ها|هم|هما)$"))
# names of two words whose second has the article or a pronoun-like ending: "عبد الإله"، "أبو بكر"
NAME_HEADS = ("عبد", "ابو", "ابي")
# apposition boundaries inside a speaker: "وزير الخارجية، مايك بومبيو،"
SEGMENT_RE = re.compile(r"[،,؛;()]|\s[-–—]\s")


def read_np(par: Paragraph, a: int, b: int, form: VerbForm | None, *, al: bool = False) -> SpeakerPhrase | None:
    """Read ``P[a:b]`` into speaker (name and/or role), channel and time words; None: not a speaker."""
    P = par.text
    out = SpeakerPhrase()
    a, b = trim(P, a, b)
    if b <= a:
        return out
    relay = RELAY_RE.search(P, a, b) if form is not None and form.lemma == "نقل" else None
    relay = relay or NAQLAN_RE.search(P, a, b)
    if relay is not None:
        return read_relay(par, a, b, relay)
    first = WORD_RE.match(P, a)
    if first is not None and PRONOUN_SOURCES.match(first.group()):
        out.pronoun_gender = "f" if first.group().endswith("ها") else "m"  # "وفق قوله"، "حسب رأيها"
        return out
    if first is not None and (first.group() in IDIOM_OBJECTS or first.group() in PRONOUN_OBJECTS):
        return out  # "كشف النقاب عن": an idiom; "فعلق عليه أن": an object: no subject
    segments, start = [], a
    for sm in SEGMENT_RE.finditer(P, a, b):
        segments.append(trim(P, start, sm.start()))
        start = sm.end()
    segments.append(trim(P, start, b))
    head: list | None = None
    names: list[Span] = []
    roles: list[Span] = []
    for s0, s1 in segments:
        toks = tokens(P, s0, s1)
        if al and toks and toks[0][1] == a:
            toks[0] = ("ا" + toks[0][0], toks[0][1], toks[0][2])  # read "لمفوضية" as "المفوضية"
        cut = channel_start(par, toks, form)
        if cut is not None:
            if out.channel is None:
                out.channel = (toks[cut][1], toks[-1][2])
                out.agency = agency_in(par, *out.channel)
            toks = toks[:cut]
        if toks and (toks[0][0] in RELATIVES or toks[0][0] in DESCRIPTION_OPENERS):
            continue  # "الذي يزور أنقرة"، "لم يذكر اسمه": a description
        while toks and toks[0][0] in TIME_WORDS:
            toks = toks[1:]
        if head is None:
            toks = subject_only(toks, form)
        stripped = False
        while toks and (toks[-1][0] in TIME_WORDS or toks[-1][0][0].isdigit()):
            toks, stripped = toks[:-1], True
        if stripped and toks and toks[-1][0] in DAY_PARTS:
            toks = toks[:-1]  # "صباح الاثنين" (a name when alone: "الشيخ صباح")
        while toks and toks[0][0] in TIME_WORDS:
            toks = toks[1:]
        if not toks or (len(toks) == 1 and toks[0][0] in ANAPHORIC_ADJECTIVES):
            continue  # "في الوقت ذاته": an adverbial, not a speaker
        whole_agency = agency_span(par, toks)
        if head is not None and whole_agency is not None:
            out.agency = out.agency or whole_agency  # "لوكالة الأنباء الكويتية (كونا)"
            continue
        if head is None:
            head = toks
        elif is_in(toks[0][0], ROLE_HEADS):
            roles.append((toks[0][1], toks[-1][2]))
        elif looks_like_name(par, toks):
            names.append((toks[0][1], toks[-1][2]))
        elif toks[0][0].startswith("الم") and len(toks[0][0]) > 5 and toks[0][0] not in par.forms:
            continue  # "صحيفة "إلكتريك"، المتخصصة في أخبار الطاقة،": a description in apposition
        elif not (is_in(toks[0][0], INSTITUTION_HEADS) or toks[0][0] in COUNTRIES):
            return None  # a clause, not an apposition: the verb's content lies elsewhere
    if head is None:
        return out
    w0 = head[0][0]
    if len(head) > 14 or w0 in FUNCTION_WORDS or (w0.startswith("و") and (
            w0.startswith("وال") or w0[1:] in FUNCTION_WORDS or w0[1:] in SUBJECT_END or any(
                is_in(re.sub(r"(?:ه|ها|هم)$", "", w0[1:]), lex) for lex in (INSTITUTION_HEADS, ROLE_HEADS)) or any(
            is_in(w0[1:], lex) for lex in (ROLE_HEADS, INSTITUTION_HEADS, ANONYMOUS_HEADS)) or w0[1:] in par.forms)):
        return None  # "أعلن وحزبه ...": a coordination, not a subject
    classify(par, head, names, roles, out)
    return out


def read_relay(par: Paragraph, a: int, b: int, relay: re.Match) -> SpeakerPhrase:
    """"نقلت وكالة الأناضول عن الوزير"، "أفادت الوكالة، نقلا عن أقداغ": the speaker after عن."""
    P = par.text
    out = SpeakerPhrase()
    ch = trim(P, a, relay.start())
    word = relay.group().split()[-1]
    if word not in ("عن", "لسان"):
        out.pronoun_gender = {"عنه": "m", "عنها": "f"}.get(word, "p")
    else:
        speaker = read_np(par, relay.end(), b, None)
        if speaker is not None and speaker.speaker is not None:
            out = speaker
    chan = read_np(par, *ch, None) if ch[1] > ch[0] else None
    if chan is not None and chan.speaker is not None:
        out.channel = (chan.speaker[0], relay.end())
        out.agency = chan.speaker_key or chan.agency
    else:
        out.channel = (ch[0] if ch[1] > ch[0] else relay.start(), relay.end())
    return out


def subject_only(toks: list[Token], form: VerbForm | None) -> list[Token]:
    """Cut what follows the subject: "وأكد الرئيس التركي أيضا تحذيرات ..."، "المسلحون الذين دخلوا"،
    "المنظمة ذاتها تسجيل ..."، and the person addressed after "دعا"/"طالب": "دعا الحوثي مقاتليه"."""
    for i, (w, _, _) in enumerate(toks):
        if i == 0:
            continue
        if w in SUBJECT_END or w in RELATIVES:
            return toks[:i - 1] if i >= 2 and toks[i - 1][0] in DAY_PARTS else toks[:i]  # "صباح الاثنين"
        if w in ANAPHORIC_ADJECTIVES:
            return toks[:i + 1]
        if w.startswith("لل") and (is_in("ال" + w[2:], ROLE_HEADS) or w[2:] in ADDRESSEES):
            return toks[:i]  # "أكد ترودو للرئيس الأمريكي"، "قال للصحفيين": the one spoken to
        if form is not None and "person" in form.takes and toks[0][0] in COUNTRIES:
            return toks[:1]  # "اتهمت تركيا فرنسا ب...": the country, then the accused
        if form is not None and "person" in form.takes and toks[0][0].startswith("ال") and is_in(
                toks[0][0], ROLE_HEADS) and w.startswith("ال") and not w.endswith(("ي", "ية")) \
                and w not in ROLE_ADJECTIVES and not toks[i - 1][0].startswith("ل") \
                and toks[i - 1][0] not in NAME_HEADS:  # "لحزب العدالة"، "عبد الإله": a genitive
            return toks[:i]  # "اتهم الوزير المعارضة بأنها ...": the accused
        if form is not None and "person" in form.takes and len(w) > 3 and toks[i - 1][0] not in NAME_HEADS and (
                re.search(r"(?:ه|ها|هم|هن|كم)$", w) and not is_in(w, ROLE_COMPLEMENTS)
                or w.startswith("ال") and w.endswith(("ات", "ون", "ين"))):
            return toks[:i]
    return toks

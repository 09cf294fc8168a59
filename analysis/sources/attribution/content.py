"""Where the speaker ends and the content starts: a colon, "أن"/"إن", a quote, "قائلا", a preposition.

A marker is ``(speaker_end, content_span, quote)``: the speaker lies between the verb and
``speaker_end``; the content is the quoted words or the clause from its "أن".

>>> from analysis.sources.attribution.context import Paragraph, attribution_tables
>>> from analysis.sources.attribution.cues import verb_table
>>> from analysis.text.normalize import norm
>>> text = norm("وقال الوزير إن المحادثات مستمرة")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> end, (c0, c1), quote = marker(par, 4, len(text), len(text), verb_table().forms["قال"])
>>> text[4:end].strip(), text[c0:c1], quote
('الوزير', 'ان المحادثات مستمرة', 'indirect')
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.cues import VerbForm
from analysis.sources.attribution.quotes import inside, quote_kind
from analysis.sources.attribution.words import (
    CONTENT_PREPOSITIONS,
    COUNTRIES,
    FIRST_PERSON_OPENERS,
    FUNCTION_WORDS,
    NAME_CONNECTORS,
    NOT_SPEECH_BEFORE_COMP,
    NOT_W_AFTER,
    NOT_W_BEFORE,
    QUOTE_OPEN,
    ROLE_ADJECTIVES,
    ROLE_HEADS,
    SUBJECT_END,
    TIME_WORDS,
    WORD_RE,
    Span,
    is_in,
    is_subject_head,
    nwords,
    tokens,
    trim,
)

Marker = tuple[int, Span, str]

# a complementizer with its clitics and pronoun: "أن"، "بأن"، "فإنه"، "إنها"
COMP = r"[بف]?[ال]?ان(?:ه|ها|هم|هما|هن|نا|ني|كم|ك)?"
MARKER_RE = re.compile(
    r"(?P<colon>:)"
    rf"|{NOT_W_BEFORE}(?:(?P<prep>الي|علي|في|من|عن)\s+)?(?P<comp>{COMP}){NOT_W_AFTER}"
    rf"|(?P<quote>[{QUOTE_OPEN}])"
    rf"|{NOT_W_BEFORE}(?P<qaala>قائل(?:ا|ة|ين|ون|تين)){NOT_W_AFTER}"
    rf"|{NOT_W_BEFORE}(?P<qawl>قول(?:ه|ها|هم|هما|هن)){NOT_W_AFTER}"
)


@lru_cache(maxsize=64)
def prep_re(preps: tuple[str, ...]) -> re.Pattern | None:
    """The prepositions of a verb that open its content as a noun phrase ("دعا إلى"، "طالب ب")."""
    words = [p for p in preps if p != "ب"]
    parts = []
    if words:
        parts.append(rf"(?:{'|'.join(words)})\s+")
    if "ب" in preps:
        parts.append(r"ب(?=[^\W\d_]{3}|[\"«“])")  # "طالب بوقف ..."، "ويطالب بـ\"التطبيق ...\""
    return re.compile(rf"{NOT_W_BEFORE}(?:{'|'.join(parts)})") if parts else None


def marker(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """Where the speaker ends and the content starts: ``(speaker_end, content_span, quote)`` or None."""
    P = par.text
    own = prep_marker(par, pos, limit, se, form, form.preps)
    if own is not None and nwords(P, pos, own[0]) == 0 and (P[own[0]] != "ب" or P.startswith("بال", own[0])):
        return own  # "ورحب بالتعديلات ...، مسجلا أن ...": the verb's preposition right after it opens the content
    # "وأشارت اللجنة إلى وجود ... وأن ...": a preposition of the verb before the first "أن" opens the content
    early = prep_marker(par, pos, limit, se, form, CONTENT_PREPOSITIONS)

    def pick(found):
        return early if early is not None and found is not None and early[0] < found[0] else found

    skipped = False
    n_words, counted_to = 0, pos  # words from pos to the marker, counted once (a run of quotes was quadratic)
    for mk in MARKER_RE.finditer(P, pos, limit):
        n_words += nwords(P, counted_to, mk.start())
        counted_to = mk.start()
        if n_words > 25:
            return None
        if mk.group("colon"):
            c0 = mk.end()
            while c0 < se and P[c0] == " ":
                c0 += 1
            span = inside(c0 + 1, par.quotes) if c0 < len(P) and P[c0] in QUOTE_OPEN else None
            if span and span[0] == c0:
                return pick((mk.start(), trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
            c0, c1 = trim(P, c0, se)
            return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
        if mk.group("comp"):
            prep = mk.group("prep")
            # "إلى أن"، "على أن" open the content of the verbs that take them; "محمد علي إن": a name
            start = mk.start() if prep is None or prep == "الي" or prep in form.preps else mk.start("comp")
            before = WORD_RE.findall(P, max(pos, start - 30), start)
            if before and before[-1] in NOT_SPEECH_BEFORE_COMP:
                continue
            c0 = mk.start("comp")
            c1 = trim(P, c0, se)[1]
            return pick((start, (c0, c1), quote_kind(P, c0, c1, par.quotes)))
        if mk.group("quote"):
            span = inside(mk.start() + 1, par.quotes)
            if span is None or span[0] != mk.start():
                continue
            if skipped or (mk.start() > 0 and P[mk.start() - 1].isalpha()):
                skipped = True
                continue  # لـ"وصول ...": a quoted noun after a preposition, not speech
            after = P[span[1] + 1:se].strip(" .،,")
            if nwords(P, span[0], span[1]) >= 3 or not after:
                return pick((mk.start(), trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
            # a quoted name inside the speaker: حركة "حماس"
        if mk.group("qaala") or mk.group("qawl"):
            # "وأضاف قائلا: ..."، "عن الوزير قوله في رحلته إنه ...": the content follows shortly
            rest = marker(par, mk.end(), se, se, form)
            if rest is not None and nwords(P, mk.end(), rest[1][0]) <= 12:
                return pick((mk.start(), rest[1], rest[2]))
            c0, c1 = trim(P, mk.end(), se)
            return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
    return prep_marker(par, pos, limit, se, form, form.preps)


def prep_marker(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm,
                allowed: Collection[str]) -> Marker | None:
    """"دعا إلى وقف ..."، "طالب بالإفراج عن ...": the content as a noun phrase after the verb's preposition."""
    P = par.text
    prep = prep_re(tuple(p for p in form.preps if p in allowed))
    if prep is None:
        return None
    mk = prep.search(P, pos, limit)
    if mk is None or nwords(P, pos, mk.start()) > 12:
        return None
    c0, c1 = trim(P, mk.end(), se)
    return (mk.start(), (c0, c1), quote_kind(P, c0, c1, par.quotes)) if c1 > c0 else None


def lead_object(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """"أعلن الرئيس التركي، رجب طيب أردوغان، الثلاثاء، عزم بلاده ...": the object after the day."""
    P = par.text
    if not {"bare_content", "person"} & form.takes or form.participle:
        return None
    segments, start = [], pos
    for sm in re.finditer(r"[،,]", P[pos:limit]):
        segments.append((start, pos + sm.start()))
        start = pos + sm.end()
    for k, (a, b) in enumerate(segments[:4]):
        words = WORD_RE.findall(P, a, b)
        if k >= 1 and words and all(w in TIME_WORDS for w in words):
            c0, c1 = trim(P, b, se)
            if nwords(P, c0, c1) >= 2:
                return a, (c0, c1), quote_kind(P, c0, c1, par.quotes)
            return None
    return None


# prepositions that open a phrase inside a subject: "وزارة الصحة في غزة"، "السفير الروسي لدى واشنطن"
_SUBJECT_PREPS = ("في", "لدي", "عن", "من")
_PRONOUN_END = re.compile(r"(?:ه|ها|هم|هما)$")
# verbal nouns: تفعيل ("تقديم")، استفعال ("استهداف")، افتعال/انفعال ("ارتقاء"، "انتعاش")، إفعال ("إحداث")
MASDAR_RE = re.compile(r"^(?:ت..ي.|است...+|ا.ت.اء?.?|ا..ا.)$")


def _nisba(w: str, definite: bool) -> bool:
    """A relational adjective agreeing with its noun: "الإسلامية"، "الأمريكي"؛ "عسكري إسرائيلي"."""
    if w in ROLE_ADJECTIVES:
        return True
    return w.startswith("ال") == definite and w.endswith(("ي", "ية", "يين", "يون")) and len(w) > 3 + 2 * definite


def _object_like(w: str) -> bool:
    """A word that opens an object rather than going on with a name: "مضاعفة"، "تقديم"، "استهداف"، "دعمها"،
    "عددا" (a verbal noun's shapes, a pronoun suffix, the accusative ending)."""
    return (w.startswith("ال") or w.endswith("ة") or w.endswith("ا") and len(w) >= 4
            or bool(MASDAR_RE.match(w) or _PRONOUN_END.search(w)))


_NAME_SECOND_PARTS = frozenset({"الدين", "الله", "الرحمن", "الاسلام"})


def _bound(toks: list, k: int) -> bool:
    """A name word bound to the one before it ("عبد العزيز"، "أبو الغيط"), a name's second part ("الدين"), or
    the surname after such a pair ("عبد الجواد الموسى": a singular with the article, not a title or body)."""
    w = toks[k][0]
    if k > 0 and toks[k - 1][0] in NAME_CONNECTORS or w in _NAME_SECOND_PARTS:
        return True
    return (k > 1 and toks[k - 2][0] in NAME_CONNECTORS and w.startswith("ال")
            and not w.endswith(("ين", "ون", "ات", "ة")) and not is_subject_head(w))


def _name_after_role(P: str, toks: list, i: int) -> int:
    """"الرئيس الأمريكي دونالد ترامب مضاعفة ..."، "الأمين العام للحزب عبد الإله ابن كيران، اليوم": a name of one
    to four words after a role, read when a comma or an object-like word ends it; ``i`` when none is read."""
    for k in range(i + 1, min(i + 5, len(toks))):
        if any(c in P[toks[k - 1][2]:toks[k][1]] for c in "،,"):
            return k if not any(w in FUNCTION_WORDS for w, _, _ in toks[i:k]) else i
    for k in range(i + 1, min(i + 4, len(toks) + 1)):
        if k < len(toks) and _bound(toks, k):
            continue  # "عبد العزيز بوتفليقة"، "حسام الدين": the article belongs to the name
        if k == len(toks) or _object_like(toks[k][0]):
            return k if all((not _object_like(w) or _bound(toks, j)) and w not in FUNCTION_WORDS
                            for j, (w, _, _) in enumerate(toks[:k]) if j >= i) else i
    return i


def subject_end(par: Paragraph, toks: list) -> int:
    """How many words the subject right after a verb takes, read as a definite noun phrase: a head, its
    construct ("وزارة الصحة"), relational adjectives ("الإسلامية"), one short prepositional phrase ("في غزة")
    and a parenthesis ("(حزب الله)"); 0 when the first word cannot open a subject."""
    P = par.text
    w0 = toks[0][0]
    if w0 in FUNCTION_WORDS or w0 in par.forms or len(w0) < 3 or not (w0.startswith("ال") or is_subject_head(w0)):
        return 0
    if w0.startswith("ال") and w0.endswith("ين") and not is_subject_head(w0):
        return 0  # "واتهم الديمقراطيين ب...": an oblique plural is the object
    definite = w0.startswith("ال")
    construct, preps, i = not definite and w0 not in COUNTRIES, 0, 1
    while i < len(toks):
        w, s0, _ = toks[i]
        gap = P[toks[i - 1][2]:s0]
        if any(c in gap for c in "،,:؛;.!?؟\"«»“”"):
            if "،" in gap or "," in gap:
                # "وزير الخارجية التركي، مولود جاويش أوغلو، تقديم ..." (a name between commas); "شركة تسلا،
                # أكبر منتج ...، عن": an apposition, not read here
                return _name_after_role(P, toks, i) if is_in(w0, ROLE_HEADS) else -1
            break
        if "(" in gap:  # "المقاومة الإسلامية في لبنان (حزب الله)": the parenthesis belongs to the subject
            close = P.find(")", s0)
            j = i
            while j < len(toks) and toks[j][1] < close:
                j += 1
            i = j
            continue
        if construct:  # an indefinite noun governs the next one: "رئيس بعثة الملاحظة"، "وزارة الصحة"
            definite = w.startswith("ال")
            construct = not definite
        elif _nisba(w, definite) or (w.startswith("لل") and len(w) > 4):
            pass  # "المكتب الإعلامي الحكومي"، "متحدث عسكري إسرائيلي"، "وكيل اللائحة للانتخابات"
        elif w in _SUBJECT_PREPS and preps == 0 and i + 1 < len(toks):
            preps, i = 1, i + 1  # "في غزة": the preposition and its noun
        elif w.startswith("وال") and len(w) > 5 or (
                w.startswith("ل") and len(w) > 3 and i + 1 < len(toks) and toks[i + 1][0].startswith("ال")):
            construct = w.startswith("ل")  # "العدالة والتنمية"؛ "لحزب العدالة": a genitive follows
        elif is_in(w0, ROLE_HEADS) and not w.startswith("ال"):
            return _name_after_role(P, toks, i)
        else:
            break
        i += 1
    return i


def object_after_subject(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm, *,
                         past: bool = True) -> Marker | None:
    """"أعلنت وزارة الصحة في غزة ارتقاء الشهداء"، "طالب الكونجرس الأمريكي الإدارة الأمريكية ...": no
    content marker, a subject read as a noun phrase, then the verb's object as its content (verbs that
    take a bare content or a person, in the past tense: "تعتبر تركيا ثامن أكبر منتج" is a passive); the object
    opens with a noun that has no article (a verbal noun), a pronoun suffix, or, for a verb that takes a
    person, the one addressed."""
    P = par.text
    if form.participle or not {"bare_content", "person"} & form.takes:
        return None
    toks = tokens(P, pos, limit)[:20]
    if len(toks) < 3:
        return None
    n = subject_end(par, toks)
    while 0 < n < len(toks) and (toks[n][0] in SUBJECT_END or toks[n][0] in TIME_WORDS):
        n += 1  # "وأعلنت الوزارة اليوم ..."، "ورصد غرانجي أيضا ..."
    if not 0 < n < len(toks) - 1:
        return None
    ow = toks[n][0]
    if ow in FUNCTION_WORDS or ow in par.forms or len(ow) < 3 or ow.startswith("و") or ow[0].isdigit():
        return None
    if ow.startswith("ال") and "person" not in form.takes and not _PRONOUN_END.search(ow):
        return None
    if not past and not _own_stance(ow, form):
        return None  # "تعتبر تركيا ثامن أكبر منتج" is a passive; "فيما تؤكد المقاومة ... دعمها" is not
    c0, c1 = trim(P, toks[n][1], se)
    return toks[n][1], (c0, c1), quote_kind(P, c0, c1, par.quotes)


_OWN_SUFFIX = {"m": ("ه",), "f": ("ها",), "p": ("هم", "هما")}


def _own_stance(w: str, form: VerbForm) -> bool:
    """A noun with a pronoun suffix agreeing with the verb's subject: "أكدت ... دعمها"، "أكد وقوفه"."""
    stem = _PRONOUN_END.sub("", w)
    return stem != w and len(stem) >= 3 and w[len(stem):] in _OWN_SUFFIX.get(form.gender, ())


def pronoun_object(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """"وأكد وقوفه إلى جانب أمن و سلامة المواطنين"، "وجدد دعمه للحكومة": a verb that takes a bare content,
    no subject after it, and a noun with a pronoun suffix right after it: the speaker's own stance, the
    content of a continuation (a subject with a suffix is a title or a source: "وأكد نائبه" is left alone)."""
    P = par.text
    if form.participle or "bare_content" not in form.takes:
        return None
    toks = tokens(P, pos, limit)[:2]
    if len(toks) < 2 or P[pos:toks[0][1]].strip():
        return None
    w = toks[0][0]
    stem = _PRONOUN_END.sub("", w)
    # the suffix agrees with the verb's subject ("أكدت دعمها"); "اعتبرت قراراتهم" is a passive
    if not _own_stance(w, form) or w in FUNCTION_WORDS or stem in FUNCTION_WORDS or w in par.forms:
        return None
    if is_subject_head(w) or is_subject_head(stem) or is_in(stem, ROLE_HEADS):
        return None
    c0, c1 = trim(P, toks[0][1], se)
    return toks[0][1], (c0, c1), quote_kind(P, c0, c1, par.quotes)


def participle_object(par: Paragraph, pos: int, se: int) -> Marker | None:
    """"، مؤكدةً إصابته بدقة"، "، مضيفاً لدي مهمة في السنغال": a participle after a comma with no
    content marker goes on with a bare content (two words at least)."""
    P = par.text
    toks = tokens(P, pos, se)
    if len(toks) < 2 or toks[0][0] in FUNCTION_WORDS or toks[0][0] in par.forms or toks[0][0] == "بذلك":
        return None  # "، مؤكدا بذلك استمراره": "thereby", not speech
    c0, c1 = trim(P, toks[0][1], se)
    if toks[0][0] in FIRST_PERSON_OPENERS:
        return toks[0][1], (c0, c1), "direct"  # "مضيفاً لدي مهمة في السنغال": his words, unquoted
    return toks[0][1], (c0, c1), quote_kind(P, c0, c1, par.quotes)

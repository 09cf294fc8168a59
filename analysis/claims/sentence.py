"""The claims of one sentence: each number read with its unit, qualifier, verb, subject and place.

:func:`sentence_claims` finds the numbers (:mod:`analysis.claims.numbers`), sets aside the
non-claims (:mod:`analysis.claims.non_claims`), finds each number's unit phrase
(:mod:`analysis.claims.unit_phrase`), adds the dual nouns of time that carry their own
number ("خلال يومين"), lets a number linked to a neighbour share its unit ("يومين أو
ثلاثة"), and builds each claim (:class:`Claim`).

>>> from analysis.claims.places import gazetteer
>>> [(c.value, c.unit, c.qualifier) for c in sentence_claims("قتل نحو 17 شخصا في تركيا",
...                                                          include_non_claims=False, places=gazetteer())]
[(17.0, 'شخص', 'نحو')]
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import lexicons
from analysis.claims.context import find_subject, find_verb
from analysis.claims.multiples import multiple_at
from analysis.claims.non_claims import non_claim_kind
from analysis.claims.number_tokens import NumToken, number_tokens, word_key
from analysis.claims.number_words import word_atom
from analysis.claims.numbers import NumberSpan, find_numbers, parse_digits
from analysis.claims.places import Gazetteer, nearest_place
from analysis.claims.qualifiers import letters_to_chars, qualifier_after, qualifier_before
from analysis.claims.ranges import range_pair, range_start
from analysis.claims.unit_phrase import count_context, noun_before, unit_after
from analysis.claims.units import dual_count, dual_duration, is_age, is_plural_form, kind_of, unit_key
from analysis.claims.verbs import verb_lemma

__all__ = ["Claim", "sentence_claims"]

# Words that link two numbers sharing a unit; backwards ("or", "and") only some of them.
_LINKS = lexicons.load("number_link_words").rows
_LINK_WORDS = frozenset(w for w, _backward in _LINKS)
_OR_WORDS = frozenset(w for w, backward in _LINKS if backward == "yes")


@dataclass(slots=True)
class Claim:
    value: float | None
    value_text: str
    approx: bool
    qualifier: str | None
    unit: str | None
    unit_text: str | None
    kind: str
    subject: str | None
    verb: str | None
    place: str | None
    start: int
    end: int
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class _Candidate:
    span: NumberSpan
    unit: tuple | None  # (key, unit_text, first token, end token)
    before: tuple | None  # (key, unit_text, token) for "أسبوع واحد"
    small_word: bool


# what a bare fraction is never a share of: a round of a cup ("نصف النهائي"، "ربع نهائي")
_NOT_SHARED = frozenset({"النهائي", "نهائي", "نهائيه", "النهائيه"})


_POSSESSIVE = ("هما", "هم", "ها", "ه")


def _possessed_plural(key: str) -> str | None:
    """The unit of a plural noun with a possessive pronoun ("بدوله" -> "دولة"), which a number after it counts."""
    for suffix in _POSSESSIVE:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[:-len(suffix)]
            for pre in ("", "ب", "و", "ل", "وب"):
                if stem.startswith(pre) and len(stem) - len(pre) >= 3 and is_plural_form(stem[len(pre):]):
                    return unit_key(stem[len(pre):])
            return None
    return None


def _fractional(span: NumberSpan) -> bool:
    """A fraction in words ("نصف"، "ثلثي"، "ثلاثة أرباع"): a share of the noun after it."""
    return span.fraction_only or (span.words and not span.digits and span.value is not None and 0 < span.value < 1)


def sentence_claims(text: str, *, include_non_claims: bool, places: Gazetteer) -> list[Claim]:
    toks = number_tokens(text)
    if "(" in text:
        toks = unbracket(toks)
    spans = find_numbers(text, toks)
    out: list[Claim] = []
    cands: list[_Candidate] = []
    used_until = 0  # tokens already read as the unit of a claim ("في المئة" is not the number 100)
    for span in spans:
        i, j = span.tok_start, span.tok_end
        if i < used_until:
            continue
        kind = None if span.vague else non_claim_kind(toks, span)
        if kind is not None:
            if include_non_claims:
                out.append(Claim(span.value, span.text, False, None, None, None, kind, None, None, None,
                                  span.start, span.end))
            continue
        if (span.words and span.value == 0) or _per_each(toks, i):
            continue
        if _fractional(span):
            # "ثلثي المدينة"، "نصف لتر"، "ربع السكان": a share of what follows; not "نصف النهائي" (a round),
            # "النصف الأول من العام" (a period), "الثلث الأخير"
            if j >= len(toks) or toks[j].kind != "word" or toks[j].key in _NOT_SHARED or span.definite:
                continue
            if toks[i].key.startswith("و") and i > 0 and toks[i - 1].kind != "punct":
                continue  # "عامين ونصف العام": the half of a mixed number, not a share of its own
            unit = unit_after(toks, j, allow_definite=True)
            if unit is None or unit[0] == "ال":
                continue
            used_until = unit[3]
            cands.append(_Candidate(span, unit, None, False))
            continue
        small_word = span.words and not span.digits and span.n_words == 1 and span.value is not None \
            and span.value <= 10
        unit, before = None, None
        if span.definite and not span.vague:
            # "الأيام الأربعة"، "المطالب الـ13" describe the noun before; "القرن العشرين"، "الذكرى الـ45" rank it.
            prev_noun = noun_before(toks, i)
            if prev_noun is not None and toks[prev_noun[2]].key.startswith(("ال", "وال", "بال", "لل")):
                if small_word or is_plural_form(toks[prev_noun[2]].key):
                    before = prev_noun
                else:
                    if include_non_claims:
                        out.append(Claim(span.value, span.text, False, None, None, None, "ordinal", None, None,
                                          None, span.start, span.end))
                    continue
            elif prev_noun is not None and (owned := _possessed_plural(toks[prev_noun[2]].key)) is not None:
                before = (owned, toks[prev_noun[2]].text, prev_noun[2])  # "بدوله السبع والعشرين": its 27 states
        if before is None:
            unit = unit_after(toks, j, allow_definite=span.vague)
        if unit is not None and span.value == 1 and span.words and toks[j].kind == "word" and (
                toks[j].key == "من" or (span.n_words == 1 and is_plural_form(toks[j].key))):
            continue  # "واحد من أكبر المخيمات"، "وأحد أشهر معارضي الرئيس": "one of", not a count
        if unit is None and before is None and not span.vague:
            if small_word and span.value <= 2 and not span.definite and used_until < i:
                # "أسبوع واحد"، "جنديين اثنين"; not "توفي عن 90 عاما واحد من أشهر ...", whose noun is taken
                before = noun_before(toks, i)
            if before is None and span.definite:
                if include_non_claims:
                    out.append(Claim(span.value, span.text, False, None, None, None, "ordinal", None, None, None,
                                      span.start, span.end))
                continue
        if unit is not None:
            used_until = unit[3]
        cands.append(_Candidate(span, unit, before, small_word))
    # Dual nouns of time carry their own number: "خلال يومين" = 2 days.
    taken = {k for cand in cands for k in range(cand.span.tok_start, max(cand.span.tok_end, cand.unit[3]
                                                                          if cand.unit else 0))}
    last_dual = -2
    for k, tok in enumerate(toks):
        if tok.kind != "word" or not tok.key.endswith(("ين", "ان")) or k in taken:
            continue  # every dual ends so: "يومين"، "غارتين"، "جنديان"
        dual = dual_duration(tok)
        if dual is not None and tok.key.startswith(("ال", "وال", "بال", "لل")) and k > 0 \
                and toks[k - 1].kind == "word" and toks[k - 1].key.startswith("ال"):
            dual = None  # "الأمناء العامين": an adjective of the noun before, not two years
        # "سيارتين لجمع القمامة تابعتين": a dual a few words after another, no punctuation between, is its adjective
        near_dual = 0 <= last_dual >= k - 4 and not any(t.kind == "punct" and t.text not in "#_"
                                                        for t in toks[last_dual + 1:k])
        after_dual = k > 0 and (near_dual or toks[k - 1].key.endswith(("تين", "تان")))
        if dual is None and not after_dual:  # "غارتين"، "جنديان"; not the adjectives of "طائرتين عسكريتين تابعتان"
            dual = dual_count(tok, toks[k + 1] if k + 1 < len(toks) else None)
        if dual is not None:
            last_dual = k
            start = tok.start + letters_to_chars(tok.text, dual[1])
            span = NumberSpan(start, tok.end, text[start:tok.end], 2.0, words=True, tok_start=k, tok_end=k + 1,
                              n_words=1)
            cands.append(_Candidate(span, (dual[0], span.text, -1, -1), None, False))
    for k in range(len(toks) if "ضعف" in text else 0):  # "ضعف العدد المسجل"، "بمقدار الضعف": two times
        if k in taken or (multiple := multiple_at(toks, k)) is None:
            continue
        tok = toks[k]
        start = tok.start + letters_to_chars(tok.text, multiple[1])
        span = NumberSpan(start, tok.end, text[start:tok.end], multiple[0], words=True, tok_start=k, tok_end=k + 1,
                          n_words=1)
        cands.append(_Candidate(span, ("ضعف", span.text, -1, -1), None, False))
    cands.sort(key=lambda c: c.span.tok_start)
    # "يومين أو ثلاثة"، "ثلاثة أو أربعة أيام"، "بين 10 و20 شخصا": a number linked to a neighbour shares its unit.
    for k, cand in enumerate(cands):
        if cand.unit is not None or cand.before is not None or cand.span.vague:
            continue
        i, j = cand.span.tok_start, cand.span.tok_end
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        prv = cands[k - 1] if k > 0 else None
        linked_next = nxt is not None and nxt.unit is not None and (
            (nxt.span.tok_start == j + 1 and toks[j].kind == "word" and toks[j].key in _LINK_WORDS)
            or (nxt.span.tok_start == j + 1 and toks[j].kind == "punct" and toks[j].text in "-–")
            or (nxt.span.tok_start == j and toks[j].kind == "num" and word_key(toks[j].pre) in ("و", "او")))
        if linked_next:  # "50 و20 بالمئة"
            cand.unit = (nxt.unit[0], nxt.unit[1], -1, -1)
        elif prv is not None and prv.unit is not None and i >= 1 and toks[i - 1].kind == "word" \
                and toks[i - 1].key in _OR_WORDS and max(prv.span.tok_end, prv.unit[3]) == i - 1:
            cand.unit = (prv.unit[0], prv.unit[1], -1, -1)
    claims: list[tuple[_Candidate, Claim]] = []
    for cand in cands:
        claim = _build_claim(toks, cand, text, places)
        if claim is not None:
            if _fractional(cand.span) and claim.kind == "count":
                claim.kind = "share"  # "ثلثي المدينة": two thirds of the city, not 0.67 cities
            elif claim.unit == "ضعف":
                claim.kind = "other"  # "ضعف العدد"، "ثلاثة أضعاف": times, not a count
            claims.append((cand, claim))
    out.extend(merge_ranges(toks, claims, text))
    out.sort(key=lambda c: c.start)
    return out


def _build_claim(toks: list[NumToken], cand: _Candidate, text: str, places: Gazetteer) -> Claim | None:
    span, unit, before = cand.span, cand.unit, cand.before
    i, j = span.tok_start, span.tok_end
    if unit is not None:
        lemma, unit_text, _u_first, u_end = unit
        if u_end > 0:
            end = toks[u_end - 1].end
            post_at = u_end
        else:
            end = span.end
            post_at = j
        start = span.start
    elif before is not None:
        lemma, unit_text, unit_at = before
        start, end = toks[unit_at].start, span.end
        post_at = j
    else:
        ctx = count_context(toks, i)
        lemma, unit_text = ctx if ctx is not None else (None, None)
        start, end = span.start, span.end
        post_at = j
        if (cand.small_word or (span.words and not span.digits and span.value is not None and span.value < 1000
                                and lemma is None)) and not (span.value != 1 and _of_them(toks, post_at)):
            return None  # a bare number word with nothing counted ("واحد من"، "ست") is too often a misreading
    qualifier, approx = None, span.approx or span.vague
    anchor_first = i
    q = qualifier_before(toks, i, text)
    if q is not None:
        qualifier, approx = q[0], True
        anchor_first = q[1]
    else:
        post = qualifier_after(toks, post_at, text)
        if post is not None:
            qualifier, approx = post, True
    if span.vague and qualifier is None:
        qualifier = span.text
    verb, verb_at, clause_start = find_verb(toks, anchor_first, text)
    subject = None
    if verb_at is not None and verb_lemma(toks[verb_at].key) is not None:
        subject = find_subject(toks, verb_at, anchor_first, clause_start, text, places)
    elif verb_at is None:
        # The number as subject: "12 فصيلا معارضا شكلوا ..."
        for k in range(post_at, min(len(toks), post_at + 3)):
            if toks[k].kind != "word":
                break
            if verb_lemma(toks[k].key) is not None:
                verb = toks[k].text
                break
    kind = "count" if span.vague and lemma is None else kind_of(lemma)
    if kind == "duration" and lemma == "سنة" and is_age(toks, i, post_at):
        kind = "age"
    return Claim(span.value, span.text, bool(approx), qualifier, lemma, unit_text, kind, subject, verb,
                  nearest_place(toks, i, places), start, end)


def merge_ranges(toks: list[NumToken], claims: list[tuple[_Candidate, Claim]], text: str) -> list[Claim]:
    """Two claims that are one range's ends become one claim: ``low``/``high`` the ends, ``value`` the centre.

    "أبقى على سعر الفائدة الرئيسي بين 5.25% و5.50%" (qa-aljazeera-14) is one claim, 5.375 between 5.25 and
    5.5 percent; the first end takes the second's unit when it has none ("بين 300 و400 جندي").

    >>> from analysis.claims.places import gazetteer
    >>> [(c.value, c.low, c.high, c.unit, c.value_text) for c in sentence_claims(
    ...     "أبقى على سعر الفائدة الرئيسي بين 5.25% و5.50%", include_non_claims=False, places=gazetteer())]
    [(5.375, 5.25, 5.5, '%', '5.25% و5.50')]
    """
    out: list[Claim] = []
    k = 0
    while k < len(claims):
        cand, claim = claims[k]
        if k + 1 < len(claims):
            nxt, second = claims[k + 1]
            a_end = max(cand.span.tok_end, cand.unit[3] if cand.unit is not None and cand.unit[3] > 0 else 0)
            same_unit = claim.unit is None or cand.unit is not None and cand.unit[3] < 0 or claim.unit == second.unit
            low = _scaled_low(toks, cand, nxt, claim.value, second.value)
            ends = (cand.span.tok_start, a_end, low), (nxt.span.tok_start, nxt.span.tok_end, second.value)
            opened = range_start(toks, cand.span.tok_start)  # "وما بين 100 و150 منذ ذلك الحين": no unit needed
            has_unit = second.unit is not None or opened is not None and opened[0] == "between"
            if same_unit and has_unit and not cand.span.vague and not nxt.span.vague \
                    and range_pair(toks, *ends, first_unit=cand.unit is not None and cand.unit[3] > 0):
                high = second.value
                out.append(Claim((low + high) / 2, text[cand.span.start:nxt.span.end], claim.approx or second.approx,
                                 claim.qualifier or second.qualifier, second.unit, second.unit_text, second.kind,
                                 claim.subject or second.subject, claim.verb or second.verb,
                                 claim.place or second.place,
                                 min(claim.start, second.start), max(claim.end, second.end), low, high))
                k += 2
                continue
        out.append(claim)
        k += 1
    return out


def _per_each(toks: list[NumToken], i: int) -> bool:
    """A number after "لكل" is the base of a rate, not a claim: "1.60 دولار لكل 12 بيضة" (qa-aljazeera-4)."""
    return i >= 1 and toks[i - 1].kind == "word" and toks[i - 1].key == "لكل"


def _scaled_low(toks: list[NumToken], first: _Candidate, second: _Candidate, low: float | None,
                high: float | None) -> float | None:
    """The first end of "من 20 إلى 25 مليون" in millions: it shares the multiplier written after the second.

    >>> from analysis.claims.places import gazetteer
    >>> [(c.low, c.high) for c in sentence_claims("من 20 إلى 25 مليون دولار", include_non_claims=False,
    ...                                            places=gazetteer())]
    [(20000000.0, 25000000.0)]
    """
    if low is None or high is None or first.span.words or not (second.span.digits and second.span.words):
        return low
    base = parse_digits(toks[second.span.tok_start].text) if toks[second.span.tok_start].kind == "num" else None
    if not base or low >= base:
        return low
    return low * (high / base)


_OF_THEM = frozenset(("منهم", "منهن", "منهما"))


def unbracket(toks: list[NumToken]) -> list[NumToken]:
    """Drop the brackets of a bracketed number followed by its unit or a multiplier, a house style of several
    papers: "بطول (12) كيلومترا"، "(250) ألف طن" read as "12 كيلومترا"، "250 ألف طن".  A bracketed number
    followed by anything else keeps them: the minute of a goal "مروان محسن (65) ووليد سليمان (77)".

    >>> [t.text for t in unbracket(number_tokens("بطول (12) كيلومترا، محسن (65) ووليد"))]
    ['بطول', '12', 'كيلومترا', '،', 'محسن', '(', '65', ')', 'ووليد']
    """
    out: list[NumToken] = []
    k, n = 0, len(toks)
    while k < n:
        t = toks[k]
        if t.text == "(" and t.kind == "punct" and k + 3 < n and k > 0 and not t.newline \
                and toks[k + 1].kind == "num" and toks[k + 2].text == ")" and toks[k + 3].kind == "word" \
                and not toks[k + 3].newline and ((a := word_atom(toks[k + 3].key)) is not None and a.type == "S"
                                                 or unit_after(toks, k + 3, allow_definite=False) is not None):
            out.append(toks[k + 1])
            k += 3
            continue
        out.append(t)
        k += 1
    return out


def _of_them(toks: list[NumToken], k: int) -> bool:
    """"منهم" right after a number word: people counted among those named before ("قتل ثلاثة منهم").

    >>> from analysis.claims.places import gazetteer
    >>> [c.value for c in sentence_claims("قتل ثلاثة منهم", include_non_claims=False, places=gazetteer())]
    [3.0]
    """
    return k < len(toks) and toks[k].kind == "word" and toks[k].key in _OF_THEM

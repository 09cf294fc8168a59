"""The type of a speaker from its head word: agency or outlet, document (and its issuer), anonymous or group,
role (and name), institution, name.

>>> role_end([("رئيس", 0, 4), ("الوزراء", 5, 12), ("الاسرائيلي", 13, 23), ("بنيامين", 24, 31)])
3
"""

from __future__ import annotations

from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.statement import SpeakerPhrase
from analysis.sources.attribution.words import (
    AGENCY_NAME_WORDS,
    ANAPHORIC_ADJECTIVES,
    ANONYMOUS_HEADS,
    COUNTRIES,
    DOCUMENT_HEADS,
    FUNCTION_WORDS,
    GENERIC_MEDIA,
    GROUP_HEADS,
    INSTITUTION_HEADS,
    MEDIA_HEADS,
    MEDIA_NOUNS,
    ROLE_COMPLEMENTS,
    ROLE_HEADS,
    ROLE_PREPOSITIONS,
    WORD_RE,
    Span,
    Token,
    bare,
    is_in,
)
from analysis.text.normalize import NormText


def looks_like_name(par: Paragraph, toks: list[Token]) -> bool:
    """A short phrase with no article, head word, function word or verb: a personal name."""
    w = toks[0][0]
    return len(toks) <= 6 and not w.startswith("ال") and not w[0].isdigit() and not any(
        is_in(w, lex) for lex in (ANONYMOUS_HEADS, INSTITUTION_HEADS, ROLE_HEADS)) and not any(
        t in FUNCTION_WORDS or t in par.forms for t, _, _ in toks)


def classify(par: Paragraph, toks: list[Token], names: list[Span], roles: list[Span], out: SpeakerPhrase) -> None:
    """Type the speaker from its first word: agency/outlet, anonymous, role (+ name), institution, name."""
    P = par.text
    first = toks[0][0]
    second = toks[1][0] if len(toks) > 1 else ""
    span = (toks[0][1], toks[-1][2])
    # an agency or outlet at the head ("وكالة الأنباء التركية "الأناضول""), read with its context so
    # that "للمؤسسة العربية" is not Al Arabiya
    hits = par.tables.agencies.find(NormText(P, P), span[0], span[1])
    if hits:
        key = hits[0].key
        before = WORD_RE.findall(P, span[0], hits[0].start)
        if all(bare(w) in MEDIA_NOUNS or w in MEDIA_NOUNS or w in AGENCY_NAME_WORDS or (
                w.startswith("ال") and w.endswith(("ية", "ي"))) for w in before):
            out.speaker, out.speaker_key, out.speaker_type = span, key, par.tables.agencies.kind[key]
            return
        out.agency = out.agency or key  # "مصادر "سكاي نيوز عربية"": the outlet is the channel
    first_bare = bare(first)
    if first_bare == "وكالة" and second and bare(second) != "انباء" and not (
            second.startswith("ال") and second.endswith("ية")):
        out.speaker, out.speaker_type = span, "institution"  # "وكالة الطاقة الذرية"، "وكالة فيتش"
        return
    if first_bare in MEDIA_HEADS:
        out.speaker, out.speaker_type = span, MEDIA_HEADS[first_bare]
        out.anaphoric_media = len(toks) <= 2 and first in GENERIC_MEDIA
        return
    if is_in(first, DOCUMENT_HEADS):
        out.speaker, out.speaker_type, out.role = span, "document", issuer(toks)
        return
    people = second if first == "بعض" else first  # "بعض المغردين": some of a group
    if is_in(people, ANONYMOUS_HEADS):
        out.speaker, out.speaker_type = span, "group" if is_in(people, GROUP_HEADS) else "anonymous"
        if names:
            out.speaker, out.speaker_type, out.role = names[0], "named", span
        return
    if is_in(first, ROLE_HEADS):
        n = role_end(toks)
        role_toks, rest = toks[:n], toks[n:]
        while len(role_toks) > 1 and role_toks[-1][0] in ANAPHORIC_ADJECTIVES:
            role_toks = role_toks[:-1]
        role = (role_toks[0][1], role_toks[-1][2])
        described = sum(w.startswith("ال") or w[0] in "لب" for w, _, _ in rest) >= 2
        if names and (not rest or rest[0][0][0] in "لب" or described):
            # "رئيس بعثة الجمعية البرلمانية لمجلس أوروبا المكلفة بملاحظة ...، إيان ليدل غرانجي،": the name
            # "الأمين العام للنقابة المستقلة لعمال التربية، بوعلام عمورة،": the name between commas
            out.speaker, out.speaker_type, out.role = names[0], "named", role if not rest else (
                toks[0][1], toks[-1][2])
        elif rest and (k := next((k for k in range(1, min(len(rest), 5)) if is_in(rest[k][0], ROLE_HEADS)
                                  and not rest[k][0].startswith("ال")), 0)) and not any(
                w in FUNCTION_WORDS or w.startswith("ال") and i == 0 or is_in(w, ROLE_HEADS)
                or is_in(w, ROLE_COMPLEMENTS) for i, (w, _, _) in enumerate(rest[:k])):
            # "المهندس سيد سركيس رئيس قطاع المياه الجوفية بالوزارة"، "الشيخ فيصل محمد الباشا ممثل قبيلة بني
            # خالد": a title, the name (its surname may carry the article), then a fuller role
            out.speaker, out.speaker_type, out.role = (rest[0][1], rest[k - 1][2]), "named", (rest[k][1], rest[-1][2])
        elif rest and len(rest) <= 6 and not any(w in FUNCTION_WORDS for w, _, _ in rest):
            out.speaker, out.speaker_type, out.role = (rest[0][1], rest[-1][2]), "named", role
        elif rest and not rest[0][0].startswith("ال") and (k := name_before_origin(rest, 1)):
            # "الشيخ علي الحسين التركاوي من قبيلة التركي": the name, then where the person is from
            out.speaker, out.speaker_type, out.role = (rest[0][1], rest[k - 1][2]), "named", role
        elif names:
            out.speaker, out.speaker_type, out.role = names[0], "named", role
        else:
            out.speaker, out.speaker_type, out.role = role, "role", role
        return
    if is_in(first, INSTITUTION_HEADS) or first in COUNTRIES:
        out.speaker, out.speaker_type = span, "institution"
        return
    split = next((i for i, (w, _, _) in enumerate(toks) if 0 < i <= 4 and is_in(w, ROLE_HEADS)), None)
    if split is not None and not first.startswith("ال") and first not in FUNCTION_WORDS:
        # "آلان دوهاز رئيس مجموعة أديكو": a name, then the role
        out.speaker, out.speaker_type = (toks[0][1], toks[split - 1][2]), "named"
        out.role = (toks[split][1], toks[-1][2])
        return
    if (k := name_before_origin(toks, 2)) and not any(w.startswith("ال") for w, _, _ in toks[:k - 1]):
        # "عاصم الحمادي من قبيلة بني خالد في حلب": a name (only its surname may carry the article), then where
        # the person is from
        out.speaker, out.speaker_type, out.role = (toks[0][1], toks[k - 1][2]), "named", (toks[k][1], toks[-1][2])
        return
    if len(toks) > 6:
        return  # a long phrase with no known head is not a speaker we can name
    out.guessed = True
    if first.startswith("ال"):
        out.speaker, out.speaker_type = span, "role"
        if names:
            out.speaker, out.speaker_type, out.role = names[0], "named", span
        return
    if first in FUNCTION_WORDS or first.startswith(("لل", "بال", "فال")) or (
            first.startswith("م") and first.endswith("ا") and len(first) >= 5):
        return  # "للمستثمرين"، "بالقول"، "موجها خطابه": not a name
    out.speaker, out.speaker_type = span, "named"
    if roles:
        out.role = roles[0]


def name_before_origin(toks: list[Token], shortest: int) -> int:
    """How many words a name takes before "من"/"في" says where the person is from ("علي الحسين التركاوي | من
    قبيلة التركي"): ``shortest`` to four words and no other function word, else 0."""
    k = next((k for k, (w, _, _) in enumerate(toks) if w in FUNCTION_WORDS), 0)
    return k if shortest <= k <= 4 and toks[k][0] in ("من", "في") else 0


def issuer(toks: list[Token]) -> Span | None:
    """Who issued a document: the words after an indefinite head ("بيان وزارة الداخلية"، "محضر اجتماع مجلس
    الاحتياطي") or after "الصادر عن"; None for a document alone or with adjectives ("البيان"، "بيان رسمي").

    >>> issuer([("بيان", 0, 4), ("وزارة", 5, 10), ("الداخلية", 11, 19)]), issuer([("البيان", 0, 6)])
    ((5, 19), None)
    """
    words = [w for w, _, _ in toks]
    for k, w in enumerate(words[:-1]):
        if w in ("عن", "من") and k >= 1 and words[k - 1] in ("الصادر", "الصادرة"):
            return toks[k + 1][1], toks[-1][2]
    if len(toks) < 2 or toks[0][0].startswith("ال"):
        return None
    second = words[1]
    if second.endswith(("ي", "ية")) and not is_in(second, INSTITUTION_HEADS) or second in FUNCTION_WORDS:
        return None
    return toks[1][1], toks[-1][2]


def role_end(toks: list[Token]) -> int:
    """How many words the role takes: "رئيس الوزراء الإسرائيلي | بنيامين نتنياهو"."""
    construct = not toks[0][0].startswith("ال")  # an indefinite head governs the next word
    indefinite = construct
    j = 1
    while j < len(toks):
        w = toks[j][0]
        if construct:
            construct = not w.startswith("ال") and (is_in(w, ROLE_COMPLEMENTS) or is_in(w, ROLE_HEADS))
            indefinite = indefinite and not w.startswith("ال")
        elif w.startswith(("ال", "لل", "بال", "وال")) or w in ROLE_PREPOSITIONS or (
                w[0] in "بل" and (is_in(w[1:], INSTITUTION_HEADS) or is_in(w[1:], ROLE_COMPLEMENTS) or (
                    j + 1 < len(toks) and toks[j + 1][0].startswith("ال")))):  # "لعمال التربية"
            construct = w in ROLE_PREPOSITIONS
            indefinite = False
        elif is_in(w, ROLE_COMPLEMENTS) or w in COUNTRIES:
            construct = True
        elif not (indefinite and w.endswith(("ي", "ية")) and len(w) > 3):  # "متحدث عسكري روسي"
            break
        j += 1
    return j

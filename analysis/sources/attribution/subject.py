"""Where a statement starts and the subject before its verb: "وكانت الوزارة قد أعلنت"، "لكن تركيا تقول".

A reporting verb opens a statement after punctuation, a conjunction or an opener, not inside
a noun phrase; a subject before it is read when the verb has no "و" (Arabic news puts the
verb first, so a preposed subject is the marked case).
"""

from __future__ import annotations

import re

from analysis.sources.attribution.channel import agency_at
from analysis.sources.attribution.content import COMP, MASDAR_RE, prep_re
from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.cues import VerbForm
from analysis.sources.attribution.speaker_type import looks_like_name
from analysis.sources.attribution.words import (
    ADVERBIAL_OPENERS,
    CONNECTORS,
    COPULAR_VERBS,
    FIRST_PERSON_OPENERS,
    FUNCTION_WORDS,
    NOT_W_AFTER,
    NOT_W_BEFORE,
    PREPOSITIONS,
    PUNCT,
    QUOTE_CHARS,
    RELATIVES,
    VERB_OPENERS,
    WORD_RE,
    Span,
    is_subject_head,
    nwords,
    tokens,
    trim,
)

_COMP_WORD_RE = re.compile(r"^[بلف]?ان(?:ه|ها|هم|هما|ني|نا)?$")
REL_BEFORE_RE = re.compile(rf"{NOT_W_BEFORE}(?:الذي|التي|الذين|اللذين|اللتين|اللواتي|اللاتي)\s+$")
KAN_RE = re.compile(rf"{NOT_W_BEFORE}[وف]?كان(?:ت|وا)?{NOT_W_AFTER}")
# where a clause starts before a preposed subject: a comma, "لكن", "إلا أن", "فيما" ...
CLAUSE_CUT_RE = re.compile(
    rf"[،,؛;]|{NOT_W_BEFORE}(?:و?لكن|بيد\s+ان|غير\s+ان|الا\s+ان|كما\s+ان|فيما|بينما|و?حيث|و?اذ|فان){NOT_W_AFTER}")


def position_ok(par: Paragraph, ss: int, m: re.Match, form: VerbForm) -> bool:
    """A verb opens a statement after punctuation, a conjunction or an opener, not inside a noun phrase."""
    P = par.text
    pre = m.group("pre")
    before = P[ss:m.start()].rstrip()
    prev_char = before[-1] if before else ""
    words = WORD_RE.findall(before[-40:])
    prev = words[-1] if words and prev_char not in PUNCT + QUOTE_CHARS else ""
    if form.participle:
        return (not before or prev_char in "،,:;؛-–—" + QUOTE_CHARS or pre.startswith("و")
                or form.lemma != "قال" and participle_before_comp(P, m, prev, form))  # "وأضاف جوفين قائلا إن"
    if pre:
        return prev not in RELATIVES
    return (not before or prev_char in PUNCT + QUOTE_CHARS + ")-–—" or prev in VERB_OPENERS
            or (prev not in PREPOSITIONS and is_initial(par, ss, m.start())))  # "من ناحية أخرى نقلت"


# "... لا يمكن ان يستمر معتبرة ان استمرار الوضع غير مقبول": a participle right before its "أن" goes on
# with the same speaker even with no comma before it (regional copy often has none)
_PARTICIPLE_COMP_RE = re.compile(rf"\s+(?:(?:الي|علي)\s+)?{COMP}{NOT_W_AFTER}")


def participle_before_comp(P: str, m: re.Match, prev: str, form: VerbForm) -> bool:
    """A participle followed by its complementizer, its own preposition ("... وبناء متمنياً بإستمرار
    التعاون"، "معربا عن تقديره") or words in the first person ("... احترام مضيفاً لدي مهمة")، not after a
    copula ("بات مؤكدا أن": "it is certain that") nor "من"/"غير" ("من المؤكد أن")."""
    bare_prev = prev[1:] if prev[:1] in ("و", "ف") and len(prev) > 3 else prev
    nxt = WORD_RE.match(P, m.end() + 1)
    own = prep_re(form.preps)
    opens = _PARTICIPLE_COMP_RE.match(P, m.end()) is not None or (
        nxt is not None and P[m.end():m.end() + 1] == " " and (
            nxt.group() in FIRST_PERSON_OPENERS or own is not None and own.match(P, m.end() + 1) is not None))
    return opens and not {prev, bare_prev} & COPULAR_VERBS and prev not in ("من", "غير", "امر", "الامر")


def is_initial(par: Paragraph, ss: int, pos: int) -> bool:
    """Only connectors, or a short adverbial and a comma ("من جهته،"), before ``pos`` in the sentence."""
    P = par.text
    before = P[ss:pos]
    words = WORD_RE.findall(before)
    if all(w in CONNECTORS for w in words):
        return True
    return before.rstrip().endswith(("،", ",")) and len(words) <= 8 and words[0] in ADVERBIAL_OPENERS


def adverbial_lead(par: Paragraph, ss: int, pos: int) -> bool:
    """Only an adverbial phrase with no comma before ``pos``: "...، ففي مطلع الشهر الجاري قال"، "وفي حدث استضافه
    المجلس الأطلسي في واشنطن قالت جورجيفا إن" (no complementizer, relative, "ما" or reporting verb in it)."""
    cut = max(par.text.rfind("،", ss, pos), par.text.rfind(",", ss, pos))
    words = WORD_RE.findall(par.text, cut + 1 if cut >= 0 else ss, pos)
    if not 2 <= len(words) <= 10 or any(c in par.text[max(ss, cut + 1):pos] for c in PUNCT) or (
            cut >= 0 and words[0][:1] not in ("و", "ف")):
        return False  # after a comma, a new clause: "...، ففي مطلع الشهر الجاري قال"
    first = words[0][1:] if words[0][:1] in ("و", "ف") and len(words[0]) > 2 else words[0]
    first = first[1:] if first.startswith("ف") and first[1:] in ADVERBIAL_OPENERS else first
    return first in ADVERBIAL_OPENERS and first not in ("اما", "كذلك", "ايضا") and not any(
        w in RELATIVES or w in par.forms or w in ("ما", "لما", "عما", "مما") or _COMP_WORD_RE.match(w)
        for w in words[1:])


AMMA_RE = re.compile(rf"^\s*و?اما{NOT_W_AFTER}\s*")


def amma_subject(par: Paragraph, ss: int, m: re.Match) -> Span | None:
    """"أما الباحث في الشأن السياسي ثوباني زيكالالا فرأى أن ..."، "أما مدير المشروع، فرانك مرداك، فأبرز":
    the topic after "أما" is the subject of the verb that "ف" opens."""
    if not m.group("pre").startswith("ف"):
        return None
    am = AMMA_RE.match(par.text, ss, m.start())
    if am is None or not 0 < nwords(par.text, am.end(), m.start()) <= 14:
        return None
    return am.end(), m.start()


def subject_before(par: Paragraph, ss: int, m: re.Match, *, strict: bool) -> Span | None:
    """A subject before the verb: "وكانت الوزارة قد أعلنت"، "لكن تركيا تقول إنه"، "إلا أن تقارير، أكدت"."""
    P = par.text
    pre = m.group("pre")
    before = P[ss:m.start()]
    if pre.startswith(("و", "ف")):
        return None
    cuts = [0] + [bm.end() for bm in CLAUSE_CUT_RE.finditer(before)]
    cut = cuts[-1]
    if not before[cut:].strip() and len(cuts) > 1 and before[cut - 1] in "،,":
        cut = cuts[-2]  # the subject ends with a comma: "إلا أن تقارير أخرى، أكدت"
    kan = kan_subject(par, ss, m, cut if not pre else 0)
    if kan is not None or pre:
        return kan
    whole = tokens(P, ss, m.start())
    if whole and len(whole) <= 12 and (is_subject_head(whole[0][0]) or name_then_role(par, ss, m.start())):
        return whole[0][1], m.start()  # "وزير الخارجية، مايك بومبيو، قال إن"، "ديف لويس، الرئيس التنفيذي، أوضح"
    words = tokens(P, ss + cut, m.start())
    if not words or len(words) > 8:
        return None
    if is_subject_head(words[0][0]):
        return words[0][1], m.start()
    short_name = len(words) <= 3 and not any(
        w.startswith("ال") or w[0].isdigit() or w in par.forms or w[1:] in par.forms or w in CONNECTORS
        or w in FUNCTION_WORDS or MASDAR_RE.match(w) for w, _, _ in words)  # "إطلاق وصف": a verbal noun
    if short_name and (cut > 0 or not WORD_RE.search(P, ss, words[0][1])):
        return words[0][1], m.start()  # "لكن ترامب قال إن": a short name
    return None


def name_then_role(par: Paragraph, ss: int, pos: int) -> bool:
    """"ديف لويس، الرئيس التنفيذي للشركة، أوضح ...": a short name, then its role between commas, open the sentence."""
    parts = [p for p in re.split(r"[،,]", par.text[ss:pos]) if p.strip()]
    if len(parts) != 2:
        return False
    name = tokens(parts[0], 0, len(parts[0]))
    role = WORD_RE.findall(parts[1])
    return 0 < len(name) <= 4 and looks_like_name(par, name) and bool(role) and is_subject_head(role[0])


def relative_before(par: Paragraph, ss: int, m: re.Match) -> int | None:
    """Start of the relative pronoun right before a bare verb ("التي تقول"), if any."""
    P = par.text
    if m.group("pre"):
        return None
    rm = REL_BEFORE_RE.search(P, max(ss, m.start() - 12), m.start())
    return rm.start() if rm is not None else None


def relative_antecedent(par: Paragraph, ss: int, rel: int) -> Span | None:
    """The noun phrase a relative pronoun refers to, when it names a speaker ("السلطات السعودية التي")."""
    P = par.text
    a, b = trim(P, ss, rel, " \t\n،,")
    cut = max(P.rfind(c, a, b) for c in "،,:؛;(")
    toks = tokens(P, max(a, cut + 1), b)
    start = None
    for w, s0, _ in reversed(toks[-7:]):
        if w in FUNCTION_WORDS or w in par.forms or w[1:] in par.forms:
            break  # the noun phrase starts after a verb or a particle
        if is_subject_head(w) or agency_at(par, s0):
            start = s0  # the farthest head word of the phrase: "وكالة الأنباء السعودية "واس""
    if start is not None:
        return start, b
    if 0 < len(toks) <= 4 and looks_like_name(par, toks):
        return toks[0][1], b
    return None


def kan_subject(par: Paragraph, ss: int, m: re.Match, cut: int) -> Span | None:
    """The subject between "كان" and the verb: "وكانت الوزارة (قد) أعلنت أن"."""
    P = par.text
    kan = None
    for found in KAN_RE.finditer(P, ss + cut, m.start()):
        kan = found  # the last one before the verb
    if kan is None or not 0 < nwords(P, kan.end(), m.start()) <= 14:
        return None
    between = P[kan.end():m.start()]
    if "قد" not in m.group("pre") and (any(c in between for c in PUNCT) or any(
            w in FUNCTION_WORDS for w in WORD_RE.findall(between))):
        return None  # without "قد" the subject is a plain noun phrase: "وكانت المعارضة دعت"
    return kan.end(), m.start()

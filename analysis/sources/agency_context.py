"""Where an agency or outlet name is a credit: the context rules of :mod:`analysis.sources.agencies`.

A name is credited when it stands in a dateline or byline (:func:`dateline`), or, for a
spelling that is also an ordinary word ("الأناضول" Anatolia, "قنا" a city, "الحياة" life), when a
cue says it is the agency (:func:`agency_context`).  The rules work on normalised text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis import lexicons
from analysis.text.normalize import norm

# --- context cues for ambiguous spellings ------------------------------------------------------------

# Words that announce an agency or outlet a few words ahead: "وكالة الأنباء التركية "الأناضول"".
_STRONG_CUES = frozenset(norm(w) for w in (
    "وكالة وكالتا وكالتي وكالات الوكالة الوكالتان أنباء الأنباء مراسل مراسلة مراسلو مراسلي قناة القناة قناتا "
    "صحيفة الصحيفة صحيفتا صحف جريدة الجريدة موقع الموقع شبكة الشبكة تلفزيون التلفزيون إذاعة الإذاعة محطة "
    "مجلة المجلة فضائية الفضائية").split())
# An attribution word right before the name: "بحسب الأناضول", "نقلته الأناضول", "تقرير الجزيرة".
_PREV_CUE_RE = re.compile(norm(
    r"^(?:[وف])?(?:ب?حسب(?:ما)?|وفق(?:ا|ما)?|طبقا|نقلا|عن|لدى|تقرير|تقارير|حديث|تصريح|تصريحات|مقابلة|بيان|شاشة|"
    r"موقع|(?:ذكر|قال|أفاد|أورد|نقل|نشر|بث|أضاف|كشف|أكد|أوضح|أعلن|أشار|تابع|أبلغ|علم)ت(?:ه|ها|هم)?|"
    r"(?:تعلن|تقول|تذكر|تنقل|تفيد|تورد|تنشر))$"))
# Agencies and outlets are grammatically feminine (وكالة، قناة، صحيفة): only a feminine verb
# ("قالت الأناضول", "نقلته الأناضول") is a cue, so "قال العالم" (the scholar said) is not Al-Alam.
# Agency words right after the name: "الأناضول للأنباء", "الأناضول الرسمية".
_NEXT_CUES = frozenset(norm(w) for w in "للأنباء الرسمية الحكومية الإخبارية الإخباري الفضائية التلفزيونية نت".split())
# A time word right after rules it out: "صباح الجمعة" is a morning, not the Turkish daily.
_TIME_NEXT = frozenset(norm(w) for w in (
    "يوم اليوم أمس غد الغد الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت باكر الباكر").split())
# A place word right before rules the agency out: "هضبة الأناضول", "سكان الأناضول", "في الأناضول".
_PLACE_CUES = frozenset(norm(w) for w in (
    "هضبة منطقة مناطق إقليم أقاليم وسط شرق غرب شمال جنوب شرقي غربي شمالي جنوبي ولاية ولايات مدن مدينة قرى "
    "سكان أهالي فلاحي فقراء فلاحو أرياف ريف قلب أنحاء عمق سهول سهل جبال بلاد في إلى من داخل عبر نحو بر "
    "شبه جزر جزيرة أرض أراضي").split())
_COMPLEMENTIZERS = frozenset(("ان", "انه", "انها", "بان", "لان"))
_CLAUSE_BREAK = "،,.:;؛!?؟\n"
QUOTES = "\"'«»“”„‟‘’"
_DATELINE_SEPARATORS = "/-–—:|"
_DATE_MARKS = frozenset(("م", "ه"))  # "2019 م", "1440 هـ" (tatweel dropped)
_WORD_RE = re.compile(r"[^\s" + re.escape(_CLAUSE_BREAK + QUOTES + "()[]") + r"]+")


def dateline(text: str, start: int, end: int, byline: bool) -> bool:
    """A credit line: "غزة / الأناضول", "(أ ف ب)", "المصدر: الأناضول", or a line that is only the name."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start].rstrip()
    after = text[end:line_end].strip()
    if before.endswith("(") and after.startswith(")"):
        return True
    if not before.strip(QUOTES + " ") and not after.strip(QUOTES + " .-–—/|،,"):
        return True  # the whole line (or byline) is the name
    if before and before[-1] in _DATELINE_SEPARATORS:
        head = before[:-1]
        words = _WORD_RE.findall(head)
        # "غزة / الأناضول", "كتب: الأناضول", "أنقرة - الأناضول": a short place or label before
        if len(words) <= 3 and not any(c in head for c in "،,.؟?!"):
            return True
    if byline and not after.strip(QUOTES + " .،,"):
        return True
    return dated_head(before, after) or closing_credit(text, line_start, start, end)


def dated_head(before: str, after: str) -> bool:
    """A dateline closed by the agency: "رام الله 5-6-2019 وفا-", "الرياض 12 مارس 2019 م واس",
    "[08/ديسمبر/2009] واشنطن ـ سبأنت:": a short head with a date (or a place alone) before the
    name, a separator after it.

    >>> dated_head("رام الله 5-6-2019", "- ..."), dated_head("الرياض 12 مارس 2019 م", "")
    (True, True)
    >>> dated_head("واشنطن", ": طالب"), dated_head("", "- الدوحة")
    (True, True)
    >>> dated_head("وقالت مصادر في", "- ...")
    False
    """
    words = _WORD_RE.findall(before)
    if not words:  # the name opens the line: "قنا - الدوحة", "وام/ أبوظبي"
        sep = after.lstrip(QUOTES + " ")[:1]
        return sep != "" and sep in "-–—/:" and not before.strip(QUOTES + " ")
    if len(words) > 8 or any(c in before for c in "،,.؟?!"):
        return False
    closed = not after.strip(QUOTES + " ") or after.lstrip(QUOTES + " ")[:1] in "-–—:"
    dated = any(c.isdigit() for c in before) or words[-1] in _DATE_MARKS
    sep = after.lstrip(QUOTES + " ")[:1]
    return closed and (dated or (len(words) <= 2 and sep != "" and sep in ":-–—"))


def closing_credit(text: str, line_start: int, start: int, end: int) -> bool:
    """The name alone after the last sentence of the article: "... لمجابهة التحديات القائمة". سبأ".

    >>> t = "وقال إن الوضع مستقر. سبأ"
    >>> closing_credit(t, 0, t.index("سبأ"), len(t)), closing_credit("ذهب إلى سبأ", 0, 8, 11)
    (True, False)
    """
    if text[end:].strip(QUOTES + " .-–—()\n"):
        return False
    head = text[line_start:start].rstrip(QUOTES[:0] + " (")
    return not head or head[-1] in ".!?؟" + QUOTES


def affiliation(text: str, start: int) -> bool:
    """An employer, not a source: "<job> في/من <agency>" ("الصحافي المصور في وكالة الأناضول التركية",
    "المصور الصحافي، عبد الله درويش، من قناة الأقصى"): a job noun up to five words before.

    >>> t = "والصحافي المصور في وكالة الأناضول التركية"
    >>> affiliation(t, t.index("وكالة")), affiliation("كما ورد في وكالة الأناضول", 14)
    (True, False)
    """
    words = _WORD_RE.findall(text[max(0, start - 60):start])
    if len(words) < 2 or words[-1] not in ("في", "من"):
        return False
    return any(w in _affiliation_heads() or w[1:] in _affiliation_heads() for w in words[-6:-1])


@lru_cache(maxsize=1)
def _affiliation_heads() -> frozenset[str]:
    return lexicons.words("affiliation_heads")


# An outlet named after its kind but absent from the table: "لصحيفة لا ستامبا الإيطالية",
# "وفقا لموقع CNET", "صحيفة “إلكتريك”".  Quoted or Latin names after any of these nouns; an
# unquoted Arabic name only after a newspaper noun glued to "ل"/"ب" or after a reporting verb.
_OUTLET_NOUNS = "صحيفة|جريدة|مجلة|موقع|قناة|شبكة|اذاعة|تلفزيون|صحيفتي|موقعي"  # not وكالة: "وكالة ناسا"
_UNKNOWN_RE = re.compile(
    r"(?<![^\W_])(?P<pre>[وف]?[لب]?)(?P<noun>" + _OUTLET_NOUNS + r")\s+(?:"
    r"[\"«“‘'](?P<quoted>[^\"«»“”‘’'\n]{2,40})[\"»”’']"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9.&-]*(?:\s+[A-Za-z0-9][A-Za-z0-9.&-]*){0,3})"
    r"|(?P<arabic>[^\W\d_A-Za-z]+(?:\s+[^\W\d_A-Za-z]+)?))")
_STOP_AFTER = frozenset(norm(w) for w in (
    "ان أن إن عن في من على إلى الى التي الذي قوله نقلا أمس اليوم يوم حيث وقد وكان كما قد".split()))


def unknown_outlets(text: str) -> list[tuple[int, int]]:
    """Spans of outlet names in normalised ``text`` that follow an outlet noun (to be checked against the table).

    >>> t = norm("وقالت رايس في حديث لصحيفة لا ستامبا الايطالية ان الرئيس ... وفقا لموقع CNET.")
    >>> [t[a:b] for a, b in unknown_outlets(t)]
    ['لا ستامبا', 'cnet']
    >>> unknown_outlets(norm("نشرت صحيفة محلية تقريرا")), unknown_outlets(norm("في موقع الحادث"))
    ([], [])
    >>> unknown_outlets(norm("وكتب على موقع تويتر"))
    []
    """
    out = []
    platforms = lexicons.words("not_outlets")
    for m in _UNKNOWN_RE.finditer(text):
        first = (m.group("quoted") or m.group("latin") or m.group("arabic") or "").split()
        if first and first[0].strip(".") in platforms:
            continue
        if m.group("quoted") or m.group("latin"):
            g = "quoted" if m.group("quoted") else "latin"
            a, b = m.span(g)
            name = text[a:b].rstrip(" .-")
            if name.strip():
                out.append((a, a + len(name)))
            continue
        if m.group("noun") not in ("صحيفة", "جريدة", "مجلة"):
            continue
        words = _WORD_RE.findall(text[max(0, m.start() - 40):m.start()])
        if not m.group("pre").endswith(("ل", "ب")) and not (words and _PREV_CUE_RE.match(words[-1])):
            continue
        a = m.start("arabic")
        names = text[a:m.end("arabic")].split()
        if names[0].startswith("ال") or names[0].endswith(("ية", "ي", "ة")) or names[0] in _STOP_AFTER:
            continue
        if len(names) > 1 and (names[1] in _STOP_AFTER or names[1].startswith("ال") or names[1].endswith("ية")):
            names = names[:1]
        out.append((a, text.index(names[-1], a) + len(names[-1])))
    return out


# "عن"/"لدى" before a name are a cue only after a relay word: "نقلا عن الأناضول", "نقلت عن الجزيرة",
# not "إقصائه عن الحياة السياسية".
_RELAY_ONLY = frozenset(("عن", "وعن", "لدي"))


def _relayed(words: list[str]) -> bool:
    """Is the "عن" before the name a relay ("نقلا عن", "نقلت ... عن")?

    >>> _relayed(["ونقلت", "عن"]), _relayed(["*نقلا", "عن"]), _relayed(["اقصائه", "عن"])
    (True, True, False)
    """
    return any(re.sub(r"^[\W_]+", "", w).lstrip("وف").startswith(("نقل", "روا", "ينقل", "تنقل"))
               for w in words[-4:-1])


def agency_context(text: str, m: re.Match, cs: int, ce: int) -> bool:
    """Is the ambiguous name at ``text[cs:ce]`` the agency or outlet?"""
    pre = m.group("pre")
    before = text[max(0, m.start() - 120):m.start()]
    # stop at the clause boundary: cues across a comma or a full stop do not count
    cut = max(before.rfind(c) for c in _CLAUSE_BREAK)
    clause = before[cut + 1:]
    words = _WORD_RE.findall(clause)
    prev = words[-1] if words else ""
    after = _WORD_RE.match(text, ce + 1) if ce < len(text) and text[ce] == " " else None
    if prev in _PLACE_CUES or (after and after.group() in _TIME_NEXT):
        return False
    opened = (m.start() > 0 and text[m.start() - 1] in QUOTES + "(") or any(c in QUOTES for c in pre)
    closed = ce < len(text) and text[ce] in QUOTES + ")"
    if opened and closed:
        return True
    if prev and _PREV_CUE_RE.match(prev) and (prev not in _RELAY_ONLY or _relayed(words)):
        return True
    near = words[-4:]
    for j, w in enumerate(near):
        # "وكتب على موقع تويتر أن الحياة صعبة": a clause opened after the cue ends it
        if (w in _STRONG_CUES or w[1:] in _STRONG_CUES or w[2:] in _STRONG_CUES) \
                and not _COMPLEMENTIZERS.intersection(near[j + 1:]):
            return True
    return bool(after and after.group() in _NEXT_CUES)



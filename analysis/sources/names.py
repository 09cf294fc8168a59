"""Names of people as keys: titles dropped, spelling variants joined, a surname matched to a full name.

The pieces :mod:`analysis.sources.identity` groups speakers with ("الرئيس التركي رجب طيب أردوغان"
-> ``('رجب', 'طيب', 'اردوغان')``; "أردوغان" is that person, "سلمان" is not "محمد بن سلمان").
Their data: ``person_titles.tsv``, ``role_heads.tsv``, ``name_connectors.tsv``, ``name_spellings.tsv``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from analysis import lexicons
from analysis.text.normalize import normalize

__all__ = ["name_key", "same_person", "vowel_variants"]

_NAME_ENDS = frozenset(("من", "في", "لدى", "عن", "الذي", "التي"))  # "عاصم الحمادي من قبيلة بني خالد"
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "اوي"


def _key(text: str) -> str:
    return normalize(text, teh_marbuta=True)


_cached_key = lru_cache(maxsize=65536)(_key)


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    titles = lexicons.words("person_titles") | {_key(w) for w in lexicons.words("role_heads")}
    titles |= {"ال" + w for w in titles if not w.startswith("ال")}
    connectors = lexicons.words("name_connectors")
    spellings = dict(lexicons.load("name_spellings").rows)
    generic = {_key(w) for w in lexicons.words("generic_media")}
    return frozenset(titles), connectors, spellings, frozenset(generic)


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def name_key(text: str) -> tuple[tuple[str, ...], int]:
    """A person's name as normalised words, titles and the nationality after them dropped.

    Returns the words and how many written words were dropped from the front.  The article
    "ال" is dropped from each word ("السيد شرفي" = "الشرفي"), "عبدالعاطي" is "عبد العاطي", and a
    title or a preposition after the name ends it ("خليل الزياني نائب رئيس الاتفاق").

    >>> name_key("الرئيس التركي رجب طيب أردوغان")
    (('رجب', 'طيب', 'اردوغان'), 2)
    >>> name_key("السيد عبد الإله ابن كيران")
    (('عبد', 'اله', 'ابن', 'كيران'), 1)
    >>> name_key("خليل الزياني نائب رئيس الاتفاق")[0], name_key("الدكتور عبدالعاطي")[0]
    (('خليل', 'زياني'), ('عبد', 'عاطي'))
    """
    key, start, _ = _name_span(text)
    return key, start


@lru_cache(maxsize=65536)
def _name_span(text: str) -> tuple[tuple[str, ...], int, int]:
    """The name's words and the span of written words it covers (see :func:`name_key`)."""
    titles, _, spellings, _ = _data()
    raw = str(text).split()
    keys = [_cached_key(w.strip("\"'«»“”()")) for w in raw]
    start = 0
    while start < len(keys) - 1:
        w = keys[start]
        after_title = start > 0 and keys[start - 1] in titles
        if w in titles or (after_title and w.startswith("ال") and w.endswith("ي")):
            start += 1
        else:
            break
    stop = start + 1
    while stop < len(keys) and keys[stop] not in titles and keys[stop] not in _NAME_ENDS \
            and not raw[stop - 1].endswith(("،", ",")):
        stop += 1
    words: list[str] = []
    for k in keys[start:stop]:
        for t in _WORD.findall(k):
            if t.startswith("عبد") and len(t) > 5:
                words += ["عبد", t[3:]]
            else:
                words.append(t)
    return tuple(_bare(spellings.get(t, t)) for t in words), start, stop


def same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Is the shorter name ``short`` a way of writing the longer ``full``? (never two full names)

    >>> same_person(("اردوغان",), ("رجب", "طيب", "اردوغان"))
    True
    >>> same_person(("سلمان",), ("محمد", "بن", "سلمان"))
    False
    >>> same_person(("ابن", "كيران"), ("عبد", "الاله", "ابن", "كيران"))
    True
    >>> same_person(("محمد", "سلمان"), ("محمد", "علي", "سلمان")), same_person(("جو", "بايدن"), ("هانتر", "بايدن"))
    (True, False)
    """
    n, m = len(short), len(full)
    if not n or n >= m:
        return False
    connectors = _data()[1]
    if full[m - n:] == short:
        return n >= 2 or full[m - n - 1] not in connectors
    if n >= 2 and short[0] == full[0] and short[-1] == full[-1]:
        it = iter(full)
        return all(w in it for w in short)
    return False


def vowel_variants(words) -> dict[str, str]:
    """Spellings of one long word that differ by one long vowel inside, mapped to the commonest.

    >>> vowel_variants(["نتانياهو", "نتانياهو", "نتنياهو", "حامد", "حمد"])
    {'نتنياهو': 'نتانياهو'}
    """
    counts = Counter(words)
    parent: dict[str, str] = {}

    def root(w: str) -> str:
        while w in parent:
            w = parent[w]
        return w

    for w in counts:
        if len(w) < 7:
            continue
        for i in range(1, len(w) - 1):
            if w[i] in _VOWELS and (d := w[:i] + w[i + 1:]) in counts:
                a, b = root(w), root(d)
                if a != b:
                    keep, drop = sorted((a, b), key=lambda x: (-counts[x], x))
                    parent[drop] = keep
    return {w: root(w) for w in parent}


def _loose(key: tuple[str, ...]) -> tuple[str, ...]:
    """Long words (7 letters or more) without their inner long vowels: "ايفانغيليستا" = "ايفانغليستا".

    >>> _loose(("ريكاردو", "ايفانغيليستا")) == _loose(("ريكاردو", "ايفانغليستا"))
    True
    """
    return tuple(w[0] + "".join(c for c in w[1:-1] if c not in _VOWELS) + w[-1] if len(w) >= 7 else w for w in key)

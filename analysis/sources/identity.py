"""Who a speaker is: one canonical name per person in an article, one ``speaker_id`` per person in a corpus.

Arabic news names a person once in full and then by surname or title: "قال وزير الطاقة
التركي تانر يلدز ... وأضاف يلدز ... وأوضح الوزير التركي".  Two columns of the
attributions frame say who is meant (the written form stays in ``speaker``):

* ``canonical``: the fullest name the *article* gives for that person, titles dropped
  ("تانر يلدز" for "يلدز"); a bare title ("الوزير التركي", "الرئيس") joins a person only when
  the article itself writes that title with the person's name once ("وزير الطاقة التركي تانر
  يلدز", or the person's ``role``); an agency or outlet is its name in the agency table
  ("وكالة أنباء الأناضول" -> "وكالة الأناضول"); any other speaker keeps its written form;
* ``speaker_id``: one key per person, agency or other speaker across the *corpus*:
  ``person:<name>`` (name tokens normalised, spelling variants joined, a surname joined to the
  one full name of the corpus that ends with it), ``agency:<key>`` / ``outlet:<key>``, else
  ``<speaker_type>:<words>`` ("institution:البيان": a document or a police force is never a person).

The rules, all data but two small functions:

* titles and honorifics (``person_titles.tsv``, ``role_heads.tsv``) are dropped from the front
  of a name, with the nationality after them ("الرئيس التركي رجب طيب أردوغان" -> "رجب طيب أردوغان");
* a shorter name is the same person as a longer one when it is its end ("أردوغان", "طيب
  أردوغان" of "رجب طيب أردوغان"), unless a connector stands just before that end ("سلمان" is not
  "محمد بن سلمان": ``name_connectors.tsv``), or when both share first and last word and one
  skips middle words ("رجب أردوغان") (:func:`same_person`); in an article it joins only when
  exactly one full name of the article owns it; in the corpus, when one full name owns it or is
  quoted three times as often as all the others that end with it together ("ترامب": "دونالد
  ترامب", not "ميلانيا ترامب"); two full names are never joined;
* spelling variants come from ``name_spellings.tsv`` ("ترمب" -> "ترامب"); besides, two words
  of 7 letters or more that differ by one long vowel inside ("نتنياهو", "نتانياهو") are one
  spelling (:func:`vowel_variants`; shorter Arabic names differ so: "حامد"/"حمد").

On the Dask engine the corpus step runs per partition (a surname is joined to a full name of
its own partition).

>>> import pandas as pd
>>> text = ("قال الرئيس التركي رجب طيب أردوغان إن ... وأضاف أردوغان أن ... وأكد الرئيس التركي أن ..."
...         " وقال ترمب إن ...")
>>> rows = pd.DataFrame({"article_id": ["a"] * 4, "speaker": ["رجب طيب أردوغان", "أردوغان", "الرئيس التركي", "ترمب"],
...     "speaker_type": ["named", "named", "role", "named"], "role": ["الرئيس التركي", None, None, None],
...     "agency": [None] * 4, "start": [0, 40, 60, 90]})
>>> other = pd.DataFrame({"article_id": ["b"], "speaker": ["دونالد ترامب"], "speaker_type": ["named"],
...     "role": [None], "agency": [None], "start": [0]})
>>> out = with_identity(pd.concat([rows, other], ignore_index=True), {"a": text})
>>> out["canonical"].tolist()
['رجب طيب أردوغان', 'رجب طيب أردوغان', 'رجب طيب أردوغان', 'ترمب', 'دونالد ترامب']
>>> out["speaker_id"].tolist()[2:]
['person:رجب طيب اردوغان', 'person:دونالد ترامب', 'person:دونالد ترامب']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd

from analysis import lexicons
from analysis.sources.agencies import AgencyTable, agency_table
from analysis.text.normalize import NormText, normalize

__all__ = ["PERSON_TYPES", "display_names", "name_key", "same_person", "vowel_variants", "with_identity"]

PERSON_TYPES = ("named", "role")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "اوي"


def _key(text: str) -> str:
    return normalize(text, teh_marbuta=True)


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

    Returns the words and how many written words were dropped from the front.

    >>> name_key("الرئيس التركي رجب طيب أردوغان")
    (('رجب', 'طيب', 'اردوغان'), 2)
    >>> name_key("السيد عبد الإله ابن كيران")
    (('عبد', 'الاله', 'ابن', 'كيران'), 1)
    """
    titles, _, spellings, _ = _data()
    words = [w.strip("\"'«»“”()") for w in str(text).split()]
    keys = [_key(w) for w in words]
    dropped = 0
    while dropped < len(keys) - 1:
        w = keys[dropped]
        after_title = dropped > 0 and keys[dropped - 1] in titles
        if w in titles or (after_title and w.startswith("ال") and w.endswith("ي")):
            dropped += 1
        else:
            break
    out = tuple(spellings.get(t, t) for k in keys[dropped:] for t in _WORD.findall(k))
    return out, dropped


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


# --- one article ---------------------------------------------------------------------------------

def _written_name(speaker: str, dropped: int) -> str:
    return " ".join(str(speaker).split()[dropped:])


def _title_words(text: str) -> set[str]:
    return {_bare(w) for w in _WORD.findall(_key(text))}


def _article(rows: list[dict], text: str | None, table: AgencyTable) -> list[tuple[str | None, tuple, str]]:
    """(canonical, person key or (), kind) for each row of one article."""
    people: list[tuple[tuple[str, ...], str]] = []  # (key, written) of named speakers, in order
    roles: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in rows:
        if r["speaker_type"] == "named" and isinstance(r["speaker"], str):
            key, dropped = name_key(r["speaker"])
            if key and key not in (k for k, _ in people):
                people.append((key, _written_name(r["speaker"], dropped)))
            if key and dropped:
                roles[key] |= _title_words(" ".join(str(r["speaker"]).split()[:dropped]))
            if key and isinstance(r.get("role"), str):
                roles[key] |= _title_words(r["role"])
    full = [p for p in people if not any(same_person(p[0], q[0]) for q in people)]

    def fullest(key: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
        owners = [p for p in full if p[0] == key or same_person(key, p[0])]
        return owners[0] if len(owners) == 1 else None

    if text:
        words = [_bare(w) for w in _WORD.findall(_key(text))]
        for key, _ in full:
            first = _bare(key[0])
            for i, w in enumerate(words):  # "الرئيس التركي رجب طيب أردوغان": the words before the name
                if w == first and tuple(_bare(x) for x in words[i:i + len(key)]) == tuple(map(_bare, key)):
                    roles[key] |= set(words[max(0, i - 6):i])
    out = []
    for r in rows:
        speaker, stype = r["speaker"], r["speaker_type"]
        if not isinstance(speaker, str) or not speaker.strip():
            out.append((None, (), ""))
            continue
        agency = _agency_key(speaker, r.get("agency"), stype, table)
        if agency:
            out.append((table.name_ar.get(agency, agency), (), f"{table.kind.get(agency, 'agency')}:{agency}"))
            continue
        if stype == "named":
            key, dropped = name_key(speaker)
            owner = fullest(key) if key else None
            if owner:
                out.append((owner[1], owner[0], "person"))
            else:
                out.append((_written_name(speaker, dropped), key, "person"))
            continue
        if stype == "role":
            wanted = _title_words(speaker)
            owners = [p for p in full if wanted and wanted <= {_bare(w) for w in roles.get(p[0], ())}]
            if len(owners) == 1:
                out.append((owners[0][1], owners[0][0], "person"))
                continue
        out.append((speaker.strip(), (), str(stype)))
    return out


def _agency_key(speaker: str, agency, stype, table: AgencyTable) -> str | None:
    if stype not in ("agency", "outlet"):
        return None
    found = table.find(NormText.of(speaker), context=False)
    if found:
        return found[0].key
    if isinstance(agency, str) and agency and _key(speaker.split()[-1]) in _data()[3]:
        return agency  # "الوكالة": the agency the statement came through
    return None


# --- the corpus --------------------------------------------------------------------------------------

def with_identity(frame: pd.DataFrame, texts: dict | None = None, *, agencies=None) -> pd.DataFrame:
    """The attributions frame with ``canonical`` and ``speaker_id`` columns (see the module doc).

    ``texts``: article id -> article text, to read the titles written with a name ("الرئيس
    التركي رجب طيب أردوغان"); without it only the rows' ``role`` links a title to a person.
    """
    table = agency_table(agencies)
    out = frame.copy()
    n = len(out)
    canonical: list = [None] * n
    keys: list[tuple] = [()] * n
    kinds: list[str] = [""] * n
    cols = {c: out[c].tolist() if c in out else [None] * n
            for c in ("article_id", "speaker", "speaker_type", "role", "agency")}
    by_article: dict = defaultdict(list)
    for i, aid in enumerate(cols["article_id"]):
        by_article[aid].append(i)
    texts = texts or {}
    for aid, idx in by_article.items():
        rows = [{c: (None if _missing(cols[c][i]) else cols[c][i]) for c in cols} for i in idx]
        for i, (name, key, kind) in zip(idx, _article(rows, texts.get(aid), table), strict=True):
            canonical[i], keys[i], kinds[i] = name, key, kind
    ids = _corpus_ids(keys, kinds, cols["speaker_type"], canonical)
    out["canonical"] = pd.Series(canonical, index=out.index, dtype="object")
    out["speaker_id"] = pd.Series(ids, index=out.index, dtype="object")
    return out


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _corpus_ids(keys: list[tuple], kinds: list[str], types: list, canonical: list) -> list[str | None]:
    variants = vowel_variants(w for k in keys for w in k)
    std = [tuple(variants.get(w, w) for w in k) for k in keys]
    distinct = sorted({k for k, kind in zip(std, kinds, strict=True) if kind == "person" and k},
                      key=lambda k: (-len(k), k))
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    root: dict[tuple[str, ...], tuple[str, ...]] = {}
    rows = Counter(k for k, kind in zip(std, kinds, strict=True) if kind == "person" and k)
    for k in distinct:  # longest first: a name's owners are already rooted
        owners = Counter()
        for f in by_last[k[-1]]:
            if same_person(k, f):
                owners[root[f]] += rows[f]
        root[k] = _owner(owners) or k
        by_last[k[-1]].append(k)
    ids: list[str | None] = []
    for k, kind, name in zip(std, kinds, canonical, strict=True):
        if name is None:
            ids.append(None)
        elif kind == "person" and k:
            ids.append("person:" + " ".join(root[k]))
        elif kind == "person":
            ids.append("person:" + _key(name))
        else:
            ids.append(f"{kind}:{' '.join(_WORD.findall(_key(name)))}" if ":" not in kind else kind)
    return ids


def _owner(owners: Counter) -> tuple[str, ...] | None:
    """The one full name a shorter name joins: the only one, or one quoted 3 times as often as the rest.

    >>> _owner(Counter({("دونالد", "ترامب"): 726, ("ميلانيا", "ترامب"): 12}))
    ('دونالد', 'ترامب')
    >>> _owner(Counter({("جو", "بايدن"): 20, ("هانتر", "بايدن"): 9})) is None
    True
    """
    if len(owners) <= 1:
        return next(iter(owners), None)
    (first, n1), (_, n2) = owners.most_common(2)
    rest = sum(owners.values()) - n1
    return first if n1 >= 3 * rest else None


def display_names(frame: pd.DataFrame) -> pd.Series:
    """One name per ``speaker_id``: its commonest fullest ``canonical`` form (index: the ids).

    >>> f = pd.DataFrame({"speaker_id": ["person:دونالد ترامب"] * 3,
    ...                   "canonical": ["ترامب", "دونالد ترامب", "دونالد ترمب"]})
    >>> display_names(f).tolist()
    ['دونالد ترامب']
    """
    known = frame.dropna(subset=["speaker_id", "canonical"])
    if known.empty:
        return pd.Series(dtype="object")
    tally = known.groupby(["speaker_id", "canonical"], sort=False).size().reset_index(name="n")
    tally["words"] = tally["canonical"].astype(str).str.split().str.len()
    tally["exact"] = [i.split(":", 1)[-1] == " ".join(_WORD.findall(_key(c)))
                      for i, c in zip(tally["speaker_id"], tally["canonical"], strict=True)]
    tally = tally.sort_values(["exact", "n", "words"], ascending=False, kind="stable")
    return tally.drop_duplicates("speaker_id").set_index("speaker_id")["canonical"]

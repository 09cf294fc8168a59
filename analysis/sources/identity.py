"""Who a speaker is: one canonical name per person in an article, one ``speaker_id`` per person in a corpus.

Arabic news names a person once in full and then by surname or title: "قال وزير الطاقة
التركي تانر يلدز ... وأضاف يلدز ... وأوضح الوزير التركي".  Two columns of the
attributions frame say who is meant (the written form stays in ``speaker``):

* ``canonical``: the fullest name the *article* gives for that person, titles dropped
  ("تانر يلدز" for "يلدز"); a bare title ("الوزير التركي", "الرئيس") joins a person only when
  the article itself writes that title with the person's name once ("وزير الطاقة التركي تانر
  يلدز", or the person's ``role``); an agency or outlet is its name in the agency table
  ("وكالة أنباء الأناضول" -> "وكالة الأناضول"); any other speaker keeps its written form;
* ``speaker_id``: one key per person, agency or other speaker: ``person:<name>`` (the article's
  fullest name, words normalised, titles dropped, spelling variants joined: "ترمب" and "ترامب"
  are one), ``agency:<key>`` / ``outlet:<key>`` (the agency table's key), else
  ``<speaker_type>:<words>`` ("document:البيان": a document or a police force is never a person).
  Both columns are read article by article, so a frame split in parts (the Dask engine) gives
  the same rows; :func:`corpus_ids` joins across the whole frame what only the corpus can tell:
  "ترامب" in an article that never writes the first name is "دونالد ترامب" (the speaker table
  and the sources chart use it).

The rules, data and small named functions:

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
['person:رجب طيب اردوغان', 'person:ترامب', 'person:دونالد ترامب']
>>> corpus_ids(out).tolist()[2:]
['person:رجب طيب اردوغان', 'person:دونالد ترامب', 'person:دونالد ترامب']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd

from analysis import lexicons
from analysis.sources.agencies import AgencyTable, agency_table
from analysis.sources.names import (
    _WORD,
    _bare,
    _cached_key,
    _data,
    _key,
    _loose,
    _name_span,
    name_key,
    same_person,
    vowel_variants,
)
from analysis.text.normalize import NormText

__all__ = ["PERSON_TYPES", "corpus_ids", "display_names", "name_key", "same_person", "vowel_variants",
           "with_identity"]

PERSON_TYPES = ("named", "role")


# --- one article ---------------------------------------------------------------------------------

def _written_name(speaker: str, dropped: int | None = None) -> str:
    _, start, stop = _name_span(speaker)
    return " ".join(str(speaker).split()[start:stop]).strip("،, ")


def _title_before(before: str) -> set[str]:
    """The title written just before a name, in its clause: "الرئيس التركي" of "وأكد الرئيس التركي رجب ...".

    Nothing when the word before the name is no title word ("وقال ترمب": a verb).

    >>> sorted(_title_before(_key("وأكد وزير الطاقة التركي"))), _title_before(_key("الرئيس التركي أن ... وقال"))
    (['تركي', 'طاقه', 'واكد', 'وزير'], set())
    >>> sorted(_title_before(_key("وقال المتحدث باسم رئيسة الوزراء")))
    ['رئيسه', 'وزراء']
    """
    clause = re.split(r"[.،,:;؛!?؟\n]", before)[-1]
    words = _WORD.findall(clause)[-6:]
    if "باسم" in words:  # "المتحدث باسم رئيسة الوزراء تيريزا ماي": the spokesman's title, not hers
        words = words[len(words) - words[::-1].index("باسم"):]
    if not words:
        return set()
    last = words[-1]
    titles = _data()[0]
    if not (last in titles or last.startswith("ال") or last.startswith("لل")):
        return set()
    return {_bare(w) for w in words}


def _same_title(wanted: set[str], written: set[str]) -> bool:
    """Does a bare title (its words) name the person whose title the article wrote (``written``)?

    >>> _same_title({"رئيس", "تركي"}, {"رئيس", "تركي", "قال"})
    True
    >>> _same_title({"رئيس", "تركي"}, {"نائب", "رئيس", "وزراء", "تركي"})
    False
    """
    if not wanted or not wanted <= written:
        return False
    return not (written - wanted) & _other_office()


@lru_cache(maxsize=1)
def _other_office() -> frozenset[str]:
    return frozenset(_bare(w) for w in lexicons.words("other_office_words"))


def _title_words(text: str) -> set[str]:
    return {_bare(w) for w in _WORD.findall(_cached_key(text))}


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
    full = [p for p in people if not any(same_person(_loose(p[0]), _loose(q[0])) for q in people)]

    def fullest(key: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
        owners = [p for p in full if p[0] == key or same_person(key, p[0])]
        if not owners:  # "إيفانغيليستا" of "ريكاردو إيفانغليستا": one long vowel apart
            loose = _loose(key)
            owners = [p for p in full if _loose(p[0]) == loose or same_person(loose, _loose(p[0]))]
        return owners[0] if len(owners) == 1 else None

    if text and full and any(r["speaker_type"] == "role" for r in rows):
        for key, written in full:  # "الرئيس التركي رجب طيب أردوغان": the words before the name as written
            at = text.find(written) if written else -1
            while at >= 0:
                roles[key] |= _title_before(_key(text[max(0, at - 80):at]))
                at = text.find(written, at + len(written))
    out: list[tuple[str | None, tuple, str]] = []
    for r in rows:
        speaker, stype = r["speaker"], r["speaker_type"]
        if not isinstance(speaker, str) or not speaker.strip():
            out.append((None, (), ""))
            continue
        back = _back_reference(speaker, out)
        if back is not None:
            out.append(back)
            continue
        agency = _agency_key(speaker, r.get("agency"), stype, table)
        if agency:
            out.append((table.name_ar.get(agency, agency), (), f"{table.kind.get(agency, 'agency')}:{agency}"))
            continue
        if stype == "named":
            key, dropped = name_key(speaker)
            owner = fullest(key) if key else None
            lone = len(key) == 1 or (len(key) == 2 and key[0] == "عبد")  # a surname: "الشرفي", "عبد العاطي"
            if owner and owner[0] == key:  # the article's fullest form is this one: maybe a fuller one is unquoted
                owner = None if lone else owner
            written = _apposed(_written_name(speaker, dropped), text) if lone and not owner else None
            if owner:
                out.append((owner[1], owner[0], "person"))
            elif written:
                out.append((written, name_key(written)[0], "person"))
            else:
                out.append((_written_name(speaker, dropped), key, "person"))
            continue
        if stype == "role":
            key, _ = name_key(speaker)  # a surname the rules typed as a role ("المالكي" of "تركي المالكي")
            owner = fullest(key) if key else None
            if owner and owner[0] != key:
                out.append((owner[1], owner[0], "person"))
                continue
            written = _apposed(speaker.strip(), text) if len(speaker.split()) == 1 else None
            if written:
                out.append((written, name_key(written)[0], "person"))
                continue
            wanted = _title_words(speaker)
            owners = [p for p in full if _same_title(wanted, {_bare(w) for w in roles.get(p[0], ())})]
            recent = [b for b in reversed(out) if b[2] == "person" and any(b[1] == p[0] for p in owners)]
            if recent:  # "الوزير": the minister quoted last, when the article names two
                out.append(recent[0])
                continue
            if len(owners) == 1:
                out.append((owners[0][1], owners[0][0], "person"))
                continue
        if stype == "institution" and (named := _institution_named(speaker, out)) is not None:
            out.append(named)  # "البنك المركزي" after "بنك المغرب"، "الوزارة" after "وزارة الصحة في غزة"
            continue
        out.append((speaker.strip(), (), str(stype)))
    return out


def _institution_named(speaker: str, before: list[tuple[str | None, tuple, str]]) -> tuple | None:
    """The institution a definite head points back to: "الوزارة"، "البنك المركزي" is the last institution
    quoted in the article whose name starts with the same head without the article ("وزارة الصحة"، "بنك
    المغرب"); None when there is none.

    >>> _institution_named("البنك المركزي", [("بنك المغرب", (), "institution")])
    ('بنك المغرب', (), 'institution')
    >>> _institution_named("الوزارة", [("وزارة الصحة", (), "institution"), ("البنك الدولي", (), "institution")])
    ('وزارة الصحة', (), 'institution')
    """
    words = _key(speaker).split()
    if not 1 <= len(words) <= 2 or not words[0].startswith("ال") or len(words[0]) < 5:
        return None
    head = words[0][2:]
    for named in reversed(before):
        name, _key_words, kind = named
        first = _key(name).split()[:1] if name else []
        if kind == "institution" and first and first[0] == head and len(_key(name).split()) >= 2:
            return named
    return None


@lru_cache(maxsize=4096)
def _apposed(surname: str, text: str | None) -> str | None:
    """The full name the article gives a lone surname in apposition: "، زهير الشرفي،" for "الشرفي".

    >>> _apposed("الشرفي", "وقال الكاتب العام لوزارة الاقتصاد والمالية، زهير الشرفي، إن ... وأبرز الشرفي أن")
    'زهير الشرفي'
    >>> _apposed("الشرفي", "وقال الشرفي إن ...") is None
    True
    >>> _apposed("عبدالعاطي", "وأشاد الدكتور محمد عبد العاطي وزير الموارد المائية بالفريق")
    'محمد عبد العاطي'
    """
    if not text or not surname:
        return None
    titles = _data()[0]
    if surname.startswith("عبد") and len(surname) > 5 and " " not in surname:
        surname = "عبد " + surname[3:]  # "عبدالعاطي" as "عبد العاطي"
    last = re.compile(r"\s*".join(re.escape(w) for w in surname.split()) + r"(?![^\W\d_])")
    found = set()
    for m in last.finditer(text):  # then look at the two words before it
        head = text[max(0, m.start() - 60):m.start()]
        parts = head.rsplit(None, 2)
        if len(parts) < 2 or not head[-1:].isspace() or not parts[-1].isalpha():
            continue
        first, prev = parts[-1], parts[-2]
        if first.startswith(("ال", "و")) or _cached_key(first) in titles:
            continue
        comma = prev.endswith(("،", ",")) and re.match(r"\s*[،,]", text[m.end():m.end() + 3])  # "، زهير الشرفي،"
        titled = _cached_key(prev.strip("\"'«»“”()")) in titles  # "الدكتور محمد عبد العاطي"
        if comma or titled:
            found.add(f"{first} {m.group()}")
    return found.pop() if len(found) == 1 else None


def _back_reference(speaker: str, before: list[tuple[str | None, tuple, str]]) -> tuple | None:
    """The speaker quoted just before, for "المسؤول ذاته", "المصدر عينه" (anyone) or a bare
    "المسؤولة الدولية", "المتحدث" (a person only) (``back_references.tsv``).

    >>> prior = [("بيلار أليغريا", ("بيلار", "اليغريا"), "person")]
    >>> _back_reference("المسؤولة ذاتها", prior)[0], _back_reference("المسؤولة الدولية", prior)[0]
    ('بيلار أليغريا', 'بيلار أليغريا')
    >>> _back_reference("المسؤول", [("الشرطة", (), "institution")]) is None
    True
    """
    last = next((b for b in reversed(before) if b[0] is not None), None)
    if last is None:
        return None
    refs = _back_words()
    words = [_cached_key(w.strip("\"'«»“”()،,")) for w in speaker.split()]
    if 2 <= len(words) <= 4 and refs.get(words[-1]) == "adjective":  # "المصدر الإعلامي عينه"
        return last
    if words and refs.get(words[0]) == "head" and all(w.startswith("ال") for w in words[1:]) and last[2] == "person":
        return last
    return None


@lru_cache(maxsize=1)
def _back_words() -> dict[str, str]:
    return {_key(w): kind for w, kind in lexicons.load("back_references").rows}


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

    Both are read article by article (so a frame split in parts gives the same rows):
    ``speaker_id`` is the key of the fullest name the article gives ("person:رجب طيب اردوغان",
    "person:ترامب" where the article never writes the first name); :func:`corpus_ids` then joins
    surnames and spellings across the whole frame.  ``texts``: article id -> article text, to
    read the titles written with a name ("الرئيس التركي رجب طيب أردوغان"); without it only the
    rows' ``role`` links a title to a person.
    """
    table = agency_table(agencies)
    out = frame.copy()
    n = len(out)
    canonical: list = [None] * n
    ids: list = [None] * n
    cols = {c: out[c].tolist() if c in out else [None] * n
            for c in ("article_id", "speaker", "speaker_type", "role", "agency")}
    by_article: dict = defaultdict(list)
    for i, aid in enumerate(cols["article_id"]):
        by_article[aid].append(i)
    texts = texts or {}
    spellings = _data()[2]
    for aid, idx in by_article.items():
        rows = [{c: (None if _missing(cols[c][i]) else cols[c][i]) for c in cols} for i in idx]
        for i, (name, key, kind) in zip(idx, _article(rows, texts.get(aid), table), strict=True):
            canonical[i] = name
            if name is None:
                continue
            if kind == "person":
                words = key or tuple(_WORD.findall(_key(name)))
                ids[i] = "person:" + " ".join(spellings.get(w, w) for w in words)
            else:
                ids[i] = kind if ":" in kind else f"{kind}:{' '.join(_WORD.findall(_key(name)))}"
    out["canonical"] = pd.Series(canonical, index=out.index, dtype="object")
    out["speaker_id"] = pd.Series(ids, index=out.index, dtype="object")
    return out


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def corpus_ids(frame: pd.DataFrame) -> pd.Series:
    """One ``speaker_id`` per person across the frame: a surname joins the one full name of the
    frame that ends with it (or the one quoted three times as often as all the others that do),
    long spellings one vowel apart join; other ids are kept.  Aligned with ``frame.index``.

    >>> f = pd.DataFrame({"speaker_id": ["person:ترامب", "person:دونالد ترامب", "person:اردوغان",
    ...                                  "person:رجب طيب اردوغان", "person:سلمان", "person:محمد بن سلمان",
    ...                                  "agency:anadolu", None]})
    >>> corpus_ids(f).tolist()
    ['person:دونالد ترامب', 'person:دونالد ترامب', 'person:رجب طيب اردوغان', 'person:رجب طيب اردوغان', \
'person:سلمان', 'person:محمد بن سلمان', 'agency:anadolu', None]
    """
    ids = frame["speaker_id"].astype("object") if "speaker_id" in frame else pd.Series(None, index=frame.index)
    values = [v if isinstance(v, str) else None for v in ids.tolist()]
    keys = [tuple(v[7:].split()) if v and v.startswith("person:") else () for v in values]
    variants = vowel_variants(w for k in keys for w in k)
    std = [tuple(variants.get(w, w) for w in k) for k in keys]
    rows = Counter(k for k in std if k)
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    root: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in sorted(rows, key=lambda k: (-len(k), k)):  # longest first: a name's owners are already rooted
        owners: Counter = Counter()
        for f in by_last[k[-1]]:
            if same_person(k, f):
                owners[root[f]] += rows[f]
        owner = _owner(owners)
        # a full name never joins a longer form quoted less often ("انغيلا ميركل" is not the stray
        # "ايمانويل ماكرون والمستشاره المانيه انغيلا ميركل")
        root[k] = owner if owner and (len(k) == 1 or owners[owner] >= rows[k]) else k
        by_last[k[-1]].append(k)
    _join_trailing_words(root, rows)
    label = _labels(root, rows)
    out = [("person:" + " ".join(label[root[k]])) if k else v for k, v in zip(std, values, strict=True)]
    return pd.Series(out, index=frame.index, dtype="object")


def _join_trailing_words(root: dict[tuple, tuple], rows: Counter) -> None:
    """A full name with words after it ("دونالد ترامب انسحاب", a speaker read too far) is that name
    when the name is quoted ten times as often; two names of like weight stay apart.

    >>> root = {k: k for k in [("دونالد", "ترامب"), ("دونالد", "ترامب", "انسحاب"), ("محمد", "جواد", "ظريف")]}
    >>> _join_trailing_words(root, Counter({("دونالد", "ترامب"): 915, ("دونالد", "ترامب", "انسحاب"): 8}))
    >>> root[("دونالد", "ترامب", "انسحاب")], root[("محمد", "جواد", "ظريف")]
    (('دونالد', 'ترامب'), ('محمد', 'جواد', 'ظريف'))
    """
    weight = Counter()
    for k, r in root.items():
        weight[r] += rows[k]
    for k in sorted(root, key=len):
        if len(k) < 3 or root[k] != k:
            continue
        for j in range(len(k) - 1, 1, -1):
            head = k[:j]
            if head in root and weight[root[head]] >= 10 * max(rows[k], 1):
                root[k] = root[head]
                for other, r in root.items():  # what had joined this name follows it
                    if r == k:
                        root[other] = root[head]
                break


def _labels(root: dict[tuple, tuple], rows: Counter) -> dict[tuple, tuple]:
    """The name of each group of names: its commonest full name (a long stray form such as
    "رئيسها رجب طيب أردوغان" may root the group, but "رجب طيب أردوغان" names it).

    >>> top = ("رئيسها", "رجب", "اردوغان")
    >>> r = {top: top, ("رجب", "اردوغان"): top, ("اردوغان",): top}
    >>> _labels(r, Counter({top: 1, ("رجب", "اردوغان"): 5, ("اردوغان",): 9}))[top]
    ('رجب', 'اردوغان')
    """
    best: dict[tuple, tuple] = {}
    for k, r in root.items():
        b = best.get(r)
        score = (len(k) > 1, rows[k], -len(k))
        if b is None or score > (len(b) > 1, rows[b], -len(b)):
            best[r] = k
    return best


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


def display_names(frame: pd.DataFrame, ids: pd.Series | None = None) -> pd.Series:
    """One name per speaker id (``ids``, default :func:`corpus_ids`): its commonest fullest ``canonical``
    form (index: the ids).

    >>> f = pd.DataFrame({"speaker_id": ["person:ترامب", "person:دونالد ترامب", "person:دونالد ترامب"],
    ...                   "canonical": ["ترامب", "دونالد ترامب", "دونالد ترمب"]})
    >>> display_names(f).tolist()
    ['دونالد ترامب']
    """
    ids = corpus_ids(frame) if ids is None else ids
    known = pd.DataFrame({"speaker_id": ids, "canonical": frame["canonical"].astype("object")}).dropna()
    if known.empty:
        return pd.Series(dtype="object")
    tally = known.groupby(["speaker_id", "canonical"], sort=False).size().reset_index(name="n")
    tally["words"] = tally["canonical"].astype(str).str.split().str.len()
    tally["exact"] = [i.split(":", 1)[-1] == " ".join(_WORD.findall(_key(c)))
                      for i, c in zip(tally["speaker_id"], tally["canonical"], strict=True)]
    tally = tally.sort_values(["exact", "n", "words"], ascending=False, kind="stable")
    return tally.drop_duplicates("speaker_id").set_index("speaker_id")["canonical"]

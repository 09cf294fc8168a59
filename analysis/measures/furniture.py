"""Content over furniture: the text an outlet repeats on every page, found and left out of content views.

A news site wraps each article in furniture: an app notice ("يمكنكم استلام إشعارات ... على
هاتفكم المحمول"), a disclaimer ("جميع المقالات المنشورة تمثل رأي كتابها فقط"), a dateline
formula ("دبي، الإمارات العربية المتحدة (CNN)--"), "read more" link lines ("للمزيد: ...") and its
own name.  Counted as words, they top every keyness table.  :func:`content_view` returns a copy
of the articles whose ``text`` holds the content only, for counting, keyness, bigrams and word
clouds, with a report of what it removed; the articles frame itself is never changed, so the
extractors' offsets stay valid.

What counts as furniture (per ``by`` group, the outlet by default):

* **boilerplate**: a sentence or line (normalised: alef, yeh, diacritics, punctuation and spacing
  do not matter) of at least ``min_words`` words found in at least ``max(min_articles,
  min_share x articles of the outlet)`` articles *in different contexts*.  The context of an
  occurrence is the pair of nearest sentences around it that are not themselves repeated, so
  an article published twice (the ANT archive holds 1,047 France 24 duplicates) counts once,
  while a footer under hundreds of different articles counts hundreds of times;
* **dateline**: a paragraph's opening formula of up to ``DATELINE_WORDS`` words ending in a dash
  ("دبي، الإمارات العربية المتحدة (CNN)--", "سكاي نيوز عربية - أبوظبي -"), repeated like
  boilerplate or holding the outlet's own name;
* **link**: a short line opened by a cue of ``lexicons/furniture_cues.tsv`` ("للمزيد:", "اقرأ
  أيضا:") followed by ":" "-" or "..";
* **self_name**: the outlet's own name wherever it occurs in its articles ("العربية.نت" in Al
  Arabiya, "سكاي نيوز عربية" in Sky News Arabia), from the agency/outlet table
  (:func:`analysis.sources.agencies.load_agencies`, the ``patterns`` of the row whose
  ``outlet_ids`` name the ``outlet`` value; ambiguous spellings such as "العربية" are left).

Variants of two words or more of the spelling variants table ("كانون الثاني" for "يناير") are
rewritten to their standard in the copy, and a word given in two spellings side by side
("أيار/مايو", "مارس / آذار") is written once (``kind`` ``spelling`` in the report); single words
are folded when counting (``fold=True``).

>>> arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(6)], "outlet": ["X"] * 6,
...     "text": [f"خبر رقم {i} عن {w} في المدينة.\\nتابعونا على تطبيقنا المجاني." for i, w in
...              enumerate(["الحرب", "السلام", "الاقتصاد", "الرياضة", "الطقس", "الفن"])]})
>>> view = content_view(arts, min_articles=3)
>>> view.text[0]
'خبر رقم 0 عن الحرب في المدينة.\\n\\n'
>>> furniture_report(view)[["outlet", "kind", "text", "n_articles"]].values.tolist()
[['X', 'boilerplate', 'تابعونا على تطبيقنا المجاني.', 6]]
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Hashable

import numpy as np
import pandas as pd

from analysis import lexicons
from analysis.errors import ColumnError, OptionError, OptionTypeError
from analysis.sources.agencies import agency_table
from analysis.text.normalize import normalize
from analysis.text.variants import _loose, phrase_pattern, phrase_variants, spelling_folder

#: columns of :func:`find_furniture` and of the removal report
FURNITURE_COLUMNS = ["outlet", "kind", "key", "text", "n_articles", "n_contexts", "share"]
REPORT_COLUMNS = ["outlet", "kind", "text", "n_articles", "n_chars", "share_chars"]
SUMMARY_COLUMNS = ["outlet", "articles", "articles_changed", "chars", "chars_removed", "share_removed"]
KINDS = ("boilerplate", "dateline", "link", "self_name", "spelling")

#: defaults: a sentence is furniture when repeated in >= max(MIN_ARTICLES, MIN_SHARE x outlet) contexts
MIN_ARTICLES = 5
MIN_SHARE = 0.002
MIN_WORDS = 2
#: an opening formula has at most this many words before its dash
DATELINE_WORDS = 8
#: a link line ("للمزيد: ...") is at most this long
LINK_LINE_CHARS = 200

_LINE_RE = re.compile(r"[^\n]+")
_SENTENCE_RE = re.compile(r".+?(?:[.!?\u061f\u2026]+[\"'»”’)\]]*(?=\s)|$)")
_WORD_RE = re.compile(r"[^\W_]+")
_DATELINE_RE = re.compile(r"^[ \t]*(?P<head>[^\n]{1,100}?)[ \t]*(?:--+|[-–—]+)(?=[ \t]|[^\W\d_])[ \t]*")


def _key(text: str) -> str:
    return " ".join(_WORD_RE.findall(normalize(text)))


def _keys(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """:func:`_key` of each span, normalising the article once (spans hold no line break)."""
    if not spans:
        return []
    lines = normalize("\n".join(text[s:e] for s, e in spans)).split("\n")
    if len(lines) != len(spans):
        return [_key(text[s:e]) for s, e in spans]
    return [" ".join(_WORD_RE.findall(line)) for line in lines]


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentences (lines cut at sentence ends followed by a space) as (start, end) spans."""
    spans = []
    for line in _LINE_RE.finditer(text):
        base = line.start()
        for m in _SENTENCE_RE.finditer(line.group()):
            s = m.start()
            piece = m.group()
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append((base + s + lead, base + s + lead + len(stripped)))
    return spans


def _groups(articles: pd.DataFrame, by) -> pd.Series:
    if "text" not in articles:
        raise ColumnError("the articles frame has no 'text' column (load it with analysis.load_corpus)")
    if by is None:
        return pd.Series("", index=articles.index)
    if isinstance(by, Hashable) and by in articles:
        return articles[by].astype(object).where(articles[by].notna(), "")
    raise ColumnError(f"by={by!r}: not a column of the articles frame")


def _texts(articles: pd.DataFrame) -> list[str]:
    return [t if isinstance(t, str) else "" for t in articles["text"].astype(object).tolist()]


def _threshold(n_articles: int, min_articles: int, min_share: float) -> int:
    return max(int(min_articles), int(np.ceil(min_share * n_articles)))


def find_furniture(articles: pd.DataFrame, *, by="outlet", min_articles: int = MIN_ARTICLES,
                   min_share: float = MIN_SHARE, min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Repeated sentences and opening formulas of each outlet: ``outlet, kind, key, text, n_articles,
    n_contexts, share`` (``kind`` boilerplate or dateline; ``key`` the normalised words, ``text``
    one occurrence as written; ``share`` = ``n_contexts`` / articles of the outlet).

    Thresholds: see the module notes.  ``by=None`` treats the corpus as one outlet.
    """
    if not isinstance(min_articles, int) or min_articles < 2:
        raise OptionError(f"min_articles must be an integer of at least 2; got {min_articles!r}")
    if not 0 <= min_share < 1:
        raise OptionError(f"min_share must be a fraction between 0 and 1; got {min_share!r}")
    groups = _groups(articles, by)
    texts = _texts(articles)
    keys_of: list[list[str]] = []
    example: dict[tuple, str] = {}
    seen: Counter = Counter()
    heads: list[tuple[str, str, str] | None] = []
    for group, text in zip(groups.tolist(), texts, strict=True):
        spans = _segments(text)
        keys = _keys(text, spans)
        keys_of.append(keys)
        for k, (s, e) in zip(keys, spans, strict=True):
            if k and (group, k) not in example:
                example[(group, k)] = text[s:e]
        seen.update((group, k) for k in set(keys) if k)
        heads.append(_head(text))
    n_group = Counter(groups.tolist())
    limit = {g: _threshold(n, min_articles, min_share) for g, n in n_group.items()}
    candidates = {gk for gk, n in seen.items() if n >= limit[gk[0]] and len(gk[1].split()) >= min_words}
    contexts: dict[tuple, set] = defaultdict(set)
    for group, keys in zip(groups.tolist(), keys_of, strict=True):
        plain = [k for k in keys if k and (group, k) not in candidates]
        position, before = 0, []
        for k in keys:
            if not k:
                continue
            if (group, k) in candidates:
                after = plain[position] if position < len(plain) else None
                contexts[(group, k)].add((before[-1] if before else None, after))
            else:
                before.append(k)
                position += 1
    rows = [(g, "boilerplate", k, example[(g, k)], seen[(g, k)], len(contexts[(g, k)]))
            for (g, k) in candidates if len(contexts[(g, k)]) >= limit[g]]
    rows += _datelines(groups.tolist(), heads, limit)
    out = pd.DataFrame(rows, columns=FURNITURE_COLUMNS[:-1])
    out["share"] = out["n_contexts"] / out["outlet"].map(n_group).astype(float) if len(out) else 0.0
    out = out.sort_values(["outlet", "kind", "n_contexts", "key"], ascending=[True, True, False, True], kind="stable")
    return out.reset_index(drop=True)


def _head(text: str) -> tuple[str, str, str] | None:
    """The opening formula of the first paragraph (key, as written, the words after it) or None."""
    m = _DATELINE_RE.match(text)
    if m is None:
        return None
    head = m.group("head")
    key = _key(head)
    if not key or len(key.split()) > DATELINE_WORDS:
        return None
    rest = " ".join(_key(text[m.end():m.end() + 80]).split()[:5])
    return key, head.strip(), rest


def _datelines(groups: list, heads: list, limit: dict) -> list[tuple]:
    seen: dict[tuple, set] = defaultdict(set)
    count: Counter = Counter()
    example: dict[tuple, str] = {}
    for group, head in zip(groups, heads, strict=True):
        if head is None:
            continue
        key, written, rest = head
        seen[(group, key)].add(rest)
        count[(group, key)] += 1
        example.setdefault((group, key), written)
    return [(g, "dateline", k, example[(g, k)], count[(g, k)], len(rest)) for (g, k), rest in seen.items()
            if len(rest) >= limit[g]]


def _self_name_pattern(outlet, table) -> re.Pattern | None:
    key = table.own_key(outlet) if isinstance(outlet, str) else None
    if key is None:
        return None
    row = table.table.set_index("key").loc[key]
    names = sorted({p.strip() for p in row["patterns"].split("|") if p.strip()}, key=len, reverse=True)
    if not names:
        return None
    body = "|".join(_loose(normalize(n, casefold=False)) for n in names)
    return re.compile(rf"(?<![^\W\d_])(?:[وفبلك]{{1,2}}ـ?)?[\"'«“]?(?:{body})[\"'»”]?(?![^\W\d_])", re.IGNORECASE)


def _cue_pattern() -> re.Pattern:
    cues = sorted(lexicons.words("furniture_cues"), key=len, reverse=True)
    body = "|".join(_loose(c) for c in cues)
    return re.compile(rf"^[ \t*•\-]*(?:{body})[ \t]*(?::|-|–|—|\.\.)[^\n]*", re.MULTILINE)


def content_view(articles: pd.DataFrame, *, by="outlet", furniture: pd.DataFrame | None = None,
                 min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE, min_words: int = MIN_WORDS,
                 self_names: bool = True, links: bool = True, phrases=True, agencies=None) -> pd.DataFrame:
    """A copy of ``articles`` whose ``text`` is content only: furniture removed, as the module notes say.

    ``furniture``: a :func:`find_furniture` table to apply (found in ``articles`` when None; pass
    one found on a whole corpus to clean a part of it alike).  ``self_names``, ``links``:
    remove outlets' own names and "read more" lines; ``phrases``: rewrite multi-word spelling
    variants (True: the shipped table, or a table as ``fold=`` takes; False: none).
    ``agencies``: the agency/outlet table (see :func:`analysis.load_agencies`).

    Removed spans become line breaks, so no bigram is made across them.  The report is in
    ``view.attrs["furniture"]`` (:func:`furniture_report`, :func:`furniture_summary`); a column
    ``removed_chars`` says how many characters each article lost.  Count with ``fold=True`` too
    for content views: ``term_frequency(content_view(articles), fold=True)``.
    """
    if not isinstance(articles, pd.DataFrame):
        raise OptionTypeError("content_view takes a pandas articles frame (on Dask: compute it, or apply "
                              "content_view to each partition with a furniture table found on the whole corpus)")
    groups = _groups(articles, by).tolist()
    if furniture is None:
        furniture = find_furniture(articles, by=by, min_articles=min_articles, min_share=min_share,
                                   min_words=min_words)
    boiler = defaultdict(set)
    formulas = defaultdict(set)
    for row in furniture.itertuples(index=False):
        (boiler if row.kind == "boilerplate" else formulas)[row.outlet].add(row.key)
    table = agency_table(agencies)
    names = {g: _self_name_pattern(g, table) for g in set(groups)} if self_names else {}
    cues = _cue_pattern() if links else None
    phrase_map = phrase_variants(phrases) if phrases is not False else {}
    phrase_re = phrase_pattern(phrase_map)
    folder = spelling_folder(phrases) if phrases is not False else None
    removed: dict[tuple, list] = defaultdict(lambda: [0, 0, ""])  # (group, kind, key) -> articles, chars, example
    texts, lost = [], []
    for group, text in zip(groups, _texts(articles), strict=True):
        spans: list[tuple[int, int, str, str]] = []
        if boiler.get(group):
            spans_ = _segments(text)
            for (s, e), k in zip(spans_, _keys(text, spans_), strict=True):
                if k in boiler[group]:
                    spans.append((s, e, "boilerplate", k))
        if formulas.get(group) or names.get(group) is not None:
            m = _DATELINE_RE.match(text)
            if m is not None:
                k = _key(m.group("head"))
                own = names.get(group) is not None and names[group].search(m.group("head"))
                if k in formulas.get(group, ()) or (own and len(k.split()) <= DATELINE_WORDS):
                    spans.append((m.start("head"), m.end(), "dateline", k))
        if cues is not None:
            for m in cues.finditer(text):
                if len(m.group()) <= LINK_LINE_CHARS:
                    spans.append((m.start(), m.end(), "link", _key(m.group())[:60]))
        if names.get(group) is not None:
            for m in names[group].finditer(text):
                spans.append((m.start(), m.end(), "self_name", _key(m.group())))
        cleaned, n_lost = _cut(text, spans, group, removed)
        if phrase_re is not None:
            cleaned = _rewrite(cleaned, phrase_re, phrase_map, group, removed)
        if folder is not None and "/" in cleaned:
            pair = functools.partial(_one_of_pair, folder=folder, entry=removed[(group, "spelling", "")], hits=set())
            cleaned = _PAIR_RE.sub(pair, cleaned)
        texts.append(cleaned)
        lost.append(n_lost)
    view = articles.copy()
    view["text"] = pd.array(texts, dtype=articles["text"].dtype if articles["text"].dtype != object else "str")
    view["removed_chars"] = np.asarray(lost, dtype=np.int64)
    view.attrs = {**articles.attrs, "furniture": _report(removed, groups, _texts(articles)),
                  "furniture_summary": _summary(groups, _texts(articles), lost)}
    return view


def _cut(text: str, spans: list, group, removed: dict) -> tuple[str, int]:
    if not spans:
        return text, 0
    spans.sort(key=lambda s: (s[0], -s[1]))
    pieces, at, lost, counted = [], 0, 0, set()
    for s, e, kind, key in spans:
        if e <= at:
            continue
        s = max(s, at)
        pieces.append(text[at:s])
        pieces.append("\n")
        lost += e - s
        entry = removed[(group, kind, key)]
        entry[1] += e - s
        if not entry[2]:
            entry[2] = text[s:e].strip()
        if (kind, key) not in counted:
            entry[0] += 1
            counted.add((kind, key))
        at = e
    pieces.append(text[at:])
    return "".join(pieces), lost


def _rewrite(text: str, pattern: re.Pattern, phrases: dict, group, removed: dict) -> str:
    hits: set[str] = set()

    def replace(m: re.Match) -> str:
        key = _key(m.group("core"))
        standard = phrases.get(" ".join(lexicons.KEYS["norm"](w) for w in key.split()))
        if standard is None:
            return m.group()
        entry = removed[(group, "spelling", key)]
        entry[1] += 0
        if not entry[2]:
            entry[2] = f"{m.group('core')} → {standard}"
        if key not in hits:
            entry[0] += 1
            hits.add(key)
        return m.group("pre") + standard

    return pattern.sub(replace, text)


_PAIR_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \t]*/[ \t]*([^\W\d_]+)(?![^\W\d_])")


def _one_of_pair(m: re.Match, *, folder, entry: list, hits: set) -> str:
    """"أيار/مايو", "مارس / آذار": one word in two spellings side by side is written once."""
    a, b = normalize(m.group(1)), normalize(m.group(2))
    if folder(a) != folder(b):
        return m.group()
    if not hits:
        entry[0] += 1  # articles
        hits.add(True)
    if not entry[2]:
        entry[2] = f"{m.group()} → {m.group(1)} (one word in two spellings side by side)"
    return m.group(1)


def _report(removed: dict, groups: list, texts: list[str]) -> pd.DataFrame:
    chars = Counter()
    for g, t in zip(groups, texts, strict=True):
        chars[g] += len(t)
    rows = [(g, kind, example, n, c, c / chars[g] if chars[g] else 0.0)
            for (g, kind, _), (n, c, example) in removed.items()]
    out = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    order = {k: i for i, k in enumerate(KINDS)}
    out["_kind"] = out["kind"].map(order)
    out = out.sort_values(["outlet", "_kind", "n_articles", "text"], ascending=[True, True, False, True])
    return out.drop(columns="_kind").reset_index(drop=True)


def _summary(groups: list, texts: list[str], lost: list[int]) -> pd.DataFrame:
    frame = pd.DataFrame({"outlet": groups, "chars": [len(t) for t in texts], "chars_removed": lost})
    out = frame.groupby("outlet", sort=True).agg(articles=("chars", "size"),
                                                 articles_changed=("chars_removed", lambda s: int((s > 0).sum())),
                                                 chars=("chars", "sum"), chars_removed=("chars_removed", "sum"))
    out["share_removed"] = out["chars_removed"] / out["chars"].where(out["chars"] > 0, 1)
    return out.reset_index()[SUMMARY_COLUMNS]


def furniture_report(view: pd.DataFrame) -> pd.DataFrame:
    """What :func:`content_view` removed: ``outlet, kind, text, n_articles, n_chars, share_chars``,
    one row per distinct sentence, formula, link cue, own name or rewritten phrase (``text``: one
    occurrence as written; ``share_chars``: of the outlet's characters)."""
    found = view.attrs.get("furniture")
    if found is None:
        raise OptionError("not a content view: make one with analysis.content_view(articles)")
    return found


def furniture_summary(view: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: ``articles, articles_changed, chars, chars_removed, share_removed``."""
    found = view.attrs.get("furniture_summary")
    if found is None:
        raise OptionError("not a content view: make one with analysis.content_view(articles)")
    return found


# --- checks: is a keyness table about content? -------------------------------------------------------

#: letters one house style writes where another writes the other ("غوغل"/"جوجل", "انجليزي"/"انكليزي")
_SWAPS = [frozenset(p) for p in ("جغ", "جك", "غق", "زذ", "تط", "سص", "هة", "يى")]
_LONG_VOWELS = "اوي"


def variant_pairs(terms) -> list[tuple[str, str]]:
    """Pairs of terms that look like two spellings of one word: one long vowel more ("امريكية" /
    "اميركية" differ by moving one; "ترامب" / "ترمب" by one alef) or one letter swapped for its house
    counterpart (ج/غ, ك/ج, ت/ط ...), on words of four letters or more.

    >>> variant_pairs(["ترامب", "ترمب", "غوغل", "جوجل", "سوريا"])
    [('ترامب', 'ترمب')]
    >>> variant_pairs(["الامريكية", "الاميركية", "الانجليزي", "الانكليزي"])
    [('الامريكية', 'الاميركية'), ('الانجليزي', 'الانكليزي')]
    """
    words = [t for t in dict.fromkeys(terms) if isinstance(t, str) and " " not in t and len(t) >= 4]
    out = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if _one_vowel(a, b) or _one_vowel(b, a) or _swapped(a, b) or _moved_vowel(a, b):
                out.append((a, b))
    return out


def _one_vowel(long: str, short: str) -> bool:
    if len(long) != len(short) + 1:
        return False
    return any(long[k] in _LONG_VOWELS and long[:k] + long[k + 1:] == short for k in range(1, len(long) - 1))


def _swapped(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) == 1:
        return frozenset(diff[0]) in _SWAPS
    return False


def _moved_vowel(a: str, b: str) -> bool:
    """"امريكية" / "اميركية": the same letters with one long vowel in another place."""
    if len(a) != len(b) or sorted(a) != sorted(b) or a == b:
        return False
    return any(a[k] in _LONG_VOWELS and _one_vowel(a, a[:k] + a[k + 1:]) and
               any(b[:j] + b[j + 1:] == a[:k] + a[k + 1:] for j in range(len(b)))
               for k in range(1, len(a) - 1))


def furniture_words(*, agencies=None, outlets=None) -> frozenset[str]:
    """Normalised words that mark page furniture rather than content: the app notice's ("هاتفكم",
    "اشعارات") and the distinctive words of outlets' own names ("cnn", "سكاي", "فرانس24" ...).
    ``outlets``: the ``outlet`` values whose names to list (all outlets of the table when None)."""
    table = agency_table(agencies)
    frame = table.table[table.table["kind"] == "outlet"]
    if outlets is not None:
        keys = {table.own_key(o) for o in outlets} - {None}
        frame = frame[frame["key"].isin(keys)]
    ordinary = {"العربية", "عربي", "عربية", "قناة", "هيئة", "الاذاعة", "البريطانية", "بالعربية", "arabic", "news",
                "arabia", "ترك", "ان", "فرانس", "al", "com", "net"}  # ordinary words, or shared with "فرانس برس"
    words = {w for patterns in frame["patterns"] for p in patterns.split("|") for w in _key(p).split()}
    return frozenset(w for w in words if w not in ordinary and not w.isdigit()) | {"هاتفكم", "اشعارات"}

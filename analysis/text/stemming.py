"""A light stemmer that strips Arabic clitics without destroying short words.

Arabic glues conjunctions, prepositions, the article and pronouns to words
("والمعارضة", "لمراسل", "عمليتهم").  Stripping every letter that *could* be a clitic
ruins real words: و in "وزير", ل in "لبنان", ف in "فيلم", ال in "ألمانيا".  So the
rules here are deliberately cautious:

* Article-bearing prefixes (ال وال فال بال كال لل ولل وبال ...) are stripped when
  at least two letters remain.  Only a bare-alef "ال" is an article: the stemmer
  looks at the word *before* alef normalisation, so "ألمانيا" and "ألفي" are safe.
* A lone proclitic (و ف ب ك ل, or و/ف followed by ب ك ل, which must leave one
  letter more: "ولاية" is not و + ل + آية) and a pronoun suffix
  (ه ها هم هما هن نا) are stripped only when the remainder is *attested*: found in
  a ``lexicon`` of known words, bare or with the article.  When the lexicon holds
  counts (a mapping), the remainder must also be common enough relative to the
  word (at least ``ratio`` times its count), which keeps "وزير" from becoming
  "زير" just because "زير" occurs once.  :func:`analysis.term_frequency` passes the
  corpus' own vocabulary as the lexicon.  With no lexicon these steps are skipped.
* Before a suffix, ت may stand for ة ("عمليتهم" -> "عملية").

Results are normalised (alef, yeh, diacritics ... as :func:`analysis.text.normalize.normalize`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping

from analysis.text.normalize import normalize

ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
PROCLITICS = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ه")
#: Words that start with ال without it being the article.
NOT_ARTICLE = frozenset({"الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللاتي",
                         "اللواتي", "اللائي"})
MIN_AFTER_ARTICLE = 2
MIN_AFTER_CLITIC = 3


def _prepare(word: str) -> str:
    """Normalise everything except the alef forms, which tell the article apart."""
    return normalize(word, alef=False, casefold=False)


class LightStemmer:
    """Clitic stripper bound to a lexicon; call it on words.

    >>> stem = LightStemmer()
    >>> [stem(w) for w in ["والمعارضة", "للأناضول", "ألمانيا", "الله", "لبنان"]]
    ['معارضة', 'اناضول', 'المانيا', 'الله', 'لبنان']
    >>> stem = LightStemmer(lexicon={"مراسل", "عناصر", "عملية", "قال"})
    >>> [stem(w) for w in ["لمراسل", "عناصره", "عمليتهم", "وقال", "وزير"]]
    ['مراسل', 'عناصر', 'عملية', 'قال', 'وزير']
    >>> LightStemmer(lexicon={"لبنان"})("للبنان"), LightStemmer()("للمعارضة")
    ('لبنان', 'معارضة')
    """

    def __init__(self, lexicon: Container[str] | Mapping[str, int] | None = None, *, ratio: float = 0.05,
                 norm: Callable[[str], str] = normalize):
        self.lexicon = lexicon
        self.ratio = ratio
        self.norm = norm
        self._counts = lexicon if isinstance(lexicon, Mapping) else None

    def _attested(self, candidate: str, word_count: int) -> bool:
        if self.lexicon is None or len(candidate) < MIN_AFTER_CLITIC:
            return False
        forms = (self.norm(candidate), self.norm("ال" + candidate))
        if self._counts is None:
            return any(f in self.lexicon for f in forms)
        seen = sum(self._counts.get(f, 0) for f in forms)
        return seen > 0 and seen >= self.ratio * word_count

    def __call__(self, word: str) -> str:
        w = _prepare(word)
        word_count = self._counts.get(self.norm(w), 0) if self._counts is not None else 0
        if w in NOT_ARTICLE:
            return self.norm(w)
        for prefix in ARTICLE_PREFIXES:
            if w.startswith(prefix) and len(w) - len(prefix) >= MIN_AFTER_ARTICLE:
                # "للبنان" is ل + لبنان, not ل + ال + بنان: prefer the attested reading.
                if prefix.endswith("لل") and self._attested(w[len(prefix) - 1:], word_count):
                    w = w[len(prefix) - 1:]
                    break
                return self.norm(w[len(prefix):])
        else:
            for prefix in PROCLITICS:
                # Two stacked clitics need a longer remainder: "ولاية" is not و + ل + آية.
                if len(w) - len(prefix) < MIN_AFTER_CLITIC + len(prefix) - 1:
                    continue
                if w.startswith(prefix) and self._attested(w[len(prefix):], word_count):
                    w = w[len(prefix):]
                    break
        for suffix in PRONOUN_SUFFIXES:
            if w.endswith(suffix):
                rest = w[: -len(suffix)]
                candidates = [rest, rest[:-1] + "ة"] if rest.endswith("ت") else [rest]
                for candidate in candidates:
                    if self._attested(candidate, word_count):
                        return self.norm(candidate)
        return self.norm(w)


def light_stem(word: str, *, lexicon: Container[str] | Mapping[str, int] | None = None) -> str:
    """Strip clitics from one word (see the module notes for the rules).

    >>> light_stem("وبالتزامن")
    'تزامن'
    >>> light_stem("لمراسل"), light_stem("لمراسل", lexicon={"مراسل"})
    ('لمراسل', 'مراسل')
    """
    return LightStemmer(lexicon)(word)

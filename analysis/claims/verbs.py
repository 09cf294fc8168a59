"""Action verbs and event nouns: what was done to how many ("أسرت 400 عنصر", "مقتل 86 مقاتلا").

The verbs are data (``analysis/lexicons/action_verbs.tsv``: the perfect 3rd person masculine,
whether its regular forms are built here, irregular forms listed by hand); so are the event
nouns (``event_nouns.tsv``) and كان and its sisters (``copular_verbs.tsv``).

>>> verb_lemma(word_key("وأسرت")), verb_lemma(word_key("سيقتلون")), verb_lemma(word_key("قوات"))
('اسر', 'قتل', None)
>>> looks_verbal(word_key("دخلوا")), looks_verbal(word_key("عنصرا"))
(True, False)
"""

from __future__ import annotations

from functools import lru_cache

from analysis import lexicons
from analysis.claims.number_tokens import word_key

__all__ = ["EVENT_NOUNS", "LIGHT_VERB", "looks_verbal", "verb_lemma"]

# The light verb of "قمنا بأسر": the event is the noun after it.
LIGHT_VERB = "قام"
EVENT_NOUNS = lexicons.words("event_nouns")
_COPULAS = lexicons.words("copular_verbs")


def _build_verb_forms() -> dict[str, str]:
    """Word key of every form -> the verb (normalised); a regular form goes to the first verb that makes it."""
    forms: dict[str, str] = {}
    rows = lexicons.load("action_verbs").rows
    for verb, inflect, _irregular in rows:
        if inflect != "yes":
            continue
        key = word_key(verb)
        stem = key[1:] if key.startswith("ا") and len(key) > 3 else key
        # No dual "ـا": it is spelt like an accusative noun ("تراجعا"، "تقدما").
        for f in (key, key + "ت", key + "وا", key + "تا", key + "ن", key + "نا", key + "تم"):
            forms.setdefault(f, verb)
        for p in "يتن":
            for f in (p + stem, p + stem + "ون", p + stem + "ان", p + stem + "ن"):
                forms.setdefault(f, verb)
    for verb, _inflect, irregular in rows:
        for f in irregular.split():
            forms[word_key(f)] = verb
    return forms


_VERB_FORMS = _build_verb_forms()


@lru_cache(maxsize=50_000)
def verb_lemma(key: str) -> str | None:
    """The action verb a word key is a form of (conjunction and future prefixes stripped)."""
    for cand in (key, key[1:] if key[:1] in ("و", "ف") else None):
        if not cand:
            continue
        if cand in _VERB_FORMS:
            return _VERB_FORMS[cand]
        if cand[:1] == "س" and cand[1:2] in ("ي", "ت", "ن") and cand[1:] in _VERB_FORMS:
            return _VERB_FORMS[cand[1:]]
    return None


def looks_verbal(key: str) -> bool:
    """A cheap test for a verb right after a number: plural perfect/imperfect endings or a known form."""
    bare = key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key
    lemma = verb_lemma(key)
    if (lemma is not None and word_key(lemma) != bare) or bare in _COPULAS:
        return True  # an inflected verb ("قدمت"); the bare form may be a noun ("قدم" feet, "صوت" vote)
    if bare.endswith("وا") and len(bare) >= 4:
        return True
    if bare.startswith(("تت", "يت", "يست", "تست", "ينت", "تنت")) and len(bare) >= 4:
        return True  # imperfect of derived stems: "تتخذ"، "يستخدم"
    return bare[:1] in ("ي", "ت") and bare.endswith("ون") and len(bare) >= 5

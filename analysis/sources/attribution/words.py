"""The word lists attribution reads (files in :mod:`analysis.lexicons`) and the word-level helpers.

Every list is stored normalised (:func:`analysis.text.normalize.norm`) and matched against
the paragraph's normalised text.  Heads are compared without the article ال:

>>> is_in("والوزير", ROLE_HEADS), is_in("مسؤولا", ANONYMOUS_HEADS), bare("والوزير")
(True, True, 'وزير')
"""

from __future__ import annotations

import re

from analysis.lexicons import load, words
from analysis.text.patterns import alternation as alternation  # re-exported for the cue rules

Span = tuple[int, int]

# --- characters ------------------------------------------------------------------------------------
W = r"[^\W_]"  # a letter or digit
NOT_W_BEFORE = rf"(?<!{W})"
NOT_W_AFTER = rf"(?!{W})"
QUOTE_OPEN = "\"«“”„‘'"
QUOTE_CHARS = "\"«»“”„‟‘’'"
PUNCT = "،,:;؛.!?؟"
WORD_RE = re.compile(rf"[^\s{re.escape(PUNCT + QUOTE_CHARS)}()\[\]\-–—/]+")
# where a clause ends for a phrase read after a cue: punctuation, a parenthesis or a quotation mark
CLAUSE_BREAK_RE = re.compile(r"[،,:؛;.!?؟()\"«»“”]")

# --- the lists (see each file's comment for what it is for) -----------------------------------------
IMPERSONAL_VERBS = words("impersonal_verbs")
CONTENT_PREPOSITIONS = words("content_prepositions")
NOT_SPEECH_BEFORE_COMP = words("non_speech_before_complementizer")
ROLE_HEADS = words("role_heads")
ANONYMOUS_HEADS = words("anonymous_source_heads")
GROUP_HEADS = words("group_heads")
DOCUMENT_HEADS = words("document_heads")
INSTITUTION_HEADS = words("institution_heads")
MEDIA_HEADS: dict[str, str] = dict(zip(*(load("media_heads").column(c) for c in ("word", "kind")), strict=True))
COUNTRIES = words("countries_and_capitals")
ROLE_COMPLEMENTS = words("role_complements")
ROLE_PREPOSITIONS = words("role_prepositions")
ANAPHORIC_ADJECTIVES = words("anaphoric_adjectives")
# time words and the adverbials that are stripped with them from a speaker's edges
TIME_WORDS = words("time_words") | words("speaker_adverbials")
CHANNEL_NOUNS = words("channel_nouns")
CHANNEL_PREPOSITIONS = words("channel_prepositions")
CHANNEL_PARTICIPLES = words("channel_participles")
MEDIA_NOUNS = words("media_nouns")
AGENCY_NAME_WORDS = words("agency_name_words")
ATTRIBUTION_PHRASE_WORDS = words("attribution_phrase_words")
RELATIVES = words("relative_pronouns")
CONNECTORS = words("connectors")
FIRST_PERSON_OPENERS = words("first_person_openers")  # "واضافت نحن نعي": direct words with no quotation mark
COPULAR_VERBS = words("copular_verbs")  # "بات مؤكدا أن": a copula before a participle
ADVERBIAL_OPENERS = words("adverbial_openers")
VERB_OPENERS = words("verb_openers")
NOT_SOURCES = words("not_sources")
FUNCTION_WORDS = words("function_words")
SUBJECT_END = words("subject_end_words")
DESCRIPTION_OPENERS = words("description_openers")
ROLE_ADJECTIVES = words("role_adjectives")
DAY_PARTS = words("day_parts")
PREPOSITIONS = words("prepositions")
ADDRESSEES = words("addressees")
IDIOM_OBJECTS = words("idiom_objects")
NAME_CONNECTORS = words("name_connectors")  # "عبد العزيز"، "أبو الغيط": the next word belongs to the name
PRONOUN_OBJECTS = words("pronoun_objects")
GENERIC_MEDIA = words("generic_media")


def bare(word: str) -> str:
    """A word without quotes, a conjunction before its article, and the article: "والوزير" -> "وزير"."""
    w = word.strip(QUOTE_CHARS + "()")
    if w.startswith("وال") and len(w) > 4:
        w = w[1:]
    if w.startswith("ال") and len(w) > 3:
        return w[2:]
    return w


def is_in(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` is in ``lexicon`` as it is, without its article, or without an accusative ا."""
    w = word.strip(QUOTE_CHARS + "()")
    if w in lexicon or bare(w) in lexicon:
        return True
    # accusative tanween spelling after "أن" ("مسؤولا محليا")
    return w.endswith("ا") and len(w) > 3 and (w[:-1] in lexicon or bare(w[:-1]) in lexicon)


def is_subject_head(word: str) -> bool:
    """A word that may open a speaker: a title, a source, an institution, a country or a medium."""
    w = word[1:] if word.startswith("و") and len(word) > 3 else word
    return (any(is_in(x, lex) for x in (w, word) for lex in (ROLE_HEADS, ANONYMOUS_HEADS, INSTITUTION_HEADS))
            or w in COUNTRIES or bare(w) in MEDIA_HEADS)


# --- words and spans of the normalised paragraph ------------------------------------------------------

Token = tuple[str, int, int]


def tokens(text: str, a: int, b: int) -> list[Token]:
    """The words of ``text[a:b]`` with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, a, b)]


def nwords(text: str, a: int, b: int) -> int:
    return len(WORD_RE.findall(text, a, b)) if b > a else 0


def trim(text: str, a: int, b: int, chars: str = " \t\n،,.:;؛!?؟-–—") -> Span:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


def trim_connectors(text: str, a: int, b: int) -> Span:
    """Trim a content that stops where the next statement starts: "إن ...، كما" -> "إن ..."."""
    a, b = trim(text, a, b, " \t\n،,-–—")
    while True:
        m = re.search(r"(?:^|\s)(?:كما|ثم|فيما|بينما|لكن|ولكن|حيث|إذ|اذ|و)$", text[a:b])
        if m is None:
            return a, b
        a, b = trim(text, a, a + m.start(), " \t\n،,-–—")

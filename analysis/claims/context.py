"""Who did what: the action verb of a claim's clause and its subject.

:func:`find_verb` looks back from the number to the start of its clause (a full stop, a
second comma, a complementizer or a reporting verb: what follows "قال" is the source's
claim) for an action verb or an event noun; :func:`find_subject` takes the noun phrase before
the verb (SVO) or after a clause-initial verb (VSO).  The word lists are data:
``reporting_verbs.tsv`` (every form), ``source_cues.tsv``, ``complementizers.tsv``, ``clause_particles.tsv``,
``clause_prepositions.tsv``, ``claim_time_words.tsv`` and ``non_unit_words.tsv``.

>>> from analysis.claims.number_tokens import number_tokens
>>> from analysis.claims.places import gazetteer
>>> text = "أسرت قوات المعارضة السورية اليوم 400 عنصر"
>>> toks = number_tokens(text)
>>> verb, verb_at, clause_start = find_verb(toks, 5, text)
>>> verb, find_subject(toks, verb_at, 5, clause_start, text, gazetteer())
('أسرت', 'قوات المعارضة السورية')
"""

from __future__ import annotations

from analysis import lexicons
from analysis.claims.number_tokens import NumToken
from analysis.claims.places import Gazetteer
from analysis.claims.qualifiers import is_qualifier_word, letters_to_chars
from analysis.claims.verbs import EVENT_NOUNS, LIGHT_VERB, looks_verbal, verb_lemma
from analysis.text.normalize import normalize

__all__ = ["find_subject", "find_verb"]

_REPORTING = lexicons.reporting_verb_forms() | lexicons.words("source_cues")
_COMPLEMENTIZERS = lexicons.words("complementizers")
_PARTICLES = lexicons.words("clause_particles")
_PREPOSITIONS = lexicons.words("clause_prepositions")
_NON_UNIT_WORDS = lexicons.words("non_unit_words")
_TIME_WORDS = lexicons.words("claim_time_words")


def find_verb(toks: list[NumToken], i: int, text: str) -> tuple[str | None, int | None, int]:
    """The action verb before token ``i`` in its clause: (verb as written, its token index, clause start)."""
    clause_start = 0
    verb, verb_at = None, None
    commas = 0
    for j in range(i - 1, max(-1, i - 14), -1):
        t = toks[j]
        if t.kind == "punct":
            if t.text in ".؛;:!؟?":
                clause_start = j + 1
                break
            if t.text in "،,":
                commas += 1
                if commas > 1:
                    clause_start = j + 1
                    break
            continue
        if t.kind != "word":
            continue
        key = t.key
        if key in _COMPLEMENTIZERS or key in _REPORTING or (key[:1] in ("و", "ف") and key[1:] in _REPORTING):
            clause_start = j + 1
            break
        if verb is None:
            lemma = verb_lemma(key)
            if lemma is not None:
                verb_at = j
                text_start = t.start + (letters_to_chars(t.text, 1) if key[:1] in ("و", "ف") and
                                        key[1:2] and verb_lemma(key[1:]) else 0)
                verb = text[text_start:t.end]
                if lemma == normalize(LIGHT_VERB) and j + 1 < i and toks[j + 1].kind == "word" \
                        and toks[j + 1].key.startswith("ب"):
                    verb = text[text_start:toks[j + 1].end]  # "قمنا بأسر"
                continue
            bare = key[1:] if key[:1] in ("ب", "ل") else key
            if (key in EVENT_NOUNS or bare in EVENT_NOUNS) and j >= i - 3:
                verb_at = j
                verb = text[t.start + (letters_to_chars(t.text, 1) if bare != key else 0):t.end]
                if key[:1] == "ب" and j > 0 and toks[j - 1].kind == "word" \
                        and verb_lemma(toks[j - 1].key) == normalize(LIGHT_VERB):
                    lead = toks[j - 1]
                    skip = letters_to_chars(lead.text, 1) if lead.key[:1] in ("و", "ف") and \
                        verb_lemma(lead.key[1:]) else 0
                    verb, verb_at = text[lead.start + skip:t.end], j - 1  # "قمنا بأسر"
                continue
    else:
        clause_start = max(0, i - 14)
    return verb, verb_at, clause_start


def find_subject(toks: list[NumToken], verb_at: int, number_at: int, clause_start: int, text: str,
                 places: Gazetteer) -> str | None:
    """Who did it: the noun phrase before the verb (SVO) or after a clause-initial verb (VSO)."""
    words = [j for j in range(clause_start, verb_at) if toks[j].kind == "word"]
    while words and (toks[words[0]].key in _PARTICLES or toks[words[0]].key in _PREPOSITIONS):
        words.pop(0)
    while words and (toks[words[-1]].key in _PARTICLES or toks[words[-1]].key in _NON_UNIT_WORDS):
        words.pop()
    if words:  # SVO: "غرفة عمليات "دحر الغزاة" تضم ..."، "وكان عناصر داعش قد دخلوا ..."
        if len(words) > 5 or any(looks_verbal(toks[j].key) or toks[j].key in _NON_UNIT_WORDS and
                                 toks[j].key not in _PREPOSITIONS for j in words):
            return None
        if any(toks[j].kind == "punct" and toks[j].text in "،,()" for j in range(words[0], words[-1])):
            return None
        return _close_quotes(text, toks[words[0]].start, toks[words[-1]].end)
    picked = []
    for j in range(verb_at + 1, number_at):  # VSO: "أسرت قوات المعارضة السورية اليوم، 400 عنصرا"
        t = toks[j]
        if t.kind != "word" or t.key in _TIME_WORDS or t.key in _PREPOSITIONS or t.key in _NON_UNIT_WORDS \
                or (t.key[:1] in ("ب", "ل") and not picked) or looks_verbal(t.key):
            break
        if not picked and t.key.endswith("ا") and len(t.key) >= 4 and t.key not in places.singles:
            break  # an accusative object or adverb ("تقدما"، "كبيرا"), not the doer
        picked.append(t)
        if len(picked) == 5:
            break
    if picked and not is_qualifier_word(picked[0].key):
        return _close_quotes(text, picked[0].start, picked[-1].end)
    return None


def _close_quotes(text: str, start: int, end: int) -> str:
    """Extend a span by a closing quote its text opened: 'غرفة عمليات "دحر الغزاة"'."""
    part = text[start:end]
    for opening, closing in (('"', '"'), ("«", "»"), ("“", "”")):
        opened = part.count(opening) if opening == closing else part.count(opening) - part.count(closing)
        if (opened % 2 if opening == closing else opened > 0) and text[end:end + 1] == closing:
            return text[start:end + 1]
    return part

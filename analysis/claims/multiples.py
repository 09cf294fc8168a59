"""Multiples in words: "ضعف العدد المسجل"، "ارتفع بمقدار الضعف"، "ضعفي" are two times, unit "ضعف".

"ضعف" is also "weakness" ("ضعف الإقبال"): it counts only before a noun of quantity
(``analysis/lexicons/multiple_bases.tsv``: "العدد"، "الحجم"، "السعر" ...); the definite "الضعف" and
the dual "ضعفي"/"ضعفا" always count.

>>> from analysis.claims.number_tokens import number_tokens
>>> toks = number_tokens("وهو ما يمثل ضعف العدد المسجل، بينما ارتفع السعر بمقدار الضعف")
>>> [(toks[k].text, multiple_at(toks, k)) for k in range(len(toks)) if multiple_at(toks, k)]
[('ضعف', (2.0, 0)), ('الضعف', (2.0, 0))]
>>> multiple_at(number_tokens("بسبب ضعف الإقبال"), 1) is None
True
"""

from __future__ import annotations

from analysis import lexicons
from analysis.claims.number_tokens import NumToken

_BASES = lexicons.words("multiple_bases")
_ALWAYS = {"الضعف": 2.0, "ضعفي": 2.0, "ضعفا": 2.0}
_CLITICS = ("و", "ب", "ف", "ل", "وب", "فب")


def multiple_at(toks: list[NumToken], k: int) -> tuple[float, int] | None:
    """``(times, clitic letters)`` when ``toks[k]`` is a multiple in words, else None."""
    tok = toks[k]
    if tok.kind != "word":
        return None
    for pre in ("", *_CLITICS):
        stem = tok.key[len(pre):] if tok.key.startswith(pre) else None
        if not stem:
            continue
        if stem in _ALWAYS:
            return _ALWAYS[stem], len(pre)
        if stem == "ضعف" and k + 1 < len(toks) and toks[k + 1].kind == "word" and toks[k + 1].key in _BASES:
            return 2.0, len(pre)
    return None

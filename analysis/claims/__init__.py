"""Numeric claims: who says how many of what, and who says otherwise.

The stages, in pipeline order:

* :mod:`~analysis.claims.number_tokens`, :mod:`~analysis.claims.number_words`,
  :mod:`~analysis.claims.number_grammar`, :mod:`~analysis.claims.numbers`: numbers as news
  writes them (digits, words, mixed forms);
* :mod:`~analysis.claims.units` (unit keys and kinds), :mod:`~analysis.claims.unit_phrase`
  (the counted noun of a number), :mod:`~analysis.claims.qualifiers`,
  :mod:`~analysis.claims.non_claims` (years, dates, times, names: an ordered table of rules),
  :mod:`~analysis.claims.verbs`, :mod:`~analysis.claims.context` (verb and subject),
  :mod:`~analysis.claims.places` (the gazetteer);
* :mod:`~analysis.claims.sentence`: the claims of one sentence;
* :mod:`~analysis.claims.frame`: :func:`extract_claims` and :func:`attach_sources` on frames;
* :mod:`~analysis.claims.compare`: :func:`compare_claims`.

Every word list the rules read is a file of ``analysis/lexicons/``.
"""

from analysis.claims.compare import compare_claims
from analysis.claims.frame import (
    CLAIM_COLUMNS,
    CLAIM_KINDS,
    NON_CLAIM_KINDS,
    attach_sources,
    claims_for,
    claims_of_articles,
    extract_claims,
)
from analysis.claims.numbers import find_numbers, is_vague, parse_number
from analysis.claims.units import unit_key

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "NON_CLAIM_KINDS", "attach_sources", "claims_for", "claims_of_articles",
           "compare_claims", "extract_claims", "find_numbers", "is_vague", "parse_number", "unit_key"]

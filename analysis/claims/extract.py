"""The former home of the claims functions, kept so that ``from analysis.claims.extract import ...`` works.

New code imports from :mod:`analysis.claims` (or the stage modules it lists).
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
from analysis.claims.units import unit_key

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "NON_CLAIM_KINDS", "attach_sources", "claims_for", "claims_of_articles",
           "compare_claims", "extract_claims", "unit_key"]

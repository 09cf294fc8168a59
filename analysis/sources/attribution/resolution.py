"""Continuations: a statement with no subject ("وأضاف"، "مشيرا إلى") takes the speaker last named.

A verb with no subject continues the speaker last named in the article (``continuation``,
preferring one whose verb agreed in gender); with nobody named before it, or after a
clause that is not reported speech, it stays ``unresolved`` rather than guessed.
"""

from __future__ import annotations

from analysis.sources.agencies import AgencyTable
from analysis.sources.attribution.statement import Statement
from analysis.sources.attribution.words import ANAPHORIC_ADJECTIVES
from analysis.text.normalize import norm


def resolve(stmts: list[Statement], credited: list[str], agencies: AgencyTable) -> None:
    """Give subject-less statements the speaker last named before them; ``credited``: the agencies the
    article names, in order (a generic "الوكالة" is the last one named, or the first credited)."""
    history: list[Statement] = []
    last_key: dict[str, str] = {}
    for st in stmts:
        if st.anaphoric_media and st.speaker_key is None:
            st.speaker_key = last_key.get(st.speaker_type) or next(
                (k for k in credited if agencies.kind.get(k) == st.speaker_type), None)
        if st.explicit:
            same_as_before(st, history)
            history.append(st)
        else:
            antecedent = _antecedent(st, history)
            if antecedent is None:
                st.resolution, st.speaker_type, st.role_text, st.speaker_text = "unresolved", None, None, None
            else:
                st.resolution = "continuation"
                st.speaker_text, st.speaker_type = antecedent.speaker_text, antecedent.speaker_type
                st.role_text, st.speaker_key = antecedent.role_text, antecedent.speaker_key
                if st.channel is None and st.agency is None:
                    st.channel_text, st.agency = antecedent.channel_text, antecedent.agency
                if st.gender in (None, "p"):
                    st.gender = antecedent.gender
                history.append(st)
        if st.agency is None and st.speaker_type in ("agency", "outlet"):
            st.agency = st.speaker_key
        for key in (st.speaker_key, st.agency):
            if key and key in agencies.kind:
                last_key[agencies.kind[key]] = key


def _antecedent(st: Statement, history: list[Statement]) -> Statement | None:
    same = [h for h in history if h.sent_no == st.sent_no and h.cue[0] < st.cue[0] and h.par_no == st.par_no]
    if same:
        h = same[-1]  # "وقال X إن ...، مضيفا أن ...": the same sentence's speaker
        if st.kind == "participle" and {st.gender, h.gender} == {"m", "f"}:
            return None  # "وأضاف المصدر أن زوجته أبلغت السلطات ... معربة عن قلقها": she, not the source
        return h
    if not (st.initial or st.pronoun_gender is not None or st.kind == "phrase"):
        return None  # after a clause we did not read ("التقى الوزير ...، مؤكدا أن"): not guessed
    gender = st.pronoun_gender or st.gender
    for h in reversed(history):
        if gender in (None, "p") or h.gender in (None, "p") or gender == h.gender:
            return h
    return history[-1] if history else None


def same_as_before(st: Statement, history: list[Statement]) -> None:
    """A speaker that points back to one named before: "وأكد المسؤول ذاته"، "المصدر عينه" take the type of
    the last speaker (the written form stays: :mod:`analysis.sources.identity` names the person); a lone
    surname with the article ("وأبرز الشرفي" after "زهير الشرفي") is that person, typed named, not a role.

    >>> a = Statement(1, 1, (0, 9), (0, 3), 0, (0, 3), "قال", "m", "verb", speaker=(4, 9))
    >>> a.speaker_text, a.speaker_type = "زهير الشرفي", "named"
    >>> b = Statement(1, 2, (0, 9), (0, 3), 0, (0, 3), "أكد", "m", "verb", speaker=(4, 9))
    >>> b.speaker_text, b.speaker_type = "المسؤول ذاته", "anonymous"
    >>> same_as_before(b, [a]); b.speaker_text, b.speaker_type
    ('المسؤول ذاته', 'named')
    >>> b.speaker_text, b.speaker_type = "الشرفي", "role"
    >>> same_as_before(b, [a]); b.speaker_text, b.speaker_type
    ('الشرفي', 'named')
    """
    if not history or not st.speaker_text:
        return
    words = norm(st.speaker_text).split()
    if len(words) >= 2 and words[-1] in ANAPHORIC_ADJECTIVES and st.speaker_type not in ("agency", "outlet"):
        st.speaker_type = history[-1].speaker_type  # the written form stays; identity links the person
        return
    if st.speaker_type == "role" and len(words) == 1 and words[0].startswith("ال") and any(
            h.speaker_type == "named" and norm(h.speaker_text or "").split()[-1:] == words for h in history):
        st.speaker_type = "named"

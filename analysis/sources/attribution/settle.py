"""The statements of one sentence together: contents that end where the next statement starts, an
agency phrase that is the channel of the statement around it, and each statement's span."""

from __future__ import annotations

from analysis.sources.attribution.statement import Statement
from analysis.sources.attribution.words import trim, trim_connectors


def settle(P: str, out: list[Statement]) -> list[Statement]:
    out.sort(key=lambda s: s.cue[0])
    verbs = [s for s in out if s.kind != "phrase"]
    # a later statement inside an earlier one's indirect content ends that content
    for i, s in enumerate(verbs):
        for t in verbs[i + 1:]:
            if s.quote != "direct" and s.content[0] < t.pre_start < s.content[1]:
                s.content = trim_connectors(P, s.content[0], t.pre_start)
                break
    for p in [s for s in out if s.kind == "phrase"]:
        host = next((s for s in verbs if s.content and s.content[0] <= p.pre_start < s.content[1]
                     and s.cue[0] < p.cue[0]), None)
        if host is None:
            continue
        if p.speaker_type in ("agency", "outlet") and p.speaker_key:
            # "قال الوزير إن ...، بحسب وكالة الأناضول": the agency is the channel of the statement
            if host.channel is None:
                host.channel = (p.cue[0], p.speaker[1])
                host.agency = p.speaker_key
            if host.quote != "direct":
                host.content = trim_connectors(P, host.content[0], p.pre_start)
            p.drop = True
        elif p.speaker is None:
            p.drop = True  # "حسب رأيها" inside her own statement
        else:
            p.content = trim(P, host.content[0], p.pre_start)  # a source quoted inside the statement
    out = [s for s in out if not s.drop and s.content is not None and (s.content[1] > s.content[0] or s.hidden)]
    # the statement's span: its sentence, or its share of a sentence with several statements
    top = [s for s in out if not s.hidden and not (s.kind == "phrase" and s.content[1] <= s.pre_start
                                  and any(h is not s and h.content[0] <= s.content[0] and h.cue[0] < s.cue[0]
                                          for h in out))]
    for s in out:
        if s in top:
            k = top.index(s)
            a = s.sent[0] if k == 0 else min(s.pre_start, s.content[0])
            b = s.sent[1] if k == len(top) - 1 else max(top[k + 1].pre_start, s.content[1])
        else:
            a, b = min(s.pre_start, s.content[0]), max(s.cue[1], s.speaker[1] if s.speaker else 0)
        s.span = (min(a, s.content[0]), max(b, s.content[1]))
    return out

"""The number grammar: the longest number a run of atoms writes ("مليار و200 مليون", "ثلاثة وعشرون ألفا").

:func:`parse_atoms` reads from one atom on and returns the value, where it ends and what it saw
(a bare fraction, "ونيف"); :func:`vague_run` the end of a vague quantity ("مئات الآلاف").

>>> from analysis.claims.number_tokens import number_tokens
>>> from analysis.claims.number_words import atom
>>> atoms = [atom(t) for t in number_tokens("ثلاثة وعشرون ألفا")]
>>> parse_atoms(atoms, 0, len(atoms))[:2]
(23000.0, 3)
"""

from __future__ import annotations

import math

from analysis.claims.number_words import Atom

__all__ = ["parse_atoms", "vague_run"]



class _State:
    __slots__ = ("total", "group", "started", "last", "last_scale", "fraction_only", "approx", "scale_end",
                 "group_after_scale")

    def __init__(self) -> None:
        self.total = 0.0
        self.group = 0.0
        self.started = False
        self.last = ""
        self.last_scale = math.inf
        self.fraction_only = False
        self.approx = False
        self.scale_end = 0  # atom index just after the last scale word
        self.group_after_scale = False  # the current group follows "و" after a scale

    @property
    def after_scale(self) -> bool:
        return self.started and self.last in ("S", "F") and self.group == 0 and self.total > 0


def _decimal_part(atoms: list[Atom | None], j: int, n: int) -> tuple[float, int] | None:
    """Read what follows "فاصلة": leading zeros, then an integer; return (fraction, next index)."""
    zeros = 0
    while j < n and atoms[j] is not None and atoms[j].type == "Z":
        zeros += 1
        j += 1
    if j < n and atoms[j] is not None and atoms[j].type == "D" and atoms[j].value.is_integer():
        digits = "0" * zeros + str(int(atoms[j].value))
        return float("0." + digits), j + 1
    sub = parse_atoms(atoms, j, n, allow_scales=False) if j < n else None
    if sub is None:
        return (0.0, j) if zeros else None
    value, end = sub[0], sub[1]
    if not float(value).is_integer():
        return None
    return float("0." + "0" * zeros + str(int(value))), end


def parse_atoms(atoms: list[Atom | None], i: int, n: int, *, allow_scales: bool = True):
    """Parse the longest number starting at atom ``i``; return (value, end, state) or None."""
    st = _State()
    j = i
    end = i
    joined_next = False
    while j < n:
        a = atoms[j]
        if a is None:
            break
        if a.type == "AND":
            if not st.started or joined_next:
                break
            joined_next = True
            j += 1
            continue
        joined = joined_next or (a.conj and st.started)
        if a.wahid and st.started and not joined and (st.last == "H" or (
                st.last == "S" and j + 1 < n and atoms[j + 1] is not None and atoms[j + 1].is_ten)):
            joined = True  # "مئة وأحد عشر" normalises to "مئة واحد عشر"
        if st.started and a.conj and joined_next:
            break  # "و و"
        nxt = atoms[j + 1] if j + 1 < n else None
        consumed = 1
        t = a.type
        if a.definite and st.started and not joined:
            break  # a definite word after a number starts something else ("ثلاثة الأيام")
        if t == "D":
            if not st.started:
                st.group = a.value
            elif joined and st.after_scale and a.value < st.last_scale:
                st.group = a.value
            else:
                break
            st.last = "D"
        elif t == "U" and a.value == 1 and not joined and st.last == "S" and st.group == 0 \
                and st.total == st.last_scale:
            st.last = "S"  # "مليار واحد", "مليون واحد": one billion, said twice
        elif t in ("U", "HEAD"):
            v = a.value
            if v < 10 and nxt is not None and nxt.type == "U" and nxt.is_ten and not nxt.conj and not nxt.definite:
                v = 10 + v
                consumed = 2
                kind = "TEEN"
            elif t == "HEAD":
                # "أحد"/"إحدى" alone mean "one of": only "إحدى وعشرون" reads on.
                nxt2 = atoms[j + 2] if j + 2 < n else None
                joined_tens = (nxt is not None and nxt.type == "T" and nxt.conj) or (
                    nxt is not None and nxt.type == "AND" and nxt2 is not None and nxt2.type == "T")
                if not joined_tens:
                    break
                kind = "U"
            else:
                kind = "U"
            if not st.started:
                st.group = v
            elif joined and st.last == "H" and st.group % 100 == 0:
                st.group += v
            elif joined and st.after_scale:
                st.group = v
            else:
                break
            st.last = kind
        elif t == "T":
            if not st.started:
                st.group = a.value
            elif joined and st.last == "U" and 0 < st.group % 100 < 10:
                st.group += a.value
            elif joined and st.last == "H":
                st.group += a.value
            elif joined and st.after_scale:
                st.group = a.value
            else:
                break
            st.last = "T"
        elif t == "H":
            if not st.started:
                st.group = a.value
            elif not joined and st.last == "U" and a.value == 100 and 1 <= st.group <= 9 and not a.definite:
                st.group *= 100  # "ثلاث مئة"
            elif joined and st.after_scale:
                st.group = a.value
            else:
                break
            st.last = "H"
        elif t == "S":
            if not allow_scales:
                break
            mag, form = a.value, a.form
            if mag >= st.last_scale:
                if st.group == 0 and st.total == st.last_scale and form in ("sg", "acc") and not joined:
                    st.total = st.last_scale * mag  # "ألف مليار", "ألف مليون"
                    st.last_scale = mag
                    st.scale_end = j + 1
                    j += 1
                    end = j
                    continue
                if st.group > 0 and st.group_after_scale:
                    # "3 مليارات و15 مليار": the second number starts at "و", not inside the first
                    return st.total, st.scale_end, st
                break
            if st.started and st.group > 0 and not joined and st.last in ("D", "U", "TEEN", "T", "H", "F", "P"):
                if form == "dual":
                    break
                if form == "pl" and st.last in ("U", "TEEN", "T", "H") and not 3 <= st.group <= 10:
                    break
                st.total += st.group * mag
            elif form == "pl":
                break  # "آلاف" with no number before it is vague: handled by the caller
            elif not st.started or (joined and st.after_scale):
                st.total += (1 if form == "sg" else 2) * mag
            else:
                break
            st.group = 0.0
            st.last_scale = mag
            st.last = "S"
        elif t == "F":
            if not st.started:
                st.group = a.value
                st.fraction_only = True
            elif joined and st.last == "S" and st.group == 0:
                st.total += a.value * st.last_scale  # "مليون ونصف"
            elif joined and st.last in ("U", "TEEN", "T", "D", "H") and st.last_scale == math.inf:
                st.group += a.value  # "ثلاثة ونصف"
            else:
                break
            st.last = "F"
        elif t == "FP":
            if st.started and not joined and st.last == "U" and 1 <= st.group <= 9:
                st.group *= a.value  # "ثلاثة أرباع"
                st.last = "F"
            else:
                break
        elif t == "Z":
            if st.started:
                break
            st.last = "Z"
        elif t == "P":
            if not st.started or st.last not in ("D", "U", "TEEN", "T", "H", "Z") or st.group != int(st.group):
                break
            dec = _decimal_part(atoms, j + 1, n)
            if dec is None:
                break
            st.group += dec[0]
            st.last = "P"
            consumed = dec[1] - j
        elif t == "N":
            if not st.started or not a.conj:
                break
            st.approx = True
        else:  # V
            break
        if st.fraction_only and t != "F":
            st.fraction_only = False
        if t == "S" or (t == "F" and st.last_scale != math.inf):
            st.scale_end = j + consumed
            st.group_after_scale = False
        elif joined and st.last_scale != math.inf and t in ("D", "U", "T", "H"):
            st.group_after_scale = True
        st.started = True
        joined_next = False
        j += consumed
        end = j
    if not st.started:
        return None
    return st.total + st.group, end, st


def vague_run(atoms: list[Atom | None], i: int, n: int) -> int:
    """End of a vague quantity starting at ``i`` ("عشرات"، "مئات الآلاف"، "بضعة آلاف"), or ``i``."""
    j = i
    while j < n:
        a = atoms[j]
        if a is None:
            break
        if j > i and a.conj:
            break
        if a.type == "V" or (a.type == "S" and a.form == "pl"):
            j += 1
        elif j > i and a.type == "S" and a.definite:  # "مئات الألوف"
            j += 1
        else:
            break
    return j


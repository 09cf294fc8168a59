"""The naming sets :func:`analysis.naming` counts: the shipped table, a user's file, or sets given in Python.

A naming set is one referent (an armed group, a government, a territory, the dead) and the names
outlets choose between for it: ``isis`` holds "داعش", "تنظيم الدولة", "الدولة الإسلامية" ...  Each
*variant* is counted through one or more *forms* (phrases: "ميليشيا الحوثي", "ميليشيات الحوثي" ... are
the variant "ميليشيا الحوثي").  A variant written ``-`` holds phrases that are matched and not counted
(a person named "عبد الملك الحوثي" is not the group), so the shorter names inside them are not counted
either.  The shipped sets are ``lexicons/naming_sets.tsv`` with their notes in ``naming_notes.tsv``.

>>> table = naming_sets(only=["golan"])
>>> table.drop_duplicates("variant")["variant"].tolist()
['الجولان', 'الجولان المحتل', 'الجولان السوري']
>>> mine = naming_sets({"sudan_army": {"الجيش السوداني": ["الجيش السوداني", "القوات المسلحة السودانية"],
...                                    "جيش البرهان": "جيش البرهان | قوات البرهان"}}, replace=True)
>>> mine[["set", "variant", "form"]].values.tolist()[-1]
['sudan_army', 'جيش البرهان', 'قوات البرهان']
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis import lexicons
from analysis.errors import OptionError, TableError
from analysis.text.normalize import norm

#: The columns of :func:`naming_sets`, one row per form.
SET_COLUMNS = ["set", "variant", "form", "referent", "referent_en", "note"]
#: The variant name of phrases matched and not counted.
NOT_COUNTED = "-"
FORM_SEPARATOR = "|"


def naming_sets(sets=None, *, only: Iterable[str] | None = None, replace: bool = False) -> pd.DataFrame:
    """The naming sets as a frame: ``set, variant, form, referent, referent_en, note``, one row per form.

    ``sets``: ``None`` (the shipped sets), a file (``.tsv``, ``.csv`` or ``.txt`` with the columns
    ``set, variant, forms``, forms separated by ``|``, and optionally ``referent, referent_en, note``;
    ``#`` lines are comments), a frame with those columns (``form`` or ``forms``), or a mapping
    ``{set: {variant: [forms] or "a | b"}}``.  Your sets are added to the shipped ones; a set
    of yours with a shipped set's name replaces it; ``replace=True`` keeps yours alone.  ``only``
    keeps the named sets, in that order.  Forms are stored as matched (:func:`analysis.text.normalize.norm`).
    """
    shipped = _shipped()
    if sets is None:
        table = shipped
    else:
        own = _as_table(sets)
        table = own if replace else pd.concat([shipped[~shipped["set"].isin(own["set"])], own], ignore_index=True)
    if only is not None:
        wanted = [only] if isinstance(only, str) else list(only)
        unknown = [s for s in wanted if s not in set(table["set"])]
        if unknown:
            raise OptionError(f"no naming set named {', '.join(map(repr, unknown))}; known sets: "
                              f"{', '.join(dict.fromkeys(table['set']))}")
        order = {s: i for i, s in enumerate(wanted)}
        table = table[table["set"].isin(order)]
        table = table.iloc[table["set"].map(order).argsort(kind="stable")]
    return table.reset_index(drop=True)


def set_notes(table: pd.DataFrame) -> pd.DataFrame:
    """One row per set of a :func:`naming_sets` table: ``set, referent, referent_en, note``, in table order."""
    return table.drop_duplicates("set")[["set", "referent", "referent_en", "note"]].reset_index(drop=True)


def _shipped() -> pd.DataFrame:
    forms = lexicons.load("naming_sets").frame()
    notes = lexicons.load("naming_notes").frame().set_index("set")
    rows = _explode(forms, "analysis/lexicons/naming_sets.tsv")
    for column in ("referent", "referent_en", "note"):
        rows[column] = rows["set"].map(notes[column]).fillna("")
    return rows[SET_COLUMNS]


def _explode(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """One row per form of a frame with a ``forms`` (``a | b``) or ``form`` column; checked and normalised."""
    if "forms" in frame and "form" not in frame:
        frame = frame.assign(form=frame["forms"].astype(str).str.split(FORM_SEPARATOR, regex=False))
        frame = frame.explode("form")
    missing = [c for c in ("set", "variant", "form") if c not in frame]
    if missing:
        raise TableError(f"{source}: naming sets need the columns set, variant and forms (or form); "
                         f"missing: {', '.join(missing)}")
    frame = frame.copy()
    for column in ("set", "variant", "form"):
        frame[column] = frame[column].astype("object").where(frame[column].notna(), "").astype(str).str.strip()
    frame["form"] = [" ".join(norm(w) for w in f.split()) for f in frame["form"]]
    empty = frame[(frame["set"] == "") | (frame["variant"] == "") | (frame["form"] == "")]
    if len(empty):
        row = empty.iloc[0]
        raise TableError(f"{source}: a naming set row with an empty set, variant or form "
                         f"(set {row['set']!r}, variant {row['variant']!r})")
    frame = frame.drop_duplicates(["set", "variant", "form"])
    clash = frame[frame.duplicated(["set", "form"], keep=False)]
    if len(clash):
        form = clash.iloc[0]["form"]
        variants = clash[clash["form"] == form]
        raise TableError(f"{source}: the form {form!r} of set {variants.iloc[0]['set']!r} is listed under two "
                         f"variants ({', '.join(map(repr, variants['variant']))}); keep it under one")
    for column in ("referent", "referent_en", "note"):
        frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
    return frame[SET_COLUMNS].reset_index(drop=True)


def _as_table(sets) -> pd.DataFrame:
    if isinstance(sets, pd.DataFrame):
        return _explode(sets, "the naming sets frame")
    if isinstance(sets, Mapping):
        rows = []
        for name, variants in sets.items():
            if not isinstance(variants, Mapping):
                raise OptionError(f"naming set {name!r}: give {{variant: [forms]}}, not {type(variants).__name__}")
            for variant, forms in variants.items():
                for form in ([forms] if isinstance(forms, str) else forms):
                    rows.extend({"set": name, "variant": variant, "form": f} for f in str(form).split(FORM_SEPARATOR))
        return _explode(pd.DataFrame(rows, columns=["set", "variant", "form"]), "the naming sets given")
    if isinstance(sets, (str, os.PathLike)):
        return _read_file(Path(sets))
    raise OptionError(f"sets: give a file, a frame or a mapping {{set: {{variant: [forms]}}}}; "
                      f"got {type(sets).__name__}")


def _read_file(path: Path) -> pd.DataFrame:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TableError(f"{path}: no such naming-sets file") from None
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise TableError(f"{path}: no naming sets in the file (a header set, variant, forms and one row per variant)")
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    for number, row in enumerate(rows[1:], 2):
        if len(row) > len(header):
            raise TableError(f"{path}: data row {number - 1} has {len(row)} cells for {len(header)} columns "
                             f"({', '.join(header)})")
    frame = pd.DataFrame([row + [""] * (len(header) - len(row)) for row in rows[1:]], columns=header)
    return _explode(frame, str(path))

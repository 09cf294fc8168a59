"""Which record field fills which column: the schemas of crawlers and datasets, recognised by their field names.

A JSON, CSV, spreadsheet, Parquet or Arrow file keeps its own field names.  They are
mapped onto the articles frame's columns in this order: the user's ``columns=``; then,
when the file's fields carry a known schema's signature (news-please's ``maintext`` and
``source_domain``, trafilatura's ``raw_text``), that schema's fields; then the common
names of :data:`FIELD_TABLE` (``content``, ``headline``, ``pubDate``, ``المصدر`` ...),
our own column names first.  Of two candidates for one column, one that holds a value
wins over one that is always empty (news-please writes ``"text": null`` beside
``maintext``).

>>> plan_fields([{"maintext": "قال المتحدث", "text": None, "source_domain": "aljazeera.net",
...               "date_publish": "2018-07-15 17:56:56", "language": "ar"}], {})
{'maintext': 'text', 'source_domain': 'outlet', 'date_publish': 'published', 'text': 'record_text', \
'language': 'language'}
>>> text_hint([{"id": 1, "matn": "أسرت قوات المعارضة السورية المسلحة 400 عنصر من تنظيم داعش في ريف إدلب"}], {})
"field 'matn' holds long text (13 words on average): load it with columns={'matn': 'text'}"
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from analysis import lexicons
from analysis.corpus.columns import METADATA_COLUMNS, clean_value, extra_name
from analysis.corpus.readers import ReaderError
from analysis.text.normalize import normalize_alef, normalize_teh_marbuta, remove_tashkeel

__all__ = [
    "FIELD_TABLE",
    "LANGUAGE_FIELDS",
    "SCHEMA_SIGNATURES",
    "detect_schema",
    "field_key",
    "is_arabic_language",
    "plan_fields",
    "plan_note",
    "text_hint",
]

#: a named schema is recognised when a file's fields include all of one of its signatures
SCHEMA_SIGNATURES: dict[str, tuple[frozenset[str], ...]] = {
    "news-please": (frozenset({"maintext", "source_domain"}), frozenset({"maintext", "date_publish"})),
    "trafilatura": (frozenset({"raw_text"}), frozenset({"source-hostname"}), frozenset({"fingerprint", "hostname"})),
}
#: fields naming a record's language; a record in another language is skipped and counted
LANGUAGE_FIELDS = ("language", "lang", "language_code", "lang_code", "اللغة")
# Arabic and its ISO 639-3 varieties (langdetect writes "ar"; datasets write "ara", "arz", "Arabic" ...)
_ARABIC_CODES = frozenset(
    "ar ara arb arz ary arq aeb apc ajp acm afb ars acq ayl apd acw aao abv shu ssh arabic العربية عربي عربية".split()
)
#: a field holds "long text" (a body under a name we do not know) from this many words on average
HINT_MIN_WORDS = 10


def field_key(name: Any) -> str:
    """A field name as compared with the table: case, spaces, hyphens, hamza and tashkeel forgiven.

    >>> field_key(" Publish-Date"), field_key("تاريخ النشر") == field_key("تاريخ_النشر")
    ('publish_date', True)
    """
    key = str(name).strip().lower().replace(" ", "_").replace("-", "_")
    return normalize_teh_marbuta(normalize_alef(remove_tashkeel(key)))


def _table() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    lex = lexicons.load("field_schemas")
    for schema, field, column in lex.rows:
        if column not in METADATA_COLUMNS:  # a typo in the table must fail the import, not a load
            raise ValueError(f"{lex.source}: {field!r} maps to {column!r}, not a column")
        table.setdefault(schema, []).append((field_key(field), column))
    return table


#: schema -> [(field key, column)] in order of preference, from ``analysis/lexicons/field_schemas.tsv``
FIELD_TABLE = _table()


def detect_schema(names: Iterable[Any]) -> str | None:
    """The named schema whose signature the field names carry, or None.

    >>> detect_schema(["title", "maintext", "source_domain", "date_publish"]), detect_schema(["content"])
    ('news-please', None)
    """
    keys = {field_key(n) for n in names}
    for schema, signatures in SCHEMA_SIGNATURES.items():
        if any({field_key(f) for f in signature} <= keys for signature in signatures):
            return schema
    return None


def _has_value(records: list[dict[str, Any]], name: Any) -> bool:
    return any(clean_value(record.get(name)) is not None for record in records)


def plan_fields(
    records: list[dict[str, Any]], columns: dict[str, str], plan: dict[str, str] | None = None
) -> dict[str, str]:
    """Record field -> frame column, for one file of records (JSON, CSV, spreadsheet, Parquet, Arrow).

    The ``columns=`` mapping first, then the recognised schema's fields and the common
    names of :data:`FIELD_TABLE` (a field with values before one always empty); other
    fields are extra columns (``record_<name>`` if the name is one of our computed
    columns, or a column another field fills).  With ``plan`` (from the file's first
    piece) only the fields it has not met are added.  No text field in the first piece
    raises :class:`ReaderError`, naming a long-text field that ``columns=`` could map.

    >>> plan_fields([{"Title": "عاجل", "content": "نص", "path": "x"}], {"content": "text"})
    {'content': 'text', 'Title': 'title', 'path': 'record_path'}
    """
    first = plan is None
    plan = {} if plan is None else plan
    names = [k for k in dict.fromkeys(k for record in records for k in record) if k not in plan]
    taken: set[str] = {v for v in plan.values() if v in METADATA_COLUMNS}
    for name in names:  # the user's columns= mapping first
        if name in columns:
            plan[name] = columns[name]
            taken.add(plan[name])
    by_key: dict[str, list[Any]] = {}
    for name in names:
        if name not in plan:
            by_key.setdefault(field_key(name), []).append(name)
    for key, group in by_key.items():  # "text" before "Text"
        group.sort(key=lambda n, key=key: str(n) != key)
    schema = detect_schema(names) if first else None
    rows = FIELD_TABLE["common"]
    if schema is not None:
        rows = FIELD_TABLE[schema] + rows
    for column in METADATA_COLUMNS:
        if column in taken:
            continue
        candidates = [name for key, col in rows if col == column for name in by_key.get(key, []) if name not in plan]
        candidates = list(dict.fromkeys(candidates))
        if candidates:
            with_values = [n for n in candidates if _has_value(records, n)]
            plan[(with_values or candidates)[0]] = column
            taken.add(column)
    for name in names:  # the rest are extra columns, renamed if they clash with ours
        if name not in plan:
            plan[name] = f"record_{name}" if str(name) in METADATA_COLUMNS else extra_name(str(name))
    if first and "text" not in taken:
        fields = ", ".join(map(str, names)) or "none"
        hint = text_hint(records, plan)
        raise ReaderError(
            f"no text field (fields: {fields}); "
            + (hint if hint else "map one with columns=, e.g. columns={'content': 'text'}")
        )
    return plan


def plan_note(plan: dict[str, str], columns: dict[str, str], names: Iterable[Any]) -> str | None:
    """What a load-report row says about fields mapped by name (not by ``columns=``, not already ours).

    >>> plan_note({"maintext": "text", "source_domain": "outlet", "title": "title"}, {}, ["maintext", "source_domain"])
    'fields read as news-please: maintext → text, source_domain → outlet'
    """
    mapped = [
        f"{name} → {column}"
        for name, column in plan.items()
        if column in METADATA_COLUMNS and name not in columns and str(name).strip() != column
    ]
    if not mapped:
        return None
    schema = detect_schema(names)
    return f"fields read as {schema or 'common names'}: {', '.join(mapped)}"


def text_hint(records: list[dict[str, Any]], plan: dict[str, str]) -> str | None:
    """A field that holds long text although it is not the text column, and the ``columns=`` that would load it.

    Fields already read as title, url, date ... are passed over; the field whose string
    values have the most words on average wins, from :data:`HINT_MIN_WORDS` words.
    """
    best: tuple[float, Any] | None = None
    names = dict.fromkeys(k for record in records for k in record)
    for name in names:
        if plan.get(name) in METADATA_COLUMNS and plan.get(name) != "abstract":
            continue
        values = [r[name] for r in records if isinstance(r.get(name), str) and r[name].strip()]
        if not values:
            continue
        words = sum(len(v.split()) for v in values) / len(values)
        if words >= HINT_MIN_WORDS and (best is None or words > best[0]):
            best = (words, name)
    if best is None:
        return None
    words, name = best
    mapping = f"columns={{{str(name)!r}: 'text'}}"
    return f"field {str(name)!r} holds long text ({words:,.0f} words on average): load it with {mapping}"


def is_arabic_language(value: Any) -> bool | None:
    """Whether a language field's value names Arabic; None when it names nothing (empty, not a string).

    >>> is_arabic_language("ar"), is_arabic_language("ar-EG"), is_arabic_language("en"), is_arabic_language(None)
    (True, True, False, None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower()
    return code in _ARABIC_CODES or code.split("-")[0].split("_")[0] in _ARABIC_CODES

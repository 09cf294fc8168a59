"""The ``published`` column: dates in any format news files write them, as UTC nanoseconds.

RFC 2822 dates (RSS: "Sun, 15 Jul 2018 21:56:56 +0400") are parsed here, quickly; the
rest by pandas (ISO 8601 first, then any format it knows); numbers are Unix time.

>>> ns, failed = parse_published(["Sun, 15 Jul 2018 21:56:56 +0400", "2018-07-15T17:56:56Z", None, "أمس"])
>>> [str(pd.Timestamp(v, tz="UTC")) if v != NAT else "NaT" for v in ns.tolist()], failed
(['2018-07-15 17:56:56+00:00', '2018-07-15 17:56:56+00:00', 'NaT', 'NaT'], [3])
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["NAT", "parse_published"]

#: the int64 of NaT
NAT = np.iinfo(np.int64).min
_RFC2822_RE = re.compile(r"\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s")
_MIN_NS = pd.Timestamp.min.tz_localize("UTC")
_MAX_NS = pd.Timestamp.max.tz_localize("UTC")


def _rfc2822_ns(value: str) -> int | None:
    """Nanoseconds since the epoch (UTC) of an RFC 2822 date ("Sun, 15 Jul 2018 21:56:56 +0400")."""
    parts = email.utils.parsedate_tz(value)
    if parts is None:
        return None
    try:
        dt.datetime(*parts[:6])  # rejects 31 Feb and the like, which timegm would roll over
    except ValueError:
        return None
    if not 1678 <= parts[0] <= 2261:
        return None
    seconds = calendar.timegm((*parts[:6], 0, 0, 0)) - (parts[9] or 0)  # no zone given: UTC
    return seconds * 1_000_000_000


def _series_ns(parsed: pd.Series) -> np.ndarray:
    parsed = parsed.where((parsed >= _MIN_NS) & (parsed <= _MAX_NS))
    return parsed.dt.tz_convert(None).dt.as_unit("ns").to_numpy().view(np.int64)


def _pandas_ns(values: list[Any]) -> np.ndarray:
    """Parse what is not RFC 2822 with pandas: ISO 8601 first (fast), then any format it knows."""
    out = np.full(len(values), NAT, dtype=np.int64)
    strings = [i for i, v in enumerate(values) if isinstance(v, str)]
    numbers = [i for i, v in enumerate(values) if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)]
    others = sorted(set(range(len(values))) - set(strings) - set(numbers))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if strings:
            s = pd.Series([values[i] for i in strings], dtype=object)
            parsed = pd.to_datetime(s, utc=True, errors="coerce", format="ISO8601")
            retry = parsed.isna().to_numpy()
            if retry.any():
                parsed[retry] = _to_datetime_each(s[retry]).array
            out[strings] = _series_ns(parsed)
        if numbers:
            # Numbers are Unix time: seconds, or milliseconds when too large for seconds.
            n = pd.Series([_as_float(values[i]) for i in numbers])
            n = n.where(n.abs() < 1e11, n / 1000)
            out[numbers] = _series_ns(pd.to_datetime(n, unit="s", utc=True, errors="coerce"))
        if others:
            out[others] = _series_ns(_to_datetime_each(pd.Series([values[i] for i in others], dtype=object)))
    return out


def _as_float(value: Any) -> float:
    """A number as a float; one too large for a float (a JSON integer of 400 digits) is NaN, so NaT."""
    try:
        return float(value)
    except OverflowError:
        return float("nan")


def _to_datetime_each(values: pd.Series) -> pd.Series:
    """Any format pandas can guess (NaT for the rest); value by value if odd objects make pandas raise."""
    try:
        return pd.to_datetime(values, utc=True, errors="coerce", format="mixed")
    except (ValueError, TypeError, OverflowError):
        pass
    parsed = []
    for value in values:
        try:
            parsed.append(pd.to_datetime(value, utc=True, format="mixed"))
        except (ValueError, TypeError, OverflowError):
            parsed.append(pd.NaT)
    return pd.to_datetime(pd.Series(parsed, index=values.index, dtype=object), utc=True, errors="coerce")


def parse_published(values: list[Any]) -> tuple[np.ndarray, list[int]]:
    """UTC nanoseconds for each value (NaT for missing), and the indices of values that did not parse."""
    out = np.full(len(values), NAT, dtype=np.int64)
    rest: list[int] = []
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and value != value):
            continue
        if isinstance(value, str):
            if not value.strip():
                continue
            if _RFC2822_RE.match(value):
                ns = _rfc2822_ns(value)
                if ns is not None:
                    out[i] = ns
                    continue
        rest.append(i)
    failed: list[int] = []
    if rest:
        parsed = _pandas_ns([values[i] for i in rest])
        out[rest] = parsed
        failed = [i for i, ns in zip(rest, parsed.tolist(), strict=True) if ns == NAT]
    return out, failed

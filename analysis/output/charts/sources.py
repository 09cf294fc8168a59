"""Who is quoted, how often, and through which agency: stacked bars of speakers and of channels."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.errors import OptionError
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    finish,
    legend,
    new_figure,
    require_columns,
    set_title,
    style_bar_axes,
)
from analysis.output.charts.labels import LABELS, label_text
from analysis.sources.agencies import agency_names
from analysis.sources.identity import corpus_ids, display_names


def _speaker_labels(frame: pd.DataFrame, lang: str) -> pd.Series:
    speaker = frame["speaker"].astype("object") if "speaker" in frame else pd.Series(None, index=frame.index)
    role = frame["role"].astype("object") if "role" in frame else pd.Series(None, index=frame.index)
    label = speaker.where(speaker.notna() & (speaker.astype(str).str.strip() != ""), role)
    if {"speaker_id", "canonical"} <= set(frame.columns):
        # one bar per person: "أردوغان", "رجب طيب أردوغان" and "الرئيس التركي" (where the article says so),
        # one per agency: "وكالة الأناضول", "وكالة أنباء الأناضول", "الأناضول للأنباء"
        ids = corpus_ids(frame)
        label = ids.map(display_names(frame, ids)).where(ids.notna(), label)
        key = ids.str.extract(r"^(?:agency|outlet):(.+)$", expand=False)
        return label.where(key.isna(), agency_names(key, lang=lang)).where(
            label.notna() | key.notna(), label_text(lang, "unknown")).astype(str)
    if {"agency", "speaker_type"} <= set(frame.columns):
        # "وكالة الأناضول", "وكالة أنباء الأناضول" and "الأناضول للأنباء" are one speaker.
        is_agency = frame["speaker_type"].isin(["agency", "outlet"]) & frame["agency"].notna()
        label = label.where(~is_agency, agency_names(frame["agency"], lang=lang))
    return label.where(label.notna(), label_text(lang, "unknown")).astype(str)


def plot_sources(
    attributions: pd.DataFrame,
    *,
    top: int = 15,
    stack: str = "channel",
    channels_shown: int = 8,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Who is quoted, how often, and through which agency.

    ``attributions``: the attributions frame (``speaker, speaker_type, role, quote,
    channel, ...``; ``speaker`` and ``channel`` may be missing per row).  Left panel
    (right in RTL): the ``top`` speakers by number of quotes, each bar split by
    ``stack`` (``channel``: the agency it came through; or ``quote``: direct or
    indirect; or ``speaker_type``).  Other panel: quotes per agency or channel, split
    into direct and indirect.  Agencies are named from the ``agency`` key when the frame
    has one (so "لمراسل الأناضول" and "وفقا لوكالة الأناضول" are one bar); the
    ``channels_shown`` most quoted are kept and the rest grouped as "other".  Chart
    data: ``panel`` (speakers or channels), ``name``,
    ``split_by``, ``split`` (the value a bar part stands for) and ``quotes``.
    """
    require_columns(attributions, ["speaker"], "attributions")
    if stack not in ("channel", "quote", "speaker_type"):
        raise OptionError(f"stack must be 'channel', 'quote' or 'speaker_type'; got {stack!r}")
    rtl = lang == "ar" if rtl is None else rtl
    frame = pd.DataFrame({"speaker": _speaker_labels(attributions, lang)})
    for column in ("channel", "quote", "speaker_type"):
        values = attributions[column].astype("object") if column in attributions else pd.Series(None, index=frame.index)
        frame[column] = values.to_numpy()
    frame["channel"] = _agency_labels(attributions, lang, keep=channels_shown).to_numpy()
    quote_names = {q: label_text(lang, q) for q in ("direct", "mixed", "indirect")}
    frame["quote"] = frame["quote"].map(lambda q: quote_names.get(q, label_text(lang, "unknown")))
    unknown = label_text(lang, "unknown")
    frame["speaker_type"] = [label_text(lang, f"type_{t}") if f"type_{t}" in LABELS[lang] else
                             (str(t) if isinstance(t, str) else unknown) for t in frame["speaker_type"]]
    # Direct/indirect keep one grey pair in both panels, apart from the agencies' colours.
    quote_colours = {label_text(lang, "direct"): "#3d3d3d", label_text(lang, "mixed"): "#737373",
                     label_text(lang, "indirect"): "#a6a6a6", label_text(lang, "unknown"): "#d9d9d9"}

    speakers = frame["speaker"].value_counts(sort=False)
    speakers = speakers.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    table = (frame[frame["speaker"].isin(speakers)].groupby(["speaker", stack], sort=False).size()
             .rename("quotes").reset_index())
    channels = frame.groupby(["channel", "quote"], sort=False).size().rename("quotes").reset_index()
    with chart_style(font):
        fig = new_figure(11, 1.4 + 0.34 * max(len(speakers), 4))
        axes = fig.subplots(1, 2, width_ratios=[3, 2])
        main, side = (axes[1], axes[0]) if rtl else (axes[0], axes[1])
        _stacked(main, table, "speaker", stack, speakers, rtl, lang, quote_colours if stack == "quote" else None)
        main.set_title(label_text(lang, "speakers"), loc="right" if rtl else "left", fontsize="medium",
                       fontweight="bold")
        order = channels.groupby("channel")["quotes"].sum().sort_values(ascending=False, kind="stable").index.tolist()
        _stacked(side, channels, "channel", "quote", order, rtl, lang, quote_colours)
        side.set_title(label_text(lang, "channels"), loc="right" if rtl else "left", fontsize="medium",
                       fontweight="bold")
        legend(fig, main, rtl, own_axes=True, where="lower right" if rtl else "lower left", fontsize="small",
               title=label_text(lang, "channels") if stack == "channel" else None)
        legend(fig, side, rtl, own_axes=True, where="lower left" if rtl else "lower right", fontsize="small")
        set_title(fig, title, label_text(lang, "sources"), rtl)
        data = pd.concat([
            table.rename(columns={"speaker": "name", stack: "split"}).assign(panel="speakers", split_by=stack),
            channels.rename(columns={"channel": "name", "quote": "split"}).assign(panel="channels", split_by="quote"),
        ], ignore_index=True)
        cols = ["panel", "name", "split_by", "split", "quotes"]
        return finish(fig, data[cols], font)


def _agency_labels(attributions: pd.DataFrame, lang: str, *, keep: int) -> pd.Series:
    """A readable agency name per statement: the agency table's name for its key, else
    "no agency"; beyond the ``keep`` most frequent, "other"."""
    none, other = label_text(lang, "no_channel"), label_text(lang, "other")
    if "agency" in attributions:
        labels = agency_names(attributions["agency"], lang=lang)
    else:
        labels = attributions["channel"].astype("object") if "channel" in attributions else pd.Series(
            None, index=attributions.index, dtype="object")
    labels = labels.where(labels.notna(), none).astype(str)
    common = labels[labels != none].value_counts().head(keep).index
    return labels.where(labels.isin(common) | (labels == none), other)


def _stacked(ax, table: pd.DataFrame, category: str, stack: str, order: list[str], rtl: bool, lang: str,
             colours: Mapping[str, str] | None = None) -> None:
    wide = table.pivot_table(index=category, columns=stack, values="quotes", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=order, fill_value=0)
    wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for i, column in enumerate(wide.columns):
        values = wide[column].to_numpy(dtype=float)
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        ax.barh(y, values, left=left, height=0.7, color=colour, label=str(column))
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.annotate(f"{int(total):,}", (total, yi), xytext=(-4 if rtl else 4, 0), textcoords="offset points",
                    ha="right" if rtl else "left", va="center", fontsize="small")
    ax.set_yticks(y, order)
    style_bar_axes(ax, len(order), rtl=rtl, measure="count", margin=0.12, integer=True,
                   xlabel=label_text(lang, "quotes"))

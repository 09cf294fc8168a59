"""A word cloud of the most frequent terms, Arabic drawn right by Pillow."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from matplotlib.figure import Figure

from analysis.measures.terms import term_frequency
from analysis.output.charts.common import (
    chart_style,
    check_measure,
    finish,
    is_articles,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.labels import label_text
from analysis.output.charts.spellings import display_spelling
from analysis.output.fonts import font_file_for
from analysis.output.shaping import arabic_text, renderer_shapes_text


def plot_wordcloud(
    data: pd.DataFrame,
    *,
    top: int = 100,
    measure: str = "count",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    width: int = 1600,
    height: int = 900,
    prefer_horizontal: float = 1.0,
    colormap: str = "Dark2",
    background: str = "white",
    random_state: int = 0,
    title: str | None = "",
    lang: str = "ar",
    font=None,
    ax=None,
    **cloud_options,
) -> Figure:
    """A word cloud of the ``top`` terms, with Arabic drawn right by Pillow.

    The ``wordcloud`` package draws with Pillow: when Pillow shapes (built with raqm)
    the words go in as they are; otherwise they are reshaped and reordered first
    (:func:`analysis.output.shaping.arabic_text` with ``renderer="pillow"``).  Words are
    horizontal by default (``prefer_horizontal=1.0``) and the layout is reproducible
    (``random_state``).  Other keyword arguments go to ``wordcloud.WordCloud``
    (``margin``, ``max_font_size``, ``mask`` ...).  The cloud is a raster image inside
    the figure; chart data: ``term, display`` and the counts.
    """
    try:
        from wordcloud import WordCloud
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plot_wordcloud needs the 'wordcloud' package (pip install wordcloud)") from exc
    check_measure(measure, ("count", "doc_count", "share"))
    if is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
    else:
        require_columns(data, ["term", measure], "terms")
        table = data
    table = table.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top).copy()
    table.insert(1, "display", display_spelling(table).to_numpy())
    shapes = renderer_shapes_text("pillow")
    table["drawn_as"] = [arabic_text(s, "pillow", shaped=shapes) for s in table["display"]]
    frequencies = table.groupby("drawn_as", sort=False)[measure].sum().astype(float).to_dict()
    options = dict(font_path=font_file_for(table["display"], font), width=width, height=height,
                   background_color=background, colormap=colormap, prefer_horizontal=prefer_horizontal,
                   random_state=random_state, max_words=max(len(frequencies), 1), collocations=False,
                   normalize_plurals=False)
    cloud = WordCloud(**{**options, **cloud_options})
    cloud.generate_from_frequencies(frequencies)
    with chart_style(font):
        fig = ax.get_figure(root=True) if ax is not None else new_figure(width / 200, height / 200)
        ax = ax if ax is not None else fig.add_subplot()
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        set_title(ax, title, label_text(lang, "wordcloud"), lang == "ar")
        return finish(fig, table.drop(columns="drawn_as"), font, axes=[ax])

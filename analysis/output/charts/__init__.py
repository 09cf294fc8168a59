"""Report charts on top of the analysis frames, each returned as a matplotlib ``Figure``.

Every helper takes either an articles frame (it counts for you) or the frame an
analysis function returned (``term_frequency``, ``keyness``, attributions, claims),
and returns a Figure you can restyle and pass to :func:`analysis.save_figure`,
which exports it with the table it was drawn from (:func:`chart_data`).

One module per chart family: :mod:`.terms` (top terms, any counts), :mod:`.over_time`,
:mod:`.by_outlet`, :mod:`.keyness`, :mod:`.naming`, :mod:`.sources`, :mod:`.claims`, :mod:`.word_cloud`;
what they share is in :mod:`.common` (figure, bars, legends, checks), :mod:`.labels`
(titles in Arabic and English) and :mod:`.spellings` (how a counted term is shown).

Common options:

* ``lang``: ``"ar"`` (default) or ``"en"`` for titles and axis labels;
* ``rtl``: right-to-left layout, as in Arabic reports (category labels on the
  right, bars and time running leftwards); defaults to ``lang == "ar"``;
* ``font``: an Arabic font family or file (see :func:`analysis.output.fonts.arabic_font`);
* ``title``: ``None`` for the default title, ``""`` for none.

Terms are counted normalised (``ادلب``) but shown as the articles most often write
them (``إدلب``: the ``spelling`` column of the counts, or a ``display`` column you
add).  Arabic is handed to matplotlib as the renderer needs it
(:mod:`analysis.output.shaping`).  A value an option does not take (``kind=``,
``measure=``, ``lang=``) raises :class:`analysis.errors.OptionError`; a frame without a
column the chart needs raises :class:`analysis.errors.ColumnError`.
"""

from analysis.output.charts.by_outlet import plot_terms_by_outlet
from analysis.output.charts.claims import plot_claims
from analysis.output.charts.keyness import plot_keyness
from analysis.output.charts.naming import plot_naming, plot_naming_over_time
from analysis.output.charts.over_time import plot_terms_over_time
from analysis.output.charts.sources import plot_sources
from analysis.output.charts.terms import plot_counts, plot_top_terms
from analysis.output.charts.word_cloud import plot_wordcloud
from analysis.output.shaping import chart_data

__all__ = [
    "chart_data",
    "plot_counts",
    "plot_claims",
    "plot_keyness",
    "plot_naming",
    "plot_naming_over_time",
    "plot_sources",
    "plot_terms_by_outlet",
    "plot_terms_over_time",
    "plot_top_terms",
    "plot_wordcloud",
]

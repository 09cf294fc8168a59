"""Arabic news analysis: load corpora into pandas, count terms, find sources and claims, chart them.

The package is the pipeline, one folder a stage (see the README's "Layout"):
``corpus`` (load) -> ``text`` (normalise, tokens, sentences) -> ``measures`` (terms, keyness,
KWIC) and ``sources`` / ``claims`` (extraction) -> ``output`` (charts, export) -> ``report``
(notebooks, command line).  The word lists the rules read are data in ``lexicons/``.

``__all__`` lists the functions a researcher calls; everything else stays importable from its
module (``from analysis.output.shaping import fix_arabic``).

>>> import analysis
>>> articles = analysis.load_corpus("seeds")  # doctest: +SKIP
>>> analysis.term_frequency(articles, form="stem", top=3)  # doctest: +SKIP
"""

from analysis.claims import attach_sources, compare_claims, extract_claims, find_numbers, is_vague, parse_number
from analysis.claims import unit_key as unit_key
from analysis.corpus.loader import load_corpus
from analysis.errors import AnalysisError
from analysis.errors import CorpusFormatError as CorpusFormatError
from analysis.errors import CorpusNotFoundError as CorpusNotFoundError
from analysis.errors import EmptyCorpusError as EmptyCorpusError
from analysis.measures.doc_terms import doc_term_counts as doc_term_counts
from analysis.measures.furniture import content_view, find_furniture, furniture_report, furniture_summary
from analysis.measures.keyness import keyness
from analysis.measures.kwic import kwic
from analysis.measures.naming import naming, naming_mentions, naming_shares
from analysis.measures.naming_discovery import naming_candidates
from analysis.measures.naming_sets import naming_sets
from analysis.measures.overview import corpus_overview
from analysis.measures.terms import term_frequency, tfidf
from analysis.output.charts import (
    plot_claims,
    plot_counts,
    plot_keyness,
    plot_naming,
    plot_naming_over_time,
    plot_sources,
    plot_terms_by_outlet,
    plot_terms_over_time,
    plot_top_terms,
    plot_wordcloud,
)
from analysis.output.export import save_figure, save_table
from analysis.output.fonts import arabic_font as arabic_font
from analysis.output.fonts import use_arabic_font
from analysis.output.shaping import arabic_text as arabic_text
from analysis.output.shaping import assume_shaping as assume_shaping
from analysis.output.shaping import chart_data as chart_data
from analysis.output.shaping import fix_arabic as fix_arabic
from analysis.output.shaping import renderer_shapes_text as renderer_shapes_text
from analysis.output.shaping import rtl_axes as rtl_axes
from analysis.report.small_corpus import (
    CORPUS_CHARTS_FROM,
    article_list,
    article_terms,
    is_small,
    numbers_by_article,
    statements_by_article,
)
from analysis.sources.agencies import (
    agency_mentions,
    detect_agencies,
    load_agencies,
    with_agencies,
)
from analysis.sources.agencies import agency_names as agency_names
from analysis.sources.agencies import find_agencies as find_agencies
from analysis.sources.agencies import outlet_names as outlet_names
from analysis.sources.attribution import ATTRIBUTION_COLUMNS as ATTRIBUTION_COLUMNS
from analysis.sources.attribution import extract_attributions, load_reporting_verbs, reporting_verbs
from analysis.sources.summaries import agency_counts, speaker_table
from analysis.text.normalize import normalize
from analysis.text.segment import paragraphs, sentences
from analysis.text.stemming import LightStemmer as LightStemmer
from analysis.text.stemming import light_stem
from analysis.text.stopwords import arabic_stopwords
from analysis.text.tokens import tokenize
from analysis.text.variants import load_spelling_variants

# The verbs of the package, by stage.  The names imported "as" themselves above stay importable
# from ``analysis`` for code written against earlier versions, but are not part of the curated API.
__all__ = [
    # load
    "load_corpus",
    # Arabic text
    "normalize", "tokenize", "sentences", "paragraphs", "light_stem", "arabic_stopwords",
    # measures
    "term_frequency", "tfidf", "keyness", "kwic", "corpus_overview",
    "content_view", "find_furniture", "furniture_report", "furniture_summary", "load_spelling_variants",
    # naming choices
    "naming", "naming_mentions", "naming_shares", "naming_sets", "naming_candidates",
    # sources
    "extract_attributions", "speaker_table", "reporting_verbs", "load_reporting_verbs",
    "with_agencies", "detect_agencies", "agency_mentions", "agency_counts", "load_agencies",
    # claims
    "extract_claims", "attach_sources", "compare_claims", "parse_number", "find_numbers", "is_vague",
    # charts and export
    "plot_top_terms", "plot_counts", "plot_terms_over_time", "plot_terms_by_outlet", "plot_keyness",
    "plot_sources", "plot_claims", "plot_wordcloud", "plot_naming", "plot_naming_over_time",
    "use_arabic_font", "save_figure", "save_table",
    # one or a few articles, each read on its own
    "is_small", "CORPUS_CHARTS_FROM", "article_list", "statements_by_article", "numbers_by_article", "article_terms",
    # errors
    "AnalysisError",
]

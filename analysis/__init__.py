"""Arabic news analysis: load corpora into pandas, count terms, find sources and claims.

>>> import analysis
>>> articles = analysis.load_corpus("seeds")  # doctest: +SKIP
>>> analysis.term_frequency(articles, form="stem", top=3)  # doctest: +SKIP
"""

from analysis.claims.extract import attach_sources, compare_claims, extract_claims, unit_key
from analysis.claims.numbers import find_numbers, is_vague, parse_number
from analysis.corpus.loader import load_corpus
from analysis.errors import AnalysisError, CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from analysis.measures.doc_terms import doc_term_counts
from analysis.measures.keyness import keyness
from analysis.measures.kwic import kwic
from analysis.measures.overview import corpus_overview
from analysis.measures.terms import term_frequency, tfidf
from analysis.output.charts import (
    plot_claims,
    plot_counts,
    plot_keyness,
    plot_sources,
    plot_terms_by_outlet,
    plot_terms_over_time,
    plot_top_terms,
    plot_wordcloud,
)
from analysis.output.export import save_figure, save_table
from analysis.output.fonts import arabic_font, use_arabic_font
from analysis.output.shaping import arabic_text, assume_shaping, chart_data, fix_arabic, renderer_shapes_text, rtl_axes
from analysis.sources.agencies import (
    agency_mentions,
    agency_names,
    detect_agencies,
    find_agencies,
    load_agencies,
    outlet_names,
    with_agencies,
)
from analysis.sources.attribution import ATTRIBUTION_COLUMNS, extract_attributions, reporting_verbs
from analysis.sources.summaries import agency_counts, speaker_table
from analysis.text.normalize import normalize
from analysis.text.segment import paragraphs, sentences
from analysis.text.stemming import LightStemmer, light_stem
from analysis.text.stopwords import arabic_stopwords
from analysis.text.tokens import tokenize

__all__ = [
    "agency_names",
    "outlet_names",
    "ATTRIBUTION_COLUMNS",
    "agency_counts",
    "agency_mentions",
    "detect_agencies",
    "extract_attributions",
    "find_agencies",
    "load_agencies",
    "reporting_verbs",
    "speaker_table",
    "with_agencies",
    "attach_sources",
    "compare_claims",
    "extract_claims",
    "unit_key",
    "find_numbers",
    "is_vague",
    "parse_number",
    "corpus_overview",
    "plot_counts",
    "save_table",
    "AnalysisError",
    "CorpusFormatError",
    "CorpusNotFoundError",
    "EmptyCorpusError",
    "LightStemmer",
    "arabic_font",
    "arabic_stopwords",
    "arabic_text",
    "assume_shaping",
    "chart_data",
    "doc_term_counts",
    "fix_arabic",
    "keyness",
    "kwic",
    "light_stem",
    "load_corpus",
    "normalize",
    "paragraphs",
    "plot_claims",
    "plot_keyness",
    "plot_sources",
    "plot_terms_by_outlet",
    "plot_terms_over_time",
    "plot_top_terms",
    "plot_wordcloud",
    "renderer_shapes_text",
    "rtl_axes",
    "save_figure",
    "sentences",
    "term_frequency",
    "tfidf",
    "tokenize",
    "use_arabic_font",
]

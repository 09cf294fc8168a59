"""Arabic news analysis: load corpora into pandas, count terms, find sources and claims.

>>> import analysis
>>> articles = analysis.load_corpus("seeds")  # doctest: +SKIP
>>> analysis.term_frequency(articles, form="stem", top=3)  # doctest: +SKIP
"""

from .corpus import load_corpus
from .errors import AnalysisError, CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from .keyness import keyness
from .kwic import kwic
from .normalize import normalize
from .segment import paragraphs, sentences
from .stemming import LightStemmer, light_stem
from .stopwords import arabic_stopwords
from .terms import term_frequency, tfidf
from .tokens import tokenize

__all__ = [
    "AnalysisError",
    "CorpusFormatError",
    "CorpusNotFoundError",
    "EmptyCorpusError",
    "LightStemmer",
    "arabic_stopwords",
    "keyness",
    "kwic",
    "light_stem",
    "load_corpus",
    "normalize",
    "paragraphs",
    "sentences",
    "term_frequency",
    "tfidf",
    "tokenize",
]

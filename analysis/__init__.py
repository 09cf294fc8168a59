"""Arabic news analysis: load corpora into pandas, count terms, find sources and claims."""

from .errors import AnalysisError, CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from .normalize import normalize
from .stemming import LightStemmer, light_stem
from .stopwords import arabic_stopwords
from .tokens import tokenize

__all__ = [
    "AnalysisError",
    "CorpusFormatError",
    "CorpusNotFoundError",
    "EmptyCorpusError",
    "LightStemmer",
    "arabic_stopwords",
    "light_stem",
    "normalize",
    "tokenize",
]

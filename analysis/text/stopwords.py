"""Arabic stopwords for news, in normalised form.

Why this list: the `Arabic-Stopwords` package (T. Zerrouki, PyPI ``Arabic-Stopwords``)
is the maintained Arabic list that already spells out every clitic form of its ~500
lemmas (13,465 forms: "منكم", "والذي", "بأنه" ...), which plain lists such as
stopwords-iso lack; without those forms "وفي" and "بأن" top every chart.  It misses a
few words that carry no topic in news and dominate counts in the ANT corpus (we
measured the top 400 normalised words over its 31,525 articles): the reporting verbs
(قال، أضاف and their و forms: they belong to source attribution, not to topics) and
connectives such as بشكل، بسبب، بشأن، عبر، ضد، وفق، وسط، تم.  Those are added here
with their و/ف forms.  Everything is normalised with :func:`analysis.text.normalize.normalize`
defaults, so membership is tested on normalised tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from analysis.errors import OptionTypeError
from analysis.text.normalize import normalize

#: News words with no topic of their own, missing from the package list.
NEWS_STOPWORDS = (
    "قال", "قالت", "يقول", "تقول", "أضاف", "أضافت", "يضيف", "تابع", "تابعت", "كانت", "يكون", "تكون", "تم", "يتم",
    "بشكل", "بسبب", "بشأن", "عبر", "ضد", "وفق", "وفقا", "وسط", "عدة", "أحد", "إحدى", "أخرى", "آخر", "يمكن",
    "خلال", "حيث", "أيضا", "ذلك", "إلى", "على", "التي", "الذي",
)


@lru_cache(maxsize=1)
def arabic_stopwords() -> frozenset[str]:
    """The default stopword set: package forms plus :data:`NEWS_STOPWORDS`, normalised.

    >>> stops = arabic_stopwords()
    >>> all(w in stops for w in ["في", "وفي", "والذي", "بانه", "وقال", "من"])
    True
    >>> "المعارضة" in stops
    False
    """
    from arabicstopwords.arabicstopwords import stopwords_list

    forms = set(stopwords_list())
    for word in NEWS_STOPWORDS:
        forms.update((word, "و" + word, "ف" + word))
    return frozenset(normalize(w) for w in forms)


def resolve_stopwords(stopwords: bool | Iterable[str] | None) -> frozenset[str]:
    """Turn a ``stopwords=`` argument into a normalised set.

    ``True`` gives :func:`arabic_stopwords`; ``False``/``None`` nothing; any iterable of
    words is normalised and used instead.

    >>> sorted(resolve_stopwords(["إلى", "فى"]))
    ['الي', 'في']
    """
    if stopwords is True:
        return arabic_stopwords()
    if not stopwords:
        return frozenset()
    if isinstance(stopwords, str):
        raise OptionTypeError("stopwords= takes True, False or a collection of words, not a single string")
    return frozenset(normalize(w) for w in stopwords)

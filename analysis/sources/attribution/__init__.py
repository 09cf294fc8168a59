"""Who speaks in an article: reported statements with speaker, reporting verb, content and channel.

Arabic news reports speech in a few shapes, and this module reads them with rules
and word tables (no model to download):

* a reporting verb, its subject, and the content: ``وقال متحدث غرفة العمليات، ناجي
  أبو حذيفة، في حديث لمراسل الأناضول، إن ...`` (the verb first, as Arabic news
  prefers), ``وأضاف "لقد قمنا ..."`` (a direct quote), ``وأشار إلى أن ...``;
* an attribution phrase: ``..., بحسب ما ذكرت وكالة رويترز``, ``ووفقا لشهود عيان، فإن
  ...``, ``نقلا عن مصادر``;
* a wire relay: ``ونقلت وكالة الأناضول عن الوزير قوله: ...``;
* an adverbial participle that goes on with the same speaker: ``، لافتا إلى أن ...``;
* a subject before the verb: ``وكانت الوزارة قد أعلنت أن ...``, ``لكن تركيا تقول إنه ...``.

A verb with no subject ("وأضاف"، "وتابع"، "وأشار إلى أن") continues the speaker last
named in the article (``resolution="continuation"``, preferring one whose verb agreed
in gender); with nobody named before it, it stays ``unresolved`` (speaker NA) rather
than guessed; so does a participle after a clause that is not reported speech
("واستقبل الملك الوفد، مؤكدا أن ..."), whose subject the rules cannot read.  Matching
runs on normalised text (alef, yeh, tashkeel, tatweel, see :mod:`analysis.sources.agencies`)
while every reported word and offset is the original.

The rules read word lists in :mod:`analysis.lexicons` (one file per concept) and the
reporting verbs of ``analysis/lexicons/reporting_verbs.tsv``, which you extend with
``verbs=`` (see :func:`load_reporting_verbs`).  The stages, one module each: ``cues``
(verbs and phrases), ``quotes``, ``subject`` (where a statement starts, a subject before
the verb), ``content`` (the content marker), ``speaker`` and ``speaker_type`` (the noun
phrase), ``channel``, ``phrase``, ``statements`` and ``settle`` (one sentence),
``resolution`` (continuations) and ``frame`` (the rows).

Known limits: a bare object after the subject ("وأكد المتحدث حصول الغارات") is only
read when a comma and a day separate them ("أعلن الرئيس، الثلاثاء، عزم بلاده");
reporting nouns ("على القول إن") and verbs outside the table (رد، طلب، ندد، أنكر، تعهد)
are not read; continuations resolve to the last *speaker*, not to a person merely
mentioned ("ويعد خاشقجي ... وكتب: ...").

>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["a1"], "text": [
...     "وقال وزير الخارجية التركي مولود جاويش أوغلو لمراسل الأناضول، إن المحادثات مستمرة. "
...     "وأضاف: «لن نتراجع». ونوهت مصادر محلية بأن القصف توقف."]})
>>> rows = extract_attributions(arts)
>>> rows[["speaker", "speaker_type", "verb_lemma", "quote", "agency", "resolution"]].values.tolist()
[['مولود جاويش أوغلو', 'named', 'قال', 'indirect', 'anadolu', 'explicit'], \
['مولود جاويش أوغلو', 'named', 'أضاف', 'direct', 'anadolu', 'continuation'], \
['مصادر محلية', 'anonymous', 'نوه', 'indirect', nan, 'explicit']]
>>> rows["role"][0], rows["content"][1]
('وزير الخارجية التركي', 'لن نتراجع')
"""

from __future__ import annotations

import pandas as pd

from analysis import engines
from analysis.sources.attribution.context import TableLike, Tables, attribution_tables
from analysis.sources.attribution.cues import VERB_COLUMNS, load_reporting_verbs, reporting_verbs
from analysis.sources.attribution.frame import (
    ATTRIBUTION_COLUMNS,
    QUOTE_TYPES,
    RESOLUTIONS,
    SPEAKER_TYPES,
    attributions_frame,
)

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "QUOTE_TYPES",
    "RESOLUTIONS",
    "SPEAKER_TYPES",
    "VERB_COLUMNS",
    "Tables",
    "attribution_tables",
    "attributions_frame",
    "extract_attributions",
    "load_reporting_verbs",
    "reporting_verbs",
]


def extract_attributions(articles: pd.DataFrame, *, agencies: TableLike = None,
                         verbs: TableLike = None, progress: bool | None = None) -> pd.DataFrame:
    """One row per reported statement of each article: who says what, how, and through whom.

    Columns (:data:`ATTRIBUTION_COLUMNS`): ``article_id, par_no, sent_no`` (as in
    :func:`analysis.text.segment.sentences`); ``speaker`` as written (NA when unresolved);
    ``speaker_type`` (``named``, ``role``, ``institution``, ``anonymous``, ``group``
    ("المحتجون"), ``document`` ("البيان", its issuer in ``role``), ``agency``, ``outlet``);
    ``role`` ("متحدث غرفة العمليات"); ``verb`` as written without its
    conjunction ("أضاف", "نوهت", "قائلا", "بحسب") and ``verb_lemma`` ("أضاف", "نوه", "قال",
    "بحسب"); ``quote`` (``direct``, ``indirect``, ``mixed``); ``content`` (the quoted
    words, or the clause from its "أن"/"إن"); ``channel`` as written ("في حديث لمراسل
    الأناضول", "بحسب ما ذكرت", "نقلت وكالة الأناضول عن"); ``agency`` (key of the agency or
    outlet the statement came through, see :mod:`analysis.sources.agencies`); ``resolution``
    (``explicit``, ``continuation``, ``unresolved``); ``start, end`` (the statement:
    its sentence, or its part of a sentence with several) and ``content_start,
    content_end`` (``text[content_start:content_end] == content``), offsets into the
    article text; ``canonical`` (who the speaker is: the fullest name the article gives,
    "رجب طيب أردوغان" for "أردوغان" or for "الرئيس التركي" where the article writes them
    together; an agency by its table name) and ``speaker_id`` (one key per person, agency or
    source across the frame: "person:رجب طيب اردوغان", "agency:anadolu", "document:البيان"; see
    :mod:`analysis.sources.identity`).
    ``agencies``: an agencies table (see :func:`analysis.sources.agencies.load_agencies`);
    ``verbs``: reporting verbs of yours, a file or a frame added to the shipped table (see
    :func:`load_reporting_verbs`).  ``progress``: a bar over the articles (None: from
    :data:`analysis.progress.PROGRESS_FROM` articles; True, False: always, never).
    A speaker glued to "لـ" keeps its article: "وفقا للمفوضية الأوروبية" gives "المفوضية الأوروبية".

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": [
    ...     "وأضاف أن العملية مستمرة. وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا في بيان إن "
    ...     "موسكو ترفض ذلك، مشيرة إلى أن الحوار ممكن، بحسب ما نقلت وكالة سبوتنيك."]})
    >>> rows = extract_attributions(arts)
    >>> rows[["speaker", "verb", "verb_lemma", "resolution"]].values.tolist()
    [[nan, 'أضاف', 'أضاف', 'unresolved'], ['ماريا زاخاروفا', 'قالت', 'قال', 'explicit'], \
['ماريا زاخاروفا', 'مشيرة', 'أشار', 'continuation']]
    >>> rows["role"][1], rows["channel"][1], rows["agency"].tolist()
    ('المتحدثة باسم الخارجية الروسية', 'في بيان', [nan, nan, 'sputnik'])
    >>> rows["content"][2]
    'أن الحوار ممكن'

    A Dask DataFrame gives a lazy Dask frame of the same rows (see :mod:`analysis.dask_engine`).
    """
    if on_engine := engines.extract_attributions.dispatch(articles):  # e.g. Dask: the pandas work on each partition
        return on_engine(articles, agencies=agencies, verbs=verbs)
    return attributions_frame(articles, attribution_tables(agencies, verbs), progress=progress)

"""Measures over the articles frame: term tables, TF-IDF, keyness, keyword in context, overview.

* :mod:`~analysis.measures.doc_terms`: the sparse document-term table every measure starts from
  (surface, normalised or stem forms, n-grams), tokenised once per call;
* :mod:`~analysis.measures.terms`: :func:`~analysis.measures.terms.term_frequency`,
  :func:`~analysis.measures.terms.tfidf` (by outlet, period or any column);
* :mod:`~analysis.measures.keyness`: log-likelihood, Log Ratio, %DIFF and dispersion;
* :mod:`~analysis.measures.tables`: the final stage both engines share (pandas here, Dask in
  :mod:`analysis.dask_engine.counting`), so results are identical;
* :mod:`~analysis.measures.kwic`: keyword in context, clitic-aware;
* :mod:`~analysis.measures.overview`: articles per outlet, section, month.
"""

"""Arabic text for counting: normalisation, tokens, paragraphs and sentences, stems, stopwords.

* :mod:`~analysis.text.normalize`: one small function per normalisation (alef, yeh, teh
  marbuta, tashkeel, tatweel, invisible marks, digits, presentation forms) and the
  matching keys (:func:`~analysis.text.normalize.norm`) the rules use;
* :mod:`~analysis.text.tokens`: Arabic, Latin and numbers in every digit system;
* :mod:`~analysis.text.segment`: paragraphs and sentences with character offsets;
* :mod:`~analysis.text.stemming`: clitics stripped only where the corpus attests the rest;
* :mod:`~analysis.text.stopwords`: function words in every clitic form.

Display always keeps the original text; these forms are for counting and matching.
"""

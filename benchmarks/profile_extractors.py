"""Where do the extractors spend their time?  A pyinstrument profile of each, printed as a call tree.

Run on purpose (not part of the tests; pyinstrument comes with requirements-dev.txt):

    python benchmarks/profile_extractors.py [CORPUS] [--articles N] [--depth D]

CORPUS defaults to the 209-article sample; ``--articles`` keeps the first N articles (e.g. 10000 of the
full ANT archive).  Each extractor runs once, untimed, to warm its caches (compiled patterns,
lexicons), then once under the profiler.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyinstrument import Profiler  # noqa: E402

import analysis  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "sample"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--depth", type=int, default=14, help="deepest call level printed")
    args = parser.parse_args()
    articles = analysis.load_corpus(args.corpus, progress=False)
    if args.articles:
        articles = articles.head(args.articles)
    warm = articles.head(20)
    analysis.extract_attributions(warm)
    analysis.extract_claims(warm, attributions=False)
    mb = articles["text"].str.len().sum() / 1e6
    print(f"{len(articles):,} articles, {mb:.1f} M characters")
    for name, run in (("extract_attributions", lambda: analysis.extract_attributions(articles)),
                      ("extract_claims(attributions=False)",
                       lambda: analysis.extract_claims(articles, attributions=False))):
        profiler = Profiler(interval=0.002)
        profiler.start()
        run()
        profiler.stop()
        print(f"\n===== {name} =====")
        print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True,
                                   timeline=False, max_depth=args.depth) if _takes_max_depth()
              else profiler.output_text(unicode=True, color=False))


def _takes_max_depth() -> bool:
    import inspect

    from pyinstrument.renderers import ConsoleRenderer
    return "max_depth" in inspect.signature(ConsoleRenderer).parameters


if __name__ == "__main__":
    main()

"""Which engine runs a public function: a small registry, in the pattern of ``dask``'s ``Dispatch``.

The public functions (``load_corpus``, ``term_frequency``, ``extract_claims`` ...) are
written for pandas.  Another engine registers its own implementation of a function for
its frame type; the public function asks the registry first and runs the pandas code when
no engine claims the frame.  An engine is found *lazily*: ``register_lazy("dask", module)``
names the module that registers the Dask implementations, imported the first time a frame
whose type comes from the ``dask`` package reaches a public function.  So the public
modules never import an engine, ``import analysis`` never imports Dask, and an engine may
import the shared stages it needs without an import cycle.

>>> import pandas as pd
>>> top_words = Dispatch("top_words")
>>> top_words.dispatch(pd.DataFrame({"text": ["خبر"]})) is None   # pandas: the caller's own code
True
>>> @top_words.register(list)
... def _on_lists(rows):
...     return "list engine"
>>> top_words.dispatch(["خبر"])(["خبر"])
'list engine'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# Engines a user can name (load_corpus(engine=...)) and the module that registers each one's
# implementations, imported on first use.  pandas is the package's own code.
ENGINES = ("pandas", "dask")
_ENGINE_MODULES = {"dask": "analysis.dask_engine.register"}


class Dispatch:
    """Implementations of one public function by frame type (exact type or a base class)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._by_type: dict[type, Callable] = {}
        self._lazy: dict[str, str] = {}

    def register(self, cls: type) -> Callable[[Callable], Callable]:
        def decorate(func: Callable) -> Callable:
            self._by_type[cls] = func
            return func

        return decorate

    def register_lazy(self, toplevel: str, module: str) -> None:
        """Import ``module`` (which registers implementations) when a type of package ``toplevel`` arrives."""
        self._lazy[toplevel] = module

    def dispatch(self, obj: Any) -> Callable | None:
        """The implementation registered for ``type(obj)``, or None (the pandas code applies)."""
        for cls in type(obj).__mro__:
            if cls in self._by_type:
                return self._by_type[cls]
        toplevel = type(obj).__module__.split(".", 1)[0]
        module = self._lazy.pop(toplevel, None)
        if module is not None:
            importlib.import_module(module)
            return self.dispatch(obj)
        return None


def _dispatch(name: str) -> Dispatch:
    table = Dispatch(name)
    for toplevel, module in _ENGINE_MODULES.items():
        table.register_lazy(toplevel, module)
    return table


# One table per public function that accepts another engine's frames.
term_frequency = _dispatch("term_frequency")
tfidf = _dispatch("tfidf")
keyness = _dispatch("keyness")
extract_claims = _dispatch("extract_claims")
extract_attributions = _dispatch("extract_attributions")


def loader(engine: str) -> Callable | None:
    """The ``load_corpus`` of a named engine (None for pandas); its module imported on first use.

    Raises ImportError naming the missing package when the engine's dependencies are absent.
    """
    if engine == "pandas":
        return None
    module = importlib.import_module(_ENGINE_MODULES[engine])
    return module.load_corpus

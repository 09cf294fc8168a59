"""Arabic text that reads right in every chart: shape and reorder only where the renderer does not.

Two kinds of renderers draw our charts:

* renderers that **shape** (join Arabic letters into their contextual forms) and
  **reorder** (apply the Unicode bidi algorithm) by themselves: matplotlib 3.11+
  built with libraqm (``matplotlib.ft2font.__libraqm_version__``), Pillow built
  with raqm (``PIL.features.check("raqm")``) and therefore the ``wordcloud``
  package on top of it.  They must get the plain logical string, as typed;
* renderers that draw one glyph per character from left to right: matplotlib
  before 3.11, matplotlib's own cairo backend, Pillow without raqm.  They need the
  classic recipe: ``arabic_reshaper.reshape`` (contextual presentation forms) then
  the bidi algorithm (visual order, with mirrored brackets).

Giving the recipe's output to a shaping renderer reverses the text (the renderer
reorders it a second time), so :func:`arabic_text` decides by the renderer, leaves
text that is already in visual form alone (never shapes twice), and on a shaping
renderer turns such pre-shaped text back into logical order (:func:`logical_text`).

:func:`fix_arabic` applies this to every text of a figure - titles, axis labels,
tick labels (through their formatters, so it survives redraws), legends,
annotations, bar labels, table cells - and the chart helpers and
:func:`analysis.output.export.save_figure` call it for you.  On matplotlib 3.11 with
libraqm it changes nothing: raw Arabic strings are already right there.

>>> arabic_text("400 عنصر", shaped=True)
'400 عنصر'
>>> arabic_text("400 عنصر", shaped=False)
'ﺮﺼﻨﻋ 400'
>>> logical_text(arabic_text("الأناضول (Anadolu)", shaped=False))
'الأناضول (Anadolu)'
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import weakref
from collections.abc import Iterator

import pandas as pd
from matplotlib.axis import Axis
from matplotlib.text import Text
from matplotlib.ticker import Formatter

from analysis.errors import OptionError

RENDERERS = ("matplotlib", "pillow")

# Hebrew, Arabic, Syriac, Thaana, NKo ... and the Arabic presentation forms: characters that
# make a string need bidi treatment.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Arabic presentation forms (A and B): the output of arabic_reshaper, i.e. text already shaped.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")

_overrides: dict[str, bool] = {}
# Charts' data, kept beside the figure for export (a figure is never copied, so identity is enough).
_chart_data: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# --- what the renderer can do -------------------------------------------------------------


def matplotlib_shapes_text(backend: str | None = None) -> bool:
    """True when matplotlib lays text out with libraqm (3.11+) and the backend uses that layout.

    Matplotlib's own cairo backends draw with cairo's "toy" text API, which neither
    shapes nor reorders; every other built-in backend (Agg for PNG, SVG, PDF, PS,
    and the GUI backends on top of Agg) lays text out through ``ft2font``.
    """
    import matplotlib
    from matplotlib import ft2font

    if not hasattr(ft2font, "__libraqm_version__"):
        return False
    backend = (backend or matplotlib.get_backend() or "").lower()
    return not ("cairo" in backend and "mplcairo" not in backend)


def pillow_shapes_text() -> bool:
    """True when Pillow (and so ``wordcloud``) shapes and reorders text: built with raqm and FriBiDi."""
    from PIL import features

    try:
        return bool(features.check_feature("raqm")) and bool(features.check_feature("fribidi"))
    except ValueError:  # an old Pillow that does not know the "fribidi" feature
        return bool(features.check_feature("raqm"))


def renderer_shapes_text(renderer: str = "matplotlib") -> bool:
    """Does ``renderer`` (``"matplotlib"`` or ``"pillow"``) shape and reorder Arabic by itself?

    :func:`assume_shaping` overrides the answer (for tests, or renderers this
    cannot see, such as a cairo canvas behind a notebook).
    """
    if renderer not in RENDERERS:
        raise OptionError(f"renderer must be one of {', '.join(RENDERERS)}; got {renderer!r}")
    if renderer in _overrides:
        return _overrides[renderer]
    return matplotlib_shapes_text() if renderer == "matplotlib" else pillow_shapes_text()


@contextlib.contextmanager
def assume_shaping(shapes: bool, renderer: str = "matplotlib") -> Iterator[None]:
    """Within the block, treat ``renderer`` as shaping (True) or not (False), whatever was detected."""
    if renderer not in RENDERERS:
        raise OptionError(f"renderer must be one of {', '.join(RENDERERS)}; got {renderer!r}")
    previous = _overrides.get(renderer)
    _overrides[renderer] = bool(shapes)
    try:
        yield
    finally:
        if previous is None:
            _overrides.pop(renderer, None)
        else:
            _overrides[renderer] = previous


# --- strings --------------------------------------------------------------------------------


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds Arabic (or other right-to-left) letters.

    >>> has_rtl("Reuters 2018"), has_rtl("رويترز")
    (False, True)
    """
    return bool(_RTL.search(text))


def is_visual(text: str) -> bool:
    """Whether ``text`` is already shaped for a non-shaping renderer (holds presentation forms).

    >>> is_visual("المعارضة"), is_visual("\\ufe94\\ufebf\\ufead\\ufe8e\\ufecc\\ufee4\\ufedf\\ufe8d")
    (False, True)
    """
    return bool(_PRESENTATION.search(text))


def _reshape(line: str) -> str:
    import arabic_reshaper

    return arabic_reshaper.reshape(line)


def _bidi_display(line: str, base_dir: str | None = None) -> str:
    # python-bidi's pure-Python algorithm applies rule L4 (mirrors brackets and guillemets
    # inside right-to-left runs); its Rust get_display (0.5+) leaves "(" as "(".
    try:
        from bidi.algorithm import get_display
    except ImportError:  # pragma: no cover - python-bidi without the Python implementation
        from bidi import get_display
    return get_display(line, base_dir=base_dir)


def visual_text(text: str) -> str:
    """The classic recipe, for renderers that do not shape: contextual forms in visual order.

    Line by line: ``arabic_reshaper.reshape`` then the bidi algorithm.  Text that is
    already visual, or holds no Arabic, comes back unchanged (never shaped twice).

    >>> visual_text("«دحر الغزاة»") == visual_text(visual_text("«دحر الغزاة»"))
    True
    >>> visual_text("Reuters 2018")
    'Reuters 2018'
    """
    if not has_rtl(text) or is_visual(text):
        return text
    return "\n".join(_bidi_display(_reshape(line)) if has_rtl(line) else line for line in text.split("\n"))


def _base_dir(text: str) -> str:
    rtl = sum(1 for c in text if unicodedata.bidirectional(c) in ("R", "AL"))
    ltr = sum(1 for c in text if unicodedata.bidirectional(c) == "L")
    return "R" if rtl >= ltr else "L"


def _unshape(visual: str) -> str:
    out = []
    for char in visual:
        if _PRESENTATION.match(char):
            plain = unicodedata.normalize("NFKC", char)
            # A ligature (lam-alef) holds its letters in logical order; in a visual string
            # they must read right to left like their neighbours.
            out.append(plain[::-1] if len(plain) > 1 and has_rtl(plain) else plain)
        else:
            out.append(char)
    return "".join(out)


def logical_text(text: str) -> str:
    """Undo the classic recipe: visual-order presentation forms back to the logical string.

    For labels written with ``get_display(arabic_reshaper.reshape(s))`` for an older
    matplotlib, which a shaping renderer draws reversed.  Text without presentation
    forms is returned as it is.  (Diacritics the recipe dropped cannot come back.)

    >>> import arabic_reshaper
    >>> from bidi.algorithm import get_display
    >>> logical_text(get_display(arabic_reshaper.reshape("قال: لقد قمنا بأسر 400 عنصر")))
    'قال: لقد قمنا بأسر 400 عنصر'
    """
    if not is_visual(text):
        return text
    lines = []
    for line in text.split("\n"):
        plain = _unshape(line)
        lines.append(_bidi_display(plain, base_dir=_base_dir(plain)) if has_rtl(plain) else plain)
    return "\n".join(lines)


def arabic_text(text: str, renderer: str = "matplotlib", *, shaped: bool | None = None, repair: bool = True) -> str:
    """``text`` as ``renderer`` must receive it to draw it right.

    ``shaped``: whether the renderer shapes and reorders by itself (default: detected,
    :func:`renderer_shapes_text`).  A shaping renderer gets the logical string (and,
    with ``repair``, pre-shaped text is turned back into it); any other renderer gets
    :func:`visual_text`.  Strings without Arabic and matplotlib math (``$...$``) are
    returned unchanged.

    >>> arabic_text("مصادر محلية", shaped=True)
    'مصادر محلية'
    >>> arabic_text("مصادر محلية", shaped=False) == visual_text("مصادر محلية")
    True
    """
    if not isinstance(text, str) or not has_rtl(text) or len(_UNESCAPED_DOLLAR.findall(text)) >= 2:
        return text
    if shaped is None:
        shaped = renderer_shapes_text(renderer)
    if shaped:
        return logical_text(text) if repair else text
    return visual_text(text)


# --- figures --------------------------------------------------------------------------------


class ArabicFormatter(Formatter):
    """Wraps a tick formatter so that the labels it makes are :func:`arabic_text` for the renderer.

    :func:`fix_arabic` installs it; it asks the renderer question at every draw, so the
    same figure can be saved by shaping and non-shaping backends alike.
    """

    def __init__(self, inner: Formatter, renderer: str = "matplotlib"):
        self.inner = inner
        self.renderer = renderer

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def __call__(self, x, pos=None):
        return arabic_text(self.inner(x, pos), self.renderer)

    def format_ticks(self, values):
        return [arabic_text(s, self.renderer) for s in self.inner.format_ticks(values)]

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    @property
    def locs(self):
        return self.inner.locs

    @locs.setter
    def locs(self, value):
        self.inner.locs = value

    def get_offset(self):
        return arabic_text(self.inner.get_offset(), self.renderer)

    def format_data(self, value):
        return self.inner.format_data(value)

    def format_data_short(self, value):
        return self.inner.format_data_short(value)

    def __getattr__(self, name):
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)


def _formatter_needs_help(axis, which: str, formatter, shapes: bool) -> bool:
    """Wrap a tick formatter only when its labels hold Arabic that this renderer cannot draw as typed.

    Wrapping is avoided where it is not needed (matplotlib 3.11 with plain Arabic), since
    a few matplotlib methods (``ticklabel_format``) insist on the original formatter class.
    """
    locs = axis.get_majorticklocs() if which == "major" else axis.get_minorticklocs()
    try:
        labels = formatter.format_ticks(list(locs))
    except Exception:  # a formatter that cannot label these ticks yet: leave it be
        return False
    labels = [s for s in labels if isinstance(s, str)]
    if shapes:
        return any(is_visual(s) for s in labels)
    return any(has_rtl(s) for s in labels)


def fix_arabic(obj, renderer: str = "matplotlib"):
    """Make every text of a figure (or of the figure of an Axes) right for ``renderer``.

    Titles, suptitles, axis labels, legend entries and titles, annotations, bar
    labels, table cells and figure texts are rewritten with :func:`arabic_text`;
    tick labels that need it get an :class:`ArabicFormatter`, so they stay right when
    redrawn.
    The logical string of each text is remembered, so calling this again (or for
    another renderer) never shapes twice.  Returns the figure.
    """
    fig = obj.get_figure(root=True)
    if fig is None:
        raise OptionError("fix_arabic needs a Figure, or an Axes that belongs to one")
    shapes = renderer_shapes_text(renderer)
    tick_texts: set[int] = set()
    for axis in fig.findobj(Axis):
        for ticks in (axis.majorTicks, axis.minorTicks):
            for tick in ticks:
                tick_texts.update((id(tick.label1), id(tick.label2)))
        for which in ("major", "minor"):
            formatter = axis.get_major_formatter() if which == "major" else axis.get_minor_formatter()
            if isinstance(formatter, ArabicFormatter):
                formatter.renderer = renderer
            elif _formatter_needs_help(axis, which, formatter, shapes):
                wrapped = ArabicFormatter(formatter, renderer)
                if which == "major":
                    axis.set_major_formatter(wrapped)
                else:
                    axis.set_minor_formatter(wrapped)
    for text in fig.findobj(Text):
        if id(text) in tick_texts or text.get_usetex():
            continue
        current = text.get_text()
        memory = getattr(text, "_analysis_arabic", None)
        if memory is not None and current == memory[1]:
            logical = memory[0]
        else:
            logical = logical_text(current) if isinstance(current, str) else current
        shown = arabic_text(logical, renderer)
        if shown != current:
            text.set_text(shown)
        if isinstance(logical, str) and has_rtl(logical):
            text._analysis_arabic = (logical, shown)
    return fig


# --- right-to-left layout -------------------------------------------------------------------


def rtl_axes(ax, *, category_axis: str = "y"):
    """Lay an Axes out right to left, as Arabic reports do.

    ``category_axis="y"`` (horizontal bars): category labels on the right and bars
    growing leftwards.  ``"x"`` (time or category along x): x runs right to left and
    the value axis sits on the right.  The title moves to the right edge.  Calling it
    twice leaves the layout as after one call.
    """
    if category_axis not in ("x", "y"):
        raise OptionError(f"category_axis must be 'x' or 'y'; got {category_axis!r}")
    if not ax.xaxis_inverted():
        ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.spines["left"].set_visible(False)
    ax.spines["right"].set_visible(True)
    for loc in ("left", "center"):
        title = ax.get_title(loc)
        if title:
            ax.set_title("", loc=loc)
            ax.set_title(title, loc="right")
    return ax


def rtl_legend(ax, **kwargs):
    """A legend for right-to-left reading: markers on the right of the labels, right-aligned."""
    kwargs.setdefault("markerfirst", False)
    kwargs.setdefault("alignment", "right")
    return ax.legend(**kwargs)


# --- the data behind a chart ----------------------------------------------------------------


def set_chart_data(fig, data: pd.DataFrame) -> None:
    """Remember the table behind ``fig`` (exported beside it as CSV by ``save_figure``)."""
    _chart_data[fig] = data


def chart_data(fig) -> pd.DataFrame | None:
    """The table a chart helper drew ``fig`` from (None for figures made another way)."""
    return _chart_data.get(fig)

"""Fonts for Arabic charts: a real Arabic face when one is installed, DejaVu Sans otherwise.

Matplotlib draws each character with the first font of ``font.family`` that has a
glyph for it, so the family list used here is ``[<Arabic font>, "DejaVu Sans"]``:
Arabic letters come from the Arabic font, and Latin letters, brackets or ``%``
(which Noto Naskh Arabic does not have) fall back to DejaVu Sans, which matplotlib
bundles.  DejaVu Sans covers Arabic too, so a machine without any Arabic font still
draws correct, if plainer, text.

Which font is chosen, in order:

1. the ``font`` argument: an installed family name or a ``.ttf``/``.otf`` file;
2. the ``ANALYSIS_ARABIC_FONT`` environment variable (same forms);
3. the first installed of :data:`ARABIC_FAMILIES` (Debian: ``fonts-noto-core`` has
   Noto Naskh/Sans Arabic, ``fonts-hosny-amiri`` has Amiri);
4. DejaVu Sans.

The first time a choice is used, one line on stdout says which font it is (a notice, not a
warning: in JupyterLab it shows as plain output, not as a red stderr box).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager

from analysis.errors import FontError

#: Arabic families tried in order when no font is named.
ARABIC_FAMILIES = (
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Amiri",
    "Noto Naskh Arabic UI",
    "Noto Sans Arabic UI",
    "Scheherazade New",
    "Noto Kufi Arabic",
)
#: Bundled with matplotlib: covers Latin, digits, punctuation and Arabic.
FALLBACK_FAMILY = "DejaVu Sans"
#: Environment variable naming a font family or file to use.
FONT_ENV = "ANALYSIS_ARABIC_FONT"

# Letters a font must draw to count as an Arabic font (alef, ain, lam, heh, yeh).
_PROBE = "\u0627\u0639\u0644\u0647\u064a"
_announced: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class FontChoice:
    """The font used for Arabic text: its family, file, and whether it is a dedicated Arabic face."""

    family: str
    path: str
    arabic: bool

    @property
    def families(self) -> list[str]:
        """The ``font.family`` fallback list: this font first, then DejaVu Sans for what it lacks."""
        return [self.family] if self.family == FALLBACK_FAMILY else [self.family, FALLBACK_FAMILY]

    def describe(self) -> str:
        if not self.arabic:
            return (f"no Arabic font found, Arabic text uses {self.family} ({self.path}); install Debian's "
                    f"fonts-noto-core or fonts-hosny-amiri, or name a font file with font=... or ${FONT_ENV}")
        fallback = "" if self.family == FALLBACK_FAMILY else f"; Latin letters and symbols from {FALLBACK_FAMILY}"
        return f"Arabic text uses the font {self.family} ({self.path}){fallback}"


def _covers_arabic(path: str) -> bool:
    return _covers(path, set(_PROBE))


def _installed(family: str) -> str | None:
    """The file matplotlib uses for ``family``, or None when it is not installed."""
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return None
    return path


def _from_file(path: Path) -> FontChoice:
    if not path.is_file():
        raise FontError(f"font file not found: {path}; give the path of an installed .ttf/.otf file or a family name")
    if not _covers_arabic(str(path)):
        raise FontError(f"{path} has no Arabic letters; name an Arabic font such as Noto Naskh Arabic or Amiri")
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    return FontChoice(family, str(path), arabic=family != FALLBACK_FAMILY)


def _from_name(name: str) -> FontChoice:
    if Path(name).suffix.lower() in {".ttf", ".otf", ".ttc"} or os.sep in name:
        return _from_file(Path(name).expanduser())
    path = _installed(name)
    if path is None:
        available = ", ".join(f for f in ARABIC_FAMILIES if _installed(f)) or "none"
        raise FontError(f"font family {name!r} is not installed (Arabic families found: {available})")
    if not _covers_arabic(path):
        raise FontError(f"font family {name!r} ({path}) has no Arabic letters")
    return FontChoice(name, path, arabic=name != FALLBACK_FAMILY)


@lru_cache(maxsize=32)
def _choose(font: str | None, env: str | None) -> FontChoice:
    if font:
        return _from_name(font)
    if env:
        return _from_name(env)
    for attempt in range(2):
        for family in ARABIC_FAMILIES:
            path = _installed(family)
            if path and _covers_arabic(path):
                return FontChoice(family, path, arabic=True)
        if attempt == 0 and not _register_system_arabic_fonts():
            break
    return FontChoice(FALLBACK_FAMILY, font_manager.findfont(FALLBACK_FAMILY), arabic=False)


def _register_system_arabic_fonts() -> int:
    """Add Arabic font files installed after matplotlib cached its font list (e.g. by apt-get in CI)."""
    added = 0
    for path in font_manager.findSystemFonts():
        name = Path(path).name.lower()
        if "arabic" in name or "amiri" in name or "scheherazade" in name:
            try:
                font_manager.fontManager.addfont(path)
                added += 1
            except (OSError, RuntimeError, ValueError):
                continue
    return added


def arabic_font(font: str | os.PathLike | None = None, *, announce: bool = True) -> FontChoice:
    """The font to draw Arabic with (see the module docstring for the order of choice).

    ``font`` is an installed family name (``"Amiri"``) or a font file.  A named font
    that is missing or has no Arabic letters raises an error rather than silently
    drawing something else.  The first use of each choice prints one line on stdout.

    >>> choice = arabic_font(announce=False)
    >>> choice.families[-1]
    'DejaVu Sans'
    """
    choice = _choose(os.fspath(font) if font is not None else None, os.environ.get(FONT_ENV) or None)
    if announce:
        announce_font(choice)
    return choice


def announce_font(choice: FontChoice) -> None:
    """Tell the user, once per process and font, which font Arabic text is drawn with."""
    key = (choice.family, choice.path)
    if key not in _announced:
        _announced.add(key)
        print(f"analysis: {choice.describe()}", file=sys.stdout, flush=True)


def font_rc(font: str | os.PathLike | None = None, *, announce: bool = True) -> dict[str, object]:
    """Matplotlib rc settings that draw Arabic with :func:`arabic_font`, for ``plt.rc_context``.

    >>> font_rc(announce=False)["font.family"][-1]
    'DejaVu Sans'
    """
    choice = arabic_font(font, announce=announce)
    return {"font.family": choice.families, "svg.fonttype": "path", "pdf.fonttype": 42, "ps.fonttype": 42}


def use_arabic_font(font: str | os.PathLike | None = None, *, announce: bool = True) -> FontChoice:
    """Make every later matplotlib figure draw Arabic with :func:`arabic_font` (changes ``rcParams``).

    For one figure only, use ``with plt.rc_context(analysis.output.fonts.font_rc()): ...``.
    """
    import matplotlib as mpl

    choice = arabic_font(font, announce=announce)
    mpl.rcParams.update(font_rc(font, announce=False))
    return choice


def _covers(path: str, chars: set[str]) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(c)) for c in chars)


def font_file_for(texts, font: str | os.PathLike | None = None) -> str:
    """One font file that has every character of ``texts``, for renderers without font fallback.

    Pillow (and so ``wordcloud``) draws a whole string with one font file, so a word
    cloud mixing Arabic and "CNN" needs a font with both: the :func:`arabic_font`
    choice when it has them all, else the first installed Arabic family that does
    (Amiri has Latin), else DejaVu Sans.

    >>> font_file_for(["إدلب", "CNN"]).endswith((".ttf", ".otf"))
    True
    """
    chars = {c for text in texts for c in str(text) if c.isprintable() and not c.isspace()}
    choice = arabic_font(font)
    candidates = [choice.path]
    candidates += [p for p in (_installed(f) for f in ARABIC_FAMILIES) if p]
    candidates.append(font_manager.findfont(FALLBACK_FAMILY))
    for path in dict.fromkeys(candidates):
        if _covers(path, chars):
            return path
    return choice.path

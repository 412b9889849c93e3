"""What the machine must provide beyond Python packages, checked before it is needed.

PDF reports need a font that covers every letter of the report (DejaVu Sans: Latin with
diacritics, Cyrillic, Kazakh), which pip cannot install; printing an HTML report through
WeasyPrint also needs the Pango library. Without them the renderers fail with a traceback
from deep inside their bindings, or silently print empty boxes for the letters they cannot
find. Here each lack becomes one sentence that names the package to install.
"""

from __future__ import annotations

import glob
import os
import unicodedata
from functools import lru_cache

INSTALL_PANGO = ("Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
                 "macOS: brew install pango")
INSTALL_FONTS = "Debian/Ubuntu: sudo apt-get install fonts-dejavu-core; macOS: brew install --cask font-dejavu"

# Where fontconfig looks on the systems the README names; $ASSESS_FONT_DIRS adds others.
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
              "/Library/Fonts", "~/Library/Fonts", "/System/Library/Fonts",
              "/opt/homebrew/share/fonts")
REPORT_FONT = "DejaVuSans.ttf"  # the face reports/report.css asks for


class MissingSystemPackage(Exception):
    """A system package the requested output needs is not installed."""


def require_pango() -> None:
    """Raise MissingSystemPackage unless WeasyPrint (and so Pango) loads."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi at import)
    except OSError as error:
        raise MissingSystemPackage(
            f"cannot print HTML to PDF: the Pango library is not installed ({INSTALL_PANGO}); "
            f"the loader said: {' '.join(str(error).split())[:160]}") from None


def check_pdf_support(text: str) -> None:
    """Raise MissingSystemPackage unless the report font is installed and, with the other
    installed fonts, covers every letter of `text`."""
    font = report_font()
    if font is None:
        raise MissingSystemPackage(
            f"cannot make a PDF: the report font DejaVu Sans is not installed ({INSTALL_FONTS})")
    missing = uncovered_letters(text, font)
    if missing:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:8])
        raise MissingSystemPackage(
            f"cannot make a PDF: no installed font has a glyph for {shown}; the PDF would "
            "print empty boxes (install a font that covers this script, such as Noto, or "
            "write the text in Latin or Cyrillic letters)")


@lru_cache(maxsize=1)
def report_font() -> str | None:
    """The path of DejaVu Sans, or None where no known font folder holds it."""
    dirs = list(_FONT_DIRS) + [d for d in os.environ.get("ASSESS_FONT_DIRS", "").split(os.pathsep) if d]
    for folder in dirs:
        found = glob.glob(os.path.join(os.path.expanduser(folder), "**", REPORT_FONT),
                          recursive=True)
        if found:
            return sorted(found)[0]
    return None


@lru_cache(maxsize=None)
def _codepoints(font: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # shipped with matplotlib, which reports need anyway

    with TTFont(font, lazy=True) as face:
        return frozenset(face.getBestCmap())


def uncovered_letters(text: str, font: str) -> list[str]:
    """The letters and symbols of `text` that neither the report font nor any other installed
    font can print (fontconfig falls back to other fonts), each once, in order."""
    covered = _codepoints(font)
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) in covered or char in missing:
            continue
        if unicodedata.category(char)[0] in "LNS":  # letters, digits, symbols: not spaces
            missing[char] = None
    if missing:  # rare: look through the other fonts only then
        for other in _installed_fonts():
            if other == font:
                continue
            try:
                codepoints = _codepoints(other)
            except Exception:  # a font file fontTools cannot read: fontconfig may not either
                continue
            for char in [c for c in missing if ord(c) in codepoints]:
                del missing[char]
            if not missing:
                break
    return list(missing)


@lru_cache(maxsize=1)
def _installed_fonts() -> tuple[str, ...]:
    dirs = list(_FONT_DIRS) + [d for d in os.environ.get("ASSESS_FONT_DIRS", "").split(os.pathsep) if d]
    found: list[str] = []
    for folder in dirs:
        for pattern in ("*.ttf", "*.otf", "*.TTF", "*.OTF"):
            found.extend(glob.glob(os.path.join(os.path.expanduser(folder), "**", pattern),
                                   recursive=True))
    return tuple(sorted(set(found)))

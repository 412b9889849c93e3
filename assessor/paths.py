"""Where the bundled data lives: rules/ and reports/ at the top of a checkout (the design
card), installed inside the package (assessor/rules, assessor/reports) by pyproject.toml."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def bundled(*parts: str) -> Path:
    """The folder `parts` of the checkout this package runs from, else of the install."""
    if (_CHECKOUT / "pyproject.toml").is_file() and _CHECKOUT.joinpath(*parts).is_dir():
        return _CHECKOUT.joinpath(*parts)
    return _PACKAGE.joinpath(*parts)

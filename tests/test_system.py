"""A machine without the system packages a PDF needs gets one sentence, not a traceback."""

from __future__ import annotations

import builtins
import re

import pytest
import yaml
from click.testing import CliRunner

from assessor import system
from assessor.cli import main
from assessor.pdf import html_to_pdf
from tests.conftest import SMAILOVA


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--engine", "reference", "-q"])


def test_without_pango_printing_html_says_which_package_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(system.MissingSystemPackage,
                       match=r"^cannot print HTML to PDF: the Pango library is not installed "
                             r"\(Debian/Ubuntu: sudo apt-get install libpango-1.0-0"):
        html_to_pdf("<p>x</p>")


def test_without_the_report_font_the_pdf_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(system, "_FONT_DIRS", (str(tmp_path / "no-fonts"),))
    monkeypatch.delenv("ASSESS_FONT_DIRS", raising=False)
    system.report_font.cache_clear()
    try:
        result = run(str(SMAILOVA), "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    finally:
        system.report_font.cache_clear()
    assert result.exit_code == 1
    assert "the report font DejaVu Sans is not installed" in result.stderr
    assert "fonts-dejavu-core" in result.stderr


def test_a_name_in_a_script_the_font_lacks_is_named_not_printed_as_boxes(tmp_path):
    if system.report_font() is None:
        pytest.skip("DejaVu Sans is not installed here (the README's system requirements)")
    case = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    case["person"]["name"] = "王小明"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    result = run(str(path), "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1, result.output
    assert re.search(r"no installed font has a glyph for 王 \(U\+738B\) 小 \(U\+5C0F\) 明", result.stderr)
    assert not (tmp_path / "r.pdf").exists()


def test_cyrillic_kazakh_and_latin_diacritics_are_covered():
    font = system.report_font()
    if font is None:
        pytest.skip("DejaVu Sans is not installed here (the README's system requirements)")
    assert system.uncovered_letters("Смаилова Жанара Қазақстан Ұлы Núñez Strauß Şahin", font) == []

"""The default Word template (`reports/memorandum.docx`) and the styles every document needs.

A firm replaces the template with its own (letterhead in the header, its fonts and heading
styles); the memorandum and the drafts only use styles by name. A style the firm's template
lacks is added with these defaults, so any .docx saved from Word works as a template.

Rebuild the bundled template with `python -m assessor.documents.template reports/memorandum.docx`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# A serif every office machine has; LibreOffice substitutes the metric-compatible
# Liberation Serif. Both cover Latin with diacritics and Cyrillic, Kazakh letters included.
BODY_FONT = "Times New Roman"
DARK_RED = RGBColor(0x8B, 0x00, 0x00)
GREY = RGBColor(0x55, 0x55, 0x55)

# what the documents need beyond Word's built-in styles
CUSTOM_STYLES = ("Privilege Marking", "Lawyer Note", "Small Print", "Gap", "Memo Label",
                 "Table Text")


def ensure_styles(document) -> None:
    """Add the styles the documents use that `document`'s template does not define."""
    styles = document.styles
    names = {s.name for s in styles}
    if "Privilege Marking" not in names:
        style = styles.add_style("Privilege Marking", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.bold = True
        style.font.all_caps = True
        style.font.size = Pt(9)
        style.font.color.rgb = DARK_RED
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(4)
    if "Lawyer Note" not in names:
        style = styles.add_style("Lawyer Note", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.italic = True
        style.font.color.rgb = GREY
        _shade(style.element, "F2F2F2")
        style.paragraph_format.left_indent = Mm(4)
    if "Small Print" not in names:
        style = styles.add_style("Small Print", WD_STYLE_TYPE.CHARACTER)
        style.font.size = Pt(7.5)
        style.font.color.rgb = GREY
    if "Gap" not in names:
        style = styles.add_style("Gap", WD_STYLE_TYPE.CHARACTER)
        style.font.bold = True
        _shade(style.element, "FFF2A8", run=True)
    if "Table Text" not in names:
        style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Pt(9)
        style.paragraph_format.space_after = Pt(0)
    if "Memo Label" not in names:
        style = styles.add_style("Memo Label", WD_STYLE_TYPE.CHARACTER)
        style.font.bold = True


def _shade(style_element, fill: str, run: bool = False) -> None:
    tag = "w:rPr" if run else "w:pPr"
    properties = style_element.find(qn(tag))
    if properties is None:
        properties = style_element.makeelement(qn(tag), {})
        style_element.append(properties)
    properties.append(properties.makeelement(qn("w:shd"), {
        qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}))


def build(path: Path) -> None:
    """Write the default template: A4, serif body, styled headings, empty header and body."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    fonts = normal.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), BODY_FONT)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 14), (2, 12), (3, 11)):
        heading = styles[f"Heading {level}"]
        heading.font.name = BODY_FONT
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        heading.paragraph_format.keep_with_next = True
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            heading.element.rPr.rFonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            heading.element.rPr.rFonts.set(qn(attribute), BODY_FONT)
    title = styles["Title"]
    title.font.name = BODY_FONT
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        title.element.rPr.rFonts.attrib.pop(qn(attribute), None)
    ensure_styles(document)
    properties = document.core_properties
    properties.author = ""
    properties.title = "Memorandum"
    properties.comments = ("Template of the extradition risk assessor's memorandum and "
                           "drafts: replace the header with your letterhead and restyle.")
    # the body stays empty: the documents are appended after whatever the template holds
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    document.save(str(path))


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "reports/memorandum.docx"))

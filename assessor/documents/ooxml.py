"""What python-docx has no API for, written as the OOXML (ECMA-376) it stands for.

- Real footnotes: a `word/footnotes.xml` part related to the document, with the two
  separator notes Word expects (ids -1 and 0), and a `w:footnoteReference` run for each note,
  so that Word and LibreOffice number, place and renumber them as the lawyer edits.
- PAGE and NUMPAGES fields for "Page 1 of 3".
- A shaded run for the gaps a lawyer must fill.
"""

from __future__ import annotations

import copy
import io

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote></w:footnotes>'
)


class Footnotes:
    """The document's footnotes part (created if the template has none)."""

    def __init__(self, document) -> None:
        self.document = document
        part = document.part
        existing = [rel.target_part for rel in part.rels.values()
                    if rel.reltype == RT.FOOTNOTES and not rel.is_external]
        if existing:
            self.part = existing[0]
            self.root = getattr(self.part, "element", None)
            if self.root is None:  # a generic part: parse its bytes once
                self.root = parse_xml(self.part.blob)
                self.part = _replace_with_xml_part(part, self.part, self.root)
        else:
            self.root = parse_xml(_SEPARATORS)
            self.part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, self.root,
                                part.package)
            part.relate_to(self.part, RT.FOOTNOTES)
        ids = [int(n.get(qn("w:id"))) for n in self.root.findall(qn("w:footnote"))]
        self.next_id = max([0, *ids]) + 1
        _ensure_styles(document)
        _declare_separators(document)
        ids = {style.name: style.style_id for style in document.styles}
        self.reference_style = ids["Footnote Reference"]
        self.text_style = ids["Footnote Text"]

    def add(self, paragraph, text: str) -> int:
        """Append a footnote reference to `paragraph` whose note reads `text`."""
        note_id = self.next_id
        self.next_id += 1
        run = paragraph.add_run()
        run._r.style = self.reference_style
        reference = run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): str(note_id)})
        run._r.append(reference)
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{self.text_style}"/></w:pPr><w:r><w:rPr><w:rStyle '
            f'w:val="{self.reference_style}"/></w:rPr><w:footnoteRef/></w:r><w:r>'
            '<w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>')
        text_run = note.makeelement(qn("w:r"), {})
        text_node = text_run.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
        text_node.text = text
        text_run.append(text_node)
        note.find(qn("w:p")).append(text_run)
        self.root.append(note)
        return note_id


def _replace_with_xml_part(document_part, old, root):
    new = XmlPart(old.partname, old.content_type, root, old.package)
    for rel in document_part.rels.values():
        if not rel.is_external and rel.target_part is old:
            rel._target = new
    return new


def _ensure_styles(document) -> None:
    styles = document.styles
    names = {s.name for s in styles}
    if "Footnote Text" not in names:
        style = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Pt(8.5)
        style.paragraph_format.space_after = Pt(0)
        style.element.set(qn("w:styleId"), "FootnoteText")
    if "Footnote Reference" not in names:
        style = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        style.font.superscript = True
        style.element.set(qn("w:styleId"), "FootnoteReference")


def _declare_separators(document) -> None:
    """Word reads the separator notes from settings.xml's w:footnotePr."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    properties = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                           '<w:footnote w:id="0"/></w:footnotePr>')
    # schema order: footnotePr comes before endnotePr/compat/rsids...; inserting it before
    # the first of those keeps Word's validator content
    for tag in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                "w:themeFontLang", "w:clrSchemeMapping", "w:shapeDefaults",
                "w:decimalSymbol", "w:listSeparator"):
        try:
            anchor = settings.find(qn(tag))
        except KeyError:
            anchor = None
        if anchor is not None:
            anchor.addprevious(properties)
            return
    settings.append(properties)


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update on display."""
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
                      f'<w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>')
    paragraph._p.append(field)


def shade(run, fill: str = "FFF2A8") -> None:
    """A shaded run: a gap for the lawyer to fill, visible on screen and in print."""
    properties = run._r.get_or_add_rPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                   qn("w:fill"): fill})
    properties.append(shading)


def repeat_header_row(table) -> None:
    """The table's first row repeats at the top of each page it runs onto."""
    row = table.rows[0]._tr
    properties = row.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def keep_row_together(table) -> None:
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))


def clone(element):
    return copy.deepcopy(element)


def document_text(data: bytes) -> str:
    """Every piece of text a .docx holds: the body, headers, footers, footnotes, comments
    and the document properties, one text node per line (for the redaction check)."""
    import html
    import re
    import zipfile

    chunks: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            xml = archive.read(name).decode("utf-8", errors="replace")
            # text nodes and attribute values (a title or a hyperlink can sit in either)
            chunks += [html.unescape(t) for t in re.findall(r">([^<]+)<", xml)]
            chunks += [html.unescape(v) for v in re.findall(r'="([^"]*)"', xml)]
    return "\n".join(chunks)

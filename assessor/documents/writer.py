"""A thin, fast layer over python-docx for the documents: paragraphs and runs by style name.

python-docx looks a style up by scanning the whole styles part on every call (about 9 ms
each; a memorandum makes a thousand calls); the style ids are looked up once here instead.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm

from .ooxml import repeat_header_row


class Writer:
    def __init__(self, document) -> None:
        self.document = document
        self.ids = {style.name: style.style_id for style in document.styles}

    def paragraph(self, text: str = "", style: str | None = None, container=None):
        container = container or self.document
        paragraph = container.add_paragraph()
        if style:
            paragraph._p.style = self.ids[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def run(self, paragraph, text: str, style: str | None = None):
        run = paragraph.add_run(text)
        if style:
            run._r.style = self.ids[style]
        return run

    def heading(self, text: str, level: int):
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def table(self, columns: tuple[str, ...], rows, *, header: bool = True,
              widths: tuple[float, ...] = ()):
        """A grid table (Word's Table Grid style) whose header row repeats on each page."""
        table = self.document.add_table(rows=1 if header else 0, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if header:
            for cell, text in zip(table.rows[0].cells, columns):
                self.run(cell.paragraphs[0], text, "Memo Label")
            repeat_header_row(table)
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.paragraphs[0].add_run(text)
        self.finish_table(table, widths)
        return table

    def add_row(self, table):
        return table.add_row().cells

    def finish_table(self, table, widths) -> None:
        """Column widths in both places Word and LibreOffice read them (the grid and each
        cell), and no spacing after the paragraphs inside cells."""
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths):
                column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph._p.style = self.ids["Table Text"]

"""LibreOffice headless for the document tests: convert .docx files to PDF in one call.

LibreOffice is an optional system package (Debian: libreoffice-writer-nogui); without it
the tests that open documents in it are skipped with the reason, and the structural checks
with python-docx still run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
                            "libreoffice-writer-nogui to open the documents headless")


def to_pdf(documents: list[Path], folder: Path) -> dict[Path, tuple[int, str]]:
    """Each document's (page count, text) as LibreOffice prints it."""
    from pypdf import PdfReader

    profile = folder / "lo-profile"  # a private profile: parallel runs do not collide
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)],
                   check=True, capture_output=True, timeout=240,
                   env={**os.environ, "HOME": str(folder)})
    result = {}
    for document in documents:
        reader = PdfReader(folder / (document.stem + ".pdf"))
        result[document] = (len(reader.pages),
                            "\n".join(page.extract_text() or "" for page in reader.pages))
    return result

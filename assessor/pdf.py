"""HTML report -> PDF bytes with WeasyPrint, with no access to anything outside the HTML.

WeasyPrint is imported lazily: only `--format pdf` pays for it. The report's HTML carries
its own CSS and its chart inline, so the fetcher refuses every URL: a case file (or a
hostile one) can never make the PDF renderer reach the network or read a local file.
"""

from __future__ import annotations


def html_to_pdf(html: str, fetcher=None) -> bytes:
    """The PDF of a self-contained HTML report; `fetcher` (a refusing_fetcher()) can be
    passed to see what the HTML tried to load."""
    from weasyprint import HTML

    fetcher = fetcher or refusing_fetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        """Every fetch fails; WeasyPrint then renders without the resource."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=())
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.refused.append(url)
            raise ValueError(f"reports fetch nothing: refused {url}")

    return RefusingFetcher()

"""Assessment.trajectory -> an SVG chart of the risk of surrender over time.

matplotlib is imported here, lazily, and only when an HTML or PDF report is asked for: the
terminal summary and the Markdown report never pay for it. The chart draws only what the
trajectory holds (dates, scores, the level bands of assessment.THRESHOLDS); it computes
nothing, and no case text enters it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Sequence

from .assessment import SCORE_MAX, THRESHOLDS, TrajectoryPoint

# Light, print-friendly fills for the level bands; the line itself stays black so that the
# chart reads the same on a monochrome printer.
BAND_COLOURS = {"low": "#e8f1e4", "moderate": "#fbf3d5", "high": "#fbe3cf",
                "critical": "#f6d3d0"}
_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
WINDOW_YEARS = 6  # the chart shows recent dynamics; the trajectory table keeps all history


def window(points: Sequence[TrajectoryPoint], as_of: dt.date) -> list[tuple[dt.date, int]]:
    """(date, score) pairs to plot: from the last unchanged point before the first change,
    and not more than WINDOW_YEARS before the as-of date (the score at the window's start
    is carried in, so the step line stays true)."""
    first = 0
    while (first + 1 < len(points)
           and (points[first].score, points[first].bars)
           == (points[first + 1].score, points[first + 1].bars)):
        first += 1
    earliest = as_of.replace(year=as_of.year - WINDOW_YEARS, day=min(as_of.day, 28))
    shown = [(p.date, p.score) for p in points[first:]]
    before = [pair for pair in shown if pair[0] < earliest]
    inside = [pair for pair in shown if pair[0] >= earliest]
    return ([(earliest, before[-1][1])] if before else []) + inside


def risk_chart_svg(points: Sequence[TrajectoryPoint], as_of: dt.date) -> str:
    """The score at each event date as a step line, with the level bands and the as-of date
    marked; an <svg> element to embed inline ("" when there is no trajectory)."""
    if not points:
        return ""
    buffer = io.StringIO()
    with _style():
        _figure(points, as_of).savefig(buffer, format="svg",
                                       metadata={"Date": None, "Creator": None})
    # inline in HTML: drop the XML declaration, DOCTYPE and generator comment
    return _PROLOGUE.sub("", buffer.getvalue(), count=1).strip()


def risk_chart_png(points: Sequence[TrajectoryPoint], as_of: dt.date,
                   dpi: int = 200) -> bytes:
    """The same chart as a PNG image, for the Word memorandum (b"" with no trajectory)."""
    if not points:
        return b""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    with _style():
        figure = _figure(points, as_of)
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _style():
    import matplotlib

    return matplotlib.rc_context({
        # text stays text: selectable in the PDF, and searchable by the redaction check
        "svg.fonttype": "none",
        "svg.hashsalt": "risk-chart",  # stable ids: the same assessment, the same bytes
        "font.family": "DejaVu Sans",
        "font.size": 7.5,
        "axes.linewidth": 0.6,
    })


def _figure(points: Sequence[TrajectoryPoint], as_of: dt.date):
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.5, 2.6))
    FigureCanvasSVG(figure)
    ax = figure.add_subplot(1, 1, 1)
    plotted = window(points, as_of)
    dates = [d for d, _ in plotted]
    scores = [score for _, score in plotted]
    start, end = min(dates[0], as_of), max(dates[-1], as_of)
    pad = dt.timedelta(days=max(5, (end - start).days // 40))
    left, right = start - pad, end + pad

    bounds = sorted(THRESHOLDS)  # ((0, low), (20, moderate), ...)
    for index, (low, level) in enumerate(bounds):
        high = bounds[index + 1][0] if index + 1 < len(bounds) else SCORE_MAX
        ax.axhspan(low, high, color=BAND_COLOURS[level], zorder=0, linewidth=0)
        ax.text(1.005, (low + high) / 2 / SCORE_MAX, level, transform=ax.transAxes,
                va="center", ha="left", fontsize=6.5, color="#555555")

    ax.step(dates + [right], scores + [scores[-1]], where="post", color="#1a1a1a",
            linewidth=1.3, zorder=3)
    ax.plot(dates, scores, "o", color="#1a1a1a", markersize=3, zorder=4)
    ax.axvline(as_of, color="#8b0000", linestyle="--", linewidth=0.9, zorder=5)
    ax.text(as_of, SCORE_MAX * 0.97, f" as of {as_of.isoformat()}", color="#8b0000",
            va="top", ha="right" if as_of > left + (right - left) * 0.7 else "left",
            fontsize=7, zorder=6)

    ax.set_xlim(left, right)
    ax.set_ylim(0, SCORE_MAX)
    ax.set_ylabel("risk of surrender (score)")
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#ffffff", linewidth=0.6)
    figure.subplots_adjust(left=0.08, right=0.9, top=0.96, bottom=0.14)
    return figure

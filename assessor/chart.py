"""Assessment.trajectory -> a chart of the risk of surrender over time, as SVG (HTML, PDF)
and PNG (the Word memorandum).

The chart is a step line of the score on the level bands of assessment.THRESHOLDS, with the
as-of date marked, over the recent period (`window`); the trajectory table beside it keeps
the whole history. It is written as SVG directly: a step line and four bands need no
plotting library, and importing one cost a PDF report about half a second (issue 17). The
PNG is the same SVG rasterised by Typst. The chart draws only what the trajectory holds
(dates, scores) and computes nothing; no case text enters it.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Sequence

from . import labels
from .assessment import SCORE_MAX, THRESHOLDS, TrajectoryPoint
from .i18n import _, current, locale
from .wording import when

# Light, print-friendly fills for the level bands; the line itself stays black so that the
# chart reads the same on a monochrome printer.
BAND_COLOURS = {"low": "#e8f1e4", "moderate": "#fbf3d5", "high": "#fbe3cf",
                "critical": "#f6d3d0"}
WINDOW_YEARS = 6  # the chart shows recent dynamics; the trajectory table keeps all history
QUIET_GAP = dt.timedelta(days=548)  # eighteen months without a change ends a run of changes
LEAD = dt.timedelta(days=60)  # the quiet period shown before the run begins
# the drawing, in points (6.5 x 2.6 inches): the plot area and the type size
WIDTH, HEIGHT = 468.0, 187.0
LEFT, RIGHT, TOP, BOTTOM = 38.0, 420.0, 6.0, 162.0
FONT = 'font-family="DejaVu Sans, sans-serif"'
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _month(index: int) -> str:
    """A month's short name on the axis: English as always; another language's from the
    Unicode CLDR (Babel), e.g. "янв."."""
    if current() == "en":
        return MONTHS[index]
    from babel.dates import get_month_names

    return get_month_names("abbreviated", "stand-alone", locale(current()))[index + 1]
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between date ticks
MAX_TICKS = 8


def window(points: Sequence[TrajectoryPoint], as_of: dt.date) -> list[tuple[dt.date, int]]:
    """(date, score) pairs to plot: the recent run of changes, so that the months that
    matter are not squeezed into a sliver at the end of a long quiet history.

    The run is found backwards from the last change of score: an earlier change belongs to
    it while the gap to the next is at most QUIET_GAP; the chart starts a little before the
    run (LEAD, the score then carried in, so the step line stays true), and never more than
    WINDOW_YEARS before the as-of date. The trajectory table keeps the whole history."""
    if not points:
        return []
    changes = [p.date for previous, p in zip(points, points[1:]) if p.score != previous.score]
    earliest = as_of.replace(year=as_of.year - WINDOW_YEARS, day=min(as_of.day, 28))
    if changes:
        first = len(changes) - 1
        while first > 0 and (changes[first] - changes[first - 1]) <= QUIET_GAP:
            first -= 1
        run_start = changes[first]
        span = max(as_of, points[-1].date) - run_start
        earliest = max(earliest, run_start - max(LEAD, span / 10))
    shown = [(p.date, p.score) for p in points]
    before = [pair for pair in shown if pair[0] < earliest]
    inside = [pair for pair in shown if pair[0] >= earliest]
    return ([(earliest, before[-1][1])] if before else []) + inside


def risk_chart_svg(points: Sequence[TrajectoryPoint], as_of: dt.date) -> str:
    """The score at each event date as a step line, with the level bands and the as-of date
    marked; an <svg> element to embed inline ("" when there is no trajectory)."""
    if not points:
        return ""
    plotted = window(points, as_of)
    dates = [d for d, _score in plotted]
    start, end = min(dates[0], as_of), max(dates[-1], as_of)
    pad = dt.timedelta(days=max(5, (end - start).days // 40))
    left, right = start - pad, end + pad
    span = (right - left).days or 1

    def x(day: dt.date) -> float:
        return LEFT + (RIGHT - LEFT) * (day - left).days / span

    def y(score: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * score / SCORE_MAX

    # the chart's words in the report's language (kept out of the f-strings: pybabel reads
    # only plain calls)
    title = _("Risk of surrender over time, as of {as_of}").format(as_of=when(as_of))
    as_of_label = _("as of {as_of}").format(as_of=when(as_of))
    score_label = _("score")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}pt" '
             f'height="{HEIGHT:g}pt" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" '
             f'aria-label="{escape(title)}">']
    bounds = sorted(THRESHOLDS)  # ((0, low), (20, moderate), ...)
    for index, (low, level) in enumerate(bounds):
        high = bounds[index + 1][0] if index + 1 < len(bounds) else SCORE_MAX
        parts.append(f'<rect x="{LEFT:g}" y="{y(high):.2f}" width="{RIGHT - LEFT:g}" '
                     f'height="{y(low) - y(high):.2f}" fill="{BAND_COLOURS[level]}"/>')
        parts.append(f'<text x="{RIGHT + 4:g}" y="{(y(low) + y(high)) / 2 + 2.3:.2f}" '
                     f'{FONT} font-size="6.5" fill="#555555">{escape(labels.level(level))}</text>')
    # axes, score ticks and the axis title
    parts.append(f'<path d="M{LEFT:g} {TOP:g}V{BOTTOM:g}H{RIGHT:g}" fill="none" '
                 f'stroke="#000000" stroke-width="0.6"/>')
    for score in range(0, SCORE_MAX + 1, 20):
        parts.append(f'<path d="M{LEFT - 3:g} {y(score):.2f}H{LEFT:g}" stroke="#000000" '
                     f'stroke-width="0.6"/>')
        parts.append(f'<text x="{LEFT - 5:g}" y="{y(score) + 2.6:.2f}" text-anchor="end" '
                     f'{FONT} font-size="7.5">{score}</text>')
    middle = (TOP + BOTTOM) / 2
    parts.append(f'<text x="9" y="{middle:.2f}" transform="rotate(-90 9 {middle:.2f})" '
                 f'text-anchor="middle" {FONT} font-size="7.5">{escape(score_label)}</text>')
    for tick, text in _date_ticks(left, right):
        parts.append(f'<path d="M{x(tick):.2f} {BOTTOM:g}V{BOTTOM + 3:g}" stroke="#000000" '
                     f'stroke-width="0.6"/>')
        parts.append(f'<text x="{x(tick):.2f}" y="{BOTTOM + 12:g}" text-anchor="middle" '
                     f'{FONT} font-size="7.5">{text}</text>')
    # the step line: each score holds until the next event, the last one to the edge
    path = [f"M{x(dates[0]):.2f} {y(plotted[0][1]):.2f}"]
    for (_day, before), (day, score) in zip(plotted, plotted[1:]):
        path.append(f"H{x(day):.2f}V{y(score):.2f}")
    path.append(f"H{RIGHT:g}")
    parts.append(f'<path d="{"".join(path)}" fill="none" stroke="#1a1a1a" '
                 f'stroke-width="1.3"/>')
    parts += [f'<circle cx="{x(day):.2f}" cy="{y(score):.2f}" r="1.6" fill="#1a1a1a"/>'
              for day, score in plotted]
    # the as-of date
    at = x(as_of)
    anchor, nudge = ("end", -2) if as_of > left + (right - left) * 0.7 else ("start", 2)
    parts.append(f'<path d="M{at:.2f} {TOP:g}V{BOTTOM:g}" stroke="#8b0000" '
                 f'stroke-width="0.9" stroke-dasharray="3.3 1.4"/>')
    parts.append(f'<text x="{at + nudge:.2f}" y="{TOP + 8:g}" text-anchor="{anchor}" {FONT} '
                 f'font-size="7" fill="#8b0000">{escape(as_of_label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _date_ticks(left: dt.date, right: dt.date) -> list[tuple[dt.date, str]]:
    """First days of months, every 1, 2, 3, 6, 12, 24 or 60 months: the finest step that
    gives at most MAX_TICKS. A tick in January reads its year; the first tick reads month
    and year."""
    months = (right.year - left.year) * 12 + right.month - left.month + 1
    step = next((s for s in TICK_STEPS if months / s <= MAX_TICKS), TICK_STEPS[-1])
    after_left = left.year * 12 + left.month  # the index (year * 12 + month - 1) of the
    first = -(-after_left // step) * step      # month after `left`, up to a whole step
    ticks: list[tuple[dt.date, str]] = []
    for index in range(first, right.year * 12 + right.month, step):
        year, month = divmod(index, 12)
        label = str(year) if month == 0 or step >= 12 else _month(month)
        if not ticks and label != str(year):
            label = f"{_month(month)} {year}"
        ticks.append((dt.date(year, month + 1, 1), label))
    return ticks


def risk_chart_png(points: Sequence[TrajectoryPoint], as_of: dt.date,
                   ppi: int = 200) -> bytes:
    """The same chart as a PNG image, for the Word memorandum (b"" with no trajectory)."""
    svg = risk_chart_svg(points, as_of)
    if not svg:
        return b""
    import typst

    from .pdf import font_folders

    source = ('#set page(width: auto, height: auto, margin: 0pt)\n'
              '#image(bytes(sys.inputs.chart), format: "svg")\n')
    folders = font_folders()
    return typst.compile(source.encode("utf-8"), format="png", ppi=ppi,
                         font_paths=folders, ignore_system_fonts=bool(folders),
                         sys_inputs={"chart": svg})

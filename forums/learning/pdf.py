"""The learning log's export as a PDF, with reportlab (pure Python, installed from PyPI).

The layout follows what appraisal portfolios ask for: who, which period and when it was made;
the totals (hours in all, per category, per month) with a bar chart of the hours per month;
then each entry (date, reference, specialty, what the member did, hours, category and the
four parts of the reflection); last, the verification link and the SHA-256 it confirms.

The text is set in DejaVu Sans where Debian's fonts-dejavu-core is installed (Greek, Cyrillic,
the maths signs clinicians write: "β-blocker", "≥ 5 mg"), else in Bitstream Vera, which ships
inside the reportlab wheel (Latin only); embedded, so any reader (and ``pypdf`` in the tests)
gets the text back as written.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from forums.learning.export import Export, reflection_text
from forums.models import REFLECTION_FIELDS, LearningCategory

FONT, BOLD = "RoundsSans", "RoundsSans-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(reportlab.__file__).parent / "fonts"


def _font_files() -> tuple[Path, Path]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        return regular, bold
    return _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        regular, bold = _font_files()
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))
        pdfmetrics.registerFont(TTFont(BOLD, str(bold)))


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9.5, leading=13)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=BOLD, fontSize=18),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD, fontSize=13),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=BOLD, fontSize=10.5),
        "body": body,
        "label": ParagraphStyle("label", parent=body, fontName=BOLD),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
    }


def _text(value: object) -> str:
    """Text for a Paragraph (which reads a little markup): escaped, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style += [
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9ef")),
        ]
    table.setStyle(style)
    return table


def _month_chart(export: Export) -> Drawing:
    months = list(export.totals.by_month.items())
    drawing = Drawing(170 * mm, 62 * mm)
    drawing.add(String(0, 58 * mm, _("Hours per month"), fontName=BOLD, fontSize=10))
    if not months:
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 150 * mm, 42 * mm
    chart.data = [[round(minutes / 60, 2) for _month, minutes in months]]
    chart.categoryAxis.categoryNames = [month for month, _minutes in months]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(months) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(months) > 8 else "n"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#1f5fa8")
    drawing.add(chart)
    return drawing


def export_pdf(export: Export) -> bytes:
    _register_fonts()
    s = _styles()
    record, member = export.record, export.member
    period = _("%(start)s to %(end)s") % {
        "start": formats.date_format(record.start, "j F Y"),
        "end": formats.date_format(record.end, "j F Y"),
    }
    story: list = [
        Paragraph(_text(_("CPD learning log")), s["title"]),
        Paragraph(_text(_("Member: %(name)s") % {"name": member.name}), s["body"]),
        Paragraph(_text(_("Period: %(period)s") % {"period": period}), s["body"]),
        Paragraph(
            _text(
                _("Exported from %(site)s (%(url)s) on %(day)s.")
                % {
                    "site": settings.SITE_NAME,
                    "url": settings.SITE_URL,
                    "day": formats.date_format(timezone.localdate(), "j F Y"),
                }
            ),
            s["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_text(_("Summary")), s["h2"]),
        Paragraph(
            _text(
                _("Total: %(hours)s hours in %(count)s entries.")
                % {"hours": f"{export.totals.hours:.2f}", "count": export.totals.count}
            ),
            s["body"],
        ),
        Spacer(1, 2 * mm),
    ]
    category_rows = [[_("Category"), _("Hours")]] + [
        [label, f"{minutes / 60:.2f}"] for label, minutes in export.totals.by_category.items()
    ]
    month_rows = [[_("Month"), _("Hours")]] + [
        [month, f"{minutes / 60:.2f}"] for month, minutes in export.totals.by_month.items()
    ]
    story += [
        Paragraph(_text(_("Hours per category")), s["h3"]),
        _table(category_rows, [110 * mm, 25 * mm]),
        Paragraph(_text(_("Hours per month")), s["h3"]),
        _table(month_rows, [40 * mm, 25 * mm]),
        Spacer(1, 4 * mm),
        _month_chart(export),
        Paragraph(_text(_("Entries")), s["h2"]),
    ]
    categories = dict(LearningCategory.choices)
    if not export.entries:
        story.append(Paragraph(_text(_("No entries in this period.")), s["body"]))
    for entry in export.entries:
        facts = [
            [_("Date"), _("Reference"), _("Specialty"), _("Hours"), _("Category")],
            [
                entry.date.isoformat(),
                entry.reference,
                Paragraph(_text(entry.specialty or "-"), s["small"]),
                f"{entry.hours:.2f}",
                Paragraph(_text(categories.get(entry.category, entry.category)), s["small"]),
            ],
        ]
        block = [
            _table(facts, [24 * mm, 38 * mm, 45 * mm, 16 * mm, 47 * mm]),
            Paragraph(
                _text(_("Activity: %(list)s") % {"list": "; ".join(entry.activity_labels())}),
                s["body"],
            ),
        ]
        for name, label, _prompt in REFLECTION_FIELDS:
            text = reflection_text(entry, name)
            block.append(Paragraph(_text(label), s["label"]))
            block.append(Paragraph(_text(text or "-"), s["body"]))
        block.append(Spacer(1, 5 * mm))
        story.append(KeepTogether(block[:3]))
        story += block[3:]
    story += [
        Paragraph(_text(_("Verification")), s["h2"]),
        Paragraph(
            _text(
                _(
                    "An appraiser can confirm that this log came from %(site)s, without "
                    "signing in, at the address below until %(day)s. The page shows the "
                    "member, the period, the totals and this SHA-256 of the entries (no "
                    "reflections)."
                )
                % {
                    "site": settings.SITE_NAME,
                    "day": formats.date_format(export.valid_until, "j F Y"),
                }
            ),
            s["body"],
        ),
        Paragraph(f'<link href="{escape(export.url)}">{_text(export.url)}</link>', s["small"]),
        Paragraph(_text(_("SHA-256: %(hash)s") % {"hash": record.digest}), s["small"]),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=str(_("CPD learning log")),
        author=member.name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    doc.build(story)
    return out.getvalue()

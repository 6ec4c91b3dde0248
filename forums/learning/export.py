"""Exporting a period of the learning log for an appraiser, and the link that verifies it.

An export is recorded (``LearningExport``: the period, the totals per category and the SHA-256
of the entries as exported, never a reflection), then written as PDF (``forums.learning.pdf``)
or CSV. Both carry the verification link: ``/learning/verify/<token>/``, the record's id and
the first characters of its hash signed with ``django.core.signing`` (a salt of its own), valid
for ``LEARNING_VERIFY_DAYS``. The public page behind it shows the member's name, the period,
the totals and the hash; an appraiser compares the hash with the one printed on the export.

What an export holds of a thread or case: its reference ("Rounds case 12"), the specialty, what
the member did there, the date, the hours, the category and the member's own reflection. Never
a title or any other text of a case or a post.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.ratelimit import consume, rates_for
from forums.learning.selectors import Totals, period_entries, totals_of
from forums.models import REFLECTION_FIELDS, LearningCategory, LearningEntry, LearningExport

SALT = "forums.learning.verify"
DIGEST_SHOWN = 16  # characters of the hash carried in the token
MAX_PERIOD = timedelta(days=5 * 366)  # a revalidation cycle is five years


def verify_days() -> int:
    return int(getattr(settings, "LEARNING_VERIFY_DAYS", 400))


@dataclass
class Export:
    record: LearningExport
    entries: list[LearningEntry]
    totals: Totals
    member: User
    url: str  # the absolute verification link
    valid_until: date


def _canonical(entry: LearningEntry) -> dict:
    return {
        "date": entry.date.isoformat(),
        "reference": f"{entry.kind}:{entry.ref_id}",
        "specialty": entry.specialty,
        "activities": list(entry.activities),
        "minutes": entry.minutes,
        "category": entry.category,
        **{name: getattr(entry, name) for name, _label, _prompt in REFLECTION_FIELDS},
    }


def digest_of(*, user: User, start: date, end: date, entries: list[LearningEntry]) -> str:
    """SHA-256 of the member, the period and every exported field of every entry, in order."""
    payload = {
        "member": user.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "entries": [_canonical(e) for e in entries],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def make_token(record: LearningExport) -> str:
    return signing.dumps({"x": record.pk, "h": record.digest[:DIGEST_SHOWN]}, salt=SALT)


def verification_url(record: LearningExport) -> str:
    path = reverse("learning:verify", kwargs={"token": make_token(record)})
    return f"{settings.SITE_URL}{path}"


def read_token(token: str) -> LearningExport | None:
    """The export a token names, when we signed it, it has not expired and the record (and
    its member) still exist; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=verify_days()))
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("x"), int):
        return None
    record = LearningExport.objects.select_related("user").filter(pk=data["x"]).first()
    if record is None or record.digest[:DIGEST_SHOWN] != data.get("h"):
        return None
    return record


def export_period(*, user: User, start: date, end: date, ip: str | None = None) -> Export:
    """Record an export of ``user``'s entries from ``start`` to ``end`` and return what the
    PDF and CSV are written from. Raises ``RateLimited`` past ``ROUNDS_RATE_LIMITS
    ["learning_export"]`` (each export is a row the verification link reads)."""
    if end < start or end - start > MAX_PERIOD:
        raise ValueError("period")
    rates = rates_for("learning_export")
    if rates:
        consume("learning_export", rates=rates, what="export", user=user, ip=ip)
    entries = period_entries(user, start=start, end=end)
    totals = totals_of(entries)
    by_category: dict[str, int] = {}
    for entry in entries:
        by_category[entry.category] = by_category.get(entry.category, 0) + entry.minutes
    record = LearningExport.objects.create(
        user=user,
        start=start,
        end=end,
        entry_count=len(entries),
        minutes=totals.minutes,
        by_category=by_category,
        digest=digest_of(user=user, start=start, end=end, entries=entries),
    )
    return Export(
        record=record,
        entries=entries,
        totals=totals,
        member=user,
        url=verification_url(record),
        valid_until=timezone.localdate() + timedelta(days=verify_days()),
    )


def category_hours(record: LearningExport) -> list[tuple[str, float]]:
    labels = dict(LearningCategory.choices)
    return [
        (str(labels[value]), round(record.by_category[value] / 60, 2))
        for value in LearningCategory.values
        if value in record.by_category
    ]


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def reflection_text(entry: LearningEntry, name: str) -> str:
    """The member's reflection part as written (Markdown source, one paragraph a line)."""
    return getattr(entry, name).strip()


def export_csv(export: Export) -> bytes:
    """One row per entry, then the totals per category and per month, then the verification
    link and hash. UTF-8 with a byte-order mark, which spreadsheets need to read accents."""
    out = io.StringIO()
    writer = csv.writer(out)
    reflection_labels = [str(label) for _name, label, _prompt in REFLECTION_FIELDS]
    header = [_("Date"), _("Reference"), _("Specialty"), _("Activity"), _("Hours"), _("Category")]
    writer.writerow([*header, *reflection_labels])
    categories = dict(LearningCategory.choices)
    for entry in export.entries:
        row = [
            entry.date.isoformat(),
            entry.reference,
            entry.specialty,
            "; ".join(entry.activity_labels()),
            f"{entry.hours:.2f}",
            str(categories.get(entry.category, entry.category)),
            *(reflection_text(entry, name) for name, _l, _p in REFLECTION_FIELDS),
        ]
        writer.writerow([_cell(value) for value in row])
    writer.writerow([])
    writer.writerow([_("Total hours"), f"{export.totals.hours:.2f}"])
    writer.writerow([_("Hours per category")])
    for label, minutes in export.totals.by_category.items():
        writer.writerow([_cell(label), f"{minutes / 60:.2f}"])
    writer.writerow([_("Hours per month")])
    for month, minutes in export.totals.by_month.items():
        writer.writerow([month, f"{minutes / 60:.2f}"])
    writer.writerow([])
    writer.writerow([_("Verify this log at"), export.url])
    writer.writerow([_("SHA-256 of the entries"), export.record.digest])
    return ("\ufeff" + out.getvalue()).encode()


def filename(export: Export, extension: str) -> str:
    return f"rounds-learning-log-{export.record.start}-to-{export.record.end}.{extension}"

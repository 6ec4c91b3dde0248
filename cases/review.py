"""What the moderators' case review page reads (cases.admin.CaseAdmin.review_view): the case as
members will see it, the findings the author kept marked where they stand, the open privacy
flags, the changes since the previous revision and the scanner's findings to redact from.

Reads only, and the generations its kept copies live under (``generations``); every change
goes through cases.moderation.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache as once
from pathlib import Path

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Prefetch
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import ReasonKind, ReasonTemplate
from cases import deidentify
from cases.deidentify import KIND_LABELS, find_identifiers
from cases.models import (
    REVISION_FIELDS,
    TEXT_FIELDS,
    Case,
    CaseConsent,
    CaseImage,
    CaseRevision,
    ImageCheck,
    KeptFinding,
    PrivacyFlag,
    QuizOption,
)
from config.cache import generation_moved
from forums.models import Post
from forums.sharing.cache import digest

FIELD_LABELS = {
    "title": _("Title"),
    **dict(TEXT_FIELDS),
    "quiz_explanation": _("Quiz explanation"),
}

# A word and the white space after it stay apart, so a change of one word marks one word.
_TOKENS = re.compile(r"\s+|[^\s]+")
# Sanitised HTML split into tags and text: kept findings are marked in text only, never inside
# an attribute (a link's address).
_TAGS = re.compile(r"(<[^>]*>)")


@dataclass
class Section:
    name: str
    label: str
    html: SafeString
    source: str = ""  # the Markdown, for turning a selection into exact text (admin_review.js)
    kept: list[KeptFinding] = field(default_factory=list)
    hidden_from_readers: bool = False


@dataclass
class FieldDiff:
    name: str
    label: str
    html: SafeString


@dataclass
class ReviewPage:
    case: Case
    sections: list[Section]
    kept_elsewhere: list[KeptFinding]
    options: list[QuizOption]
    consent: object | None
    flags: list[PrivacyFlag]
    previous: CaseRevision | None
    diff: list[FieldDiff]
    findings: list[tuple[str, str]]  # (text, "Field: kind") offered to redact
    return_templates: list[ReasonTemplate]
    held_images: int = 0  # images whose text could not be read: the moderator must look


def word_diff(old: str, new: str) -> SafeString:
    """``new`` with the words removed since ``old`` struck out (<del>) and the words added
    marked (<ins>); everything escaped."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 - each piece escaped above


def mark_kept(html: str, kept: list[tuple[int, KeptFinding]]) -> SafeString:
    """The stored (sanitised) HTML with each kept passage wrapped in <mark> and numbered, so the
    reason listed under the field can be found in place."""
    if not kept:
        return mark_safe(html)  # noqa: S308 - stored HTML, sanitised when saved
    parts = _TAGS.split(html)
    for number, finding in kept:
        needle = escape(finding.text)
        if not needle:
            continue
        marked = format_html(
            '<mark class="kept-finding" id="kept-{n}">{text}</mark>'
            '<sup><a href="#kept-reason-{n}">{n}</a></sup>',
            n=number,
            text=finding.text,
        )
        for index in range(0, len(parts), 2):  # even indexes are text between tags
            if needle in parts[index]:
                parts[index] = parts[index].replace(needle, marked, 1)
                break
    return mark_safe("".join(parts))  # noqa: S308 - stored HTML plus escaped marks


def case_diff(case: Case, previous: CaseRevision | None) -> list[FieldDiff]:
    """Each field changed since ``previous``, as a word diff of the sources."""
    if previous is None:
        return []
    return [
        FieldDiff(name, str(FIELD_LABELS.get(name, name)), word_diff(before, getattr(case, name)))
        for name in REVISION_FIELDS
        if (before := previous.content.get(name, "")) != getattr(case, name)
    ]


# How long the scanner's findings in a text stay in the cache: about one review (a claim). A
# redaction changes the text, so its findings are never asked for again and go after this.
FINDINGS_SECONDS = 60 * 15


@once
def scanner_version() -> str:
    """A short hash of the scanner's source and word lists (cases/deidentify): part of the key
    of every cached finding, so a changed scanner never serves old findings."""
    folder = Path(deidentify.__file__).parent
    source = hashlib.blake2b(digest_size=6)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".gz", ".tsv", ".txt"):
            source.update(path.name.encode())
            source.update(path.read_bytes())
    return source.hexdigest()


def scanned(texts: list[str]) -> list[list[tuple[str, str]]]:
    """The scanner's findings in each of ``texts``, as (text, kind) pairs: from the cache in
    one round trip, the scanner run only on texts it has not seen (about 30 ms for a case's
    fields, on every opening of the review page before)."""
    version = scanner_version()
    keys = [f"review-findings:{version}:{digest((text,))}" for text in texts]
    found = cache.get_many(keys)
    new = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found:
            found[key] = new[key] = [(f.text, f.kind) for f in find_identifiers(text)]
    if new:
        cache.set_many(new, FINDINGS_SECONDS)
    return [found[key] for key in keys]


def _finding_choices(case: Case, flags: list[PrivacyFlag]) -> list[tuple[str, str]]:
    labels = [str(FIELD_LABELS.get(name, name)) for name in REVISION_FIELDS]
    texts = [getattr(case, name) or "" for name in REVISION_FIELDS]
    for flag in flags:
        if flag.post is not None:
            labels.append(gettext("Reply #%(n)s") % {"n": flag.post.number})
            texts.append(flag.post.source)
    found: dict[str, str] = {}
    for label, findings in zip(labels, scanned(texts), strict=True):
        for text, kind in findings:
            found.setdefault(text, f"{label}: {KIND_LABELS.get(kind, kind)}")
    return [(text, label) for text, label in found.items() if len(text.strip()) >= 2]


@dataclass(frozen=True)
class Shown:
    """What the review page shows of the case, hashed by PostgreSQL from the rows themselves,
    so it moves however a row changed (a service, a bulk update, admin's change form, SQL):
    the case (every column but the claim's and the search vectors), its quiz options, consent
    records, kept findings, images (their findings are in the row), privacy flags with the
    replies they name, and its latest revision. Approve and Restore carry the ``content`` their
    page was shown with and are refused when it moved (``cases.review_admin``); the claim is
    read with it."""

    content: str
    claimed_by_id: int | None
    claimed_until: datetime | None


def _all(table: str, alias: str) -> str:
    """Every row of ``table`` of the case ``c``, as one text, in primary key order."""
    return f"""(SELECT coalesce(string_agg(to_jsonb({alias})::text, ',' ORDER BY {alias}.id), '')
        FROM {table} {alias} WHERE {alias}.case_id = c.id)"""  # noqa: S608 - a model's table


@once
def _shown_sql() -> str:
    # The case row without the claim (read beside the hash: it changes with every opening) and
    # the search vectors (derived from the text); a flag with the reply it names (its text and
    # state, not the counters that replies move); of the revisions, which is the latest.
    return f"""
        SELECT md5(concat_ws('|',
            (to_jsonb(c) - 'claimed_by_id' - 'claimed_until' - 'search_vector'
                - 'answer_vector')::text,
            {_all(QuizOption._meta.db_table, "q")},
            {_all(CaseConsent._meta.db_table, "k")},
            {_all(KeptFinding._meta.db_table, "kf")},
            {_all(CaseImage._meta.db_table, "i")},
            (SELECT coalesce(string_agg(to_jsonb(f)::text || coalesce(concat_ws(',',
                    p.number, p.is_hidden, p.author_id, p.source), ''), ',' ORDER BY f.id), '')
                FROM {PrivacyFlag._meta.db_table} f
                LEFT JOIN {Post._meta.db_table} p ON p.id = f.post_id
                WHERE f.case_id = c.id),
            (SELECT coalesce(max(r.id), 0)::text FROM {CaseRevision._meta.db_table} r
                WHERE r.case_id = c.id)
        )), c.claimed_by_id, c.claimed_until
        FROM {Case._meta.db_table} c WHERE c.id = %s"""  # noqa: S608 - tables of the models


def shown(case_id: int) -> Shown | None:
    """What the review page of the case would show, hashed (``Shown``): one query; None when
    there is no such case. Read before the page's own reads, so a change in between makes the
    page newer than its hash (an approval is then refused, never let through)."""
    connection = connections[router.db_for_read(Case)]
    with connection.cursor() as cursor:
        cursor.execute(_shown_sql(), [case_id])
        row = cursor.fetchone()
    return None if row is None else Shown(*row)


# What the review page shows beyond what moves the shared generations (CONTENT moves with every
# case service, ``cases.authoring``, ``cases.images``, ``cases.moderation``, and with every
# change of a reply, a flagged one's too): any save or deletion of the case's rows, the claim's
# included (``row_saved``, connected in cases.apps), and the return reason templates.
TEMPLATES_GENERATION = "case-review:templates"


def generation_key(case_id: int) -> str:
    return f"case-review:generation:{case_id}"


def generations(case_id: int) -> list[str]:
    """The generations the moderators' page of this case is kept under, besides a member's own
    page's (``forums.sharing.own_pages.own_generations``)."""
    return [generation_key(case_id), TEMPLATES_GENERATION]


def review_changed(case_id: int | None) -> None:
    """What the case's review page shows changed (``config.cache.generation_moved``)."""
    if case_id is not None:
        generation_moved(cache, generation_key(case_id))


def row_saved(sender, instance, **kwargs) -> None:
    """post_save and post_delete of the case and of every row its review page reads."""
    if sender is ReasonTemplate:
        generation_moved(cache, TEMPLATES_GENERATION)
    elif sender is Case:
        review_changed(instance.pk)
    else:
        review_changed(instance.case_id)


REVIEWED_ROWS = (Case, QuizOption, CaseConsent, KeptFinding, CaseImage, PrivacyFlag, CaseRevision)


def review_page(*, case_id: int) -> ReviewPage | None:
    """Everything the review page shows, in a fixed number of queries (see the budget test in
    tests/moderation/test_review_page.py)."""
    # Sliced, not .first(): no ORDER BY on the primary key, which Django checks against each of
    # the ~200 columns of the four joined rows (a third of this query's time).
    found = (
        Case.objects.select_related("author", "claimed_by", "reviewed_by", "thread")
        .prefetch_related(
            Prefetch("quiz_options", queryset=QuizOption.objects.order_by("position", "pk")),
            "consents",
            Prefetch("kept_findings", queryset=KeptFinding.objects.select_related("kept_by")),
            Prefetch(
                "privacy_flags",
                queryset=PrivacyFlag.objects.filter(resolved_at=None)
                .select_related("flagged_by", "post__author")
                .order_by("created_at"),
                to_attr="open_flags",
            ),
            "images",
        )
        .filter(pk=case_id)[:1]
    )
    case = next(iter(found), None)
    if case is None:
        return None
    kept = list(case.kept_findings.all())
    numbered = list(enumerate(kept, start=1))
    sections = []
    placed: set[int] = set()
    hidden = case.hidden_until_reveal()
    for name, label in [*TEXT_FIELDS, ("quiz_explanation", FIELD_LABELS["quiz_explanation"])]:
        html = getattr(case, f"{name}_html")
        if not getattr(case, name):
            continue
        here = [
            (n, k) for n, k in numbered if k.field == name and k.post_id is None and k.text in html
        ]
        placed.update(n for n, _k in here)
        sections.append(
            Section(
                name=name,
                label=str(label),
                html=mark_kept(html, here),
                source=getattr(case, name),
                kept=[k for _n, k in here],
                hidden_from_readers=name in hidden or name == "quiz_explanation",
            )
        )
    # Numbered in the same order as the marks, so "3" under a field is the third kept finding.
    for number, finding in numbered:
        finding.number = number  # type: ignore[attr-defined]  # for the template only
    previous = CaseRevision.objects.filter(case=case).order_by("-number").first()
    consents = list(case.consents.all())
    return ReviewPage(
        case=case,
        sections=sections,
        kept_elsewhere=[k for n, k in numbered if n not in placed],
        options=list(case.quiz_options.all()),
        consent=consents[0] if consents else None,
        flags=case.open_flags,
        previous=previous,
        diff=case_diff(case, previous),
        findings=_finding_choices(case, case.open_flags),
        return_templates=list(ReasonTemplate.objects.filter(kind=ReasonKind.RETURN)),
        held_images=sum(img.check_state == ImageCheck.HELD for img in case.images.all()),
    )

"""The member directory (``/members/``): the filters a member may use and the one read of a
page, keyset-paged so page 500 costs what page 1 does.

Only members who chose to be listed (``Profile.listed_in_directory``, off by default) appear;
what they hid (career stage, country, bio) is neither shown nor filterable, so a filter cannot
reveal it either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.models import CareerStage, Profession, Profile, Specialty

PAGE_SIZE = 30
RECENT, CONTRIBUTIONS = "recent", "contributions"
SORTS = [(RECENT, _("Recent activity")), (CONTRIBUTIONS, _("Contributions"))]
# The order of each sort, as the partial indexes on Profile have it.
ORDERINGS = {
    RECENT: [F("last_active_at").desc(nulls_last=True), F("user_id").desc()],
    CONTRIBUTIONS: [F("contributions").desc(), F("user_id").desc()],
}


class DirectoryForm(forms.Form):
    """The directory's filters, read from the query string; anything invalid is ignored
    field by field (the page still answers, naming the field)."""

    q = forms.CharField(label=_("Name or handle"), max_length=80, required=False)
    profession = forms.ChoiceField(
        label=_("Profession"), choices=[("", _("Any")), *Profession.choices], required=False
    )
    specialty = forms.ModelChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
        required=False,
    )
    career_stage = forms.ChoiceField(
        label=_("Career stage"), choices=[("", _("Any")), *CareerStage.choices], required=False
    )
    country = forms.CharField(label=_("Country"), max_length=80, required=False)
    verified = forms.BooleanField(label=_("Verified professionals only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def filters(self) -> dict:
        """The valid filters; a field with an error is left out (and shows its message)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


@dataclass(frozen=True)
class DirectoryPage:
    profiles: list[Profile]
    next_cursor: str  # empty on the last page


def listed_profiles() -> QuerySet[Profile]:
    return Profile.objects.filter(listed_in_directory=True, user__is_active=True)


def _filtered(filters: dict) -> QuerySet[Profile]:
    rows = listed_profiles()
    if profession := filters.get("profession"):
        rows = rows.filter(profession=profession)
    if specialty := filters.get("specialty"):
        rows = rows.filter(specialty=specialty)
    if stage := filters.get("career_stage"):
        rows = rows.filter(career_stage=stage, directory_shows_career_stage=True)
    if country := filters.get("country"):
        rows = rows.filter(country__iexact=country.strip(), directory_shows_country=True)
    if filters.get("verified"):
        rows = rows.filter(user__professional_verified_until__gte=timezone.localdate())
    if q := (filters.get("q") or "").strip().lstrip("@"):
        rows = rows.filter(Q(user__handle__icontains=q) | Q(user__display_name__icontains=q))
    return rows


def _after(rows: QuerySet[Profile], *, sort: str, cursor: str) -> QuerySet[Profile]:
    """Rows after the cursor "<sort value>_<user id>"; a cursor that does not parse is the
    first page (a hand-edited URL is not an error worth a page)."""
    value, _sep, user_id = cursor.rpartition("_")
    # ASCII digits only: str.isdigit() also passes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,18}", user_id):
        return rows
    pk = int(user_id)
    if sort == CONTRIBUTIONS:
        if not re.fullmatch(r"[0-9]{1,9}", value):
            return rows
        count = int(value)
        return rows.filter(Q(contributions__lt=count) | Q(contributions=count, user_id__lt=pk))
    if value == "-":  # among the members never active: ordered by id alone
        return rows.filter(last_active_at=None, user_id__lt=pk)
    moment = _parse_moment(value)
    if moment is None:
        return rows
    return rows.filter(
        Q(last_active_at__lt=moment)
        | Q(last_active_at=moment, user_id__lt=pk)
        | Q(last_active_at=None)
    )


def _parse_moment(value: str) -> datetime | None:
    try:
        # A "+" of the offset typed into a URL unencoded arrives as a space.
        moment = parse_datetime(value.replace(" ", "+"))
    except (ValueError, OverflowError):  # a date out of range, an offset past a day
        return None
    if moment is None or timezone.is_naive(moment):
        return None
    return moment


def _cursor(profile: Profile, *, sort: str) -> str:
    if sort == CONTRIBUTIONS:
        return f"{profile.contributions}_{profile.user_id}"
    moment = profile.last_active_at.isoformat() if profile.last_active_at else "-"
    return f"{moment}_{profile.user_id}"


def directory_page(*, filters: dict, cursor: str = "", size: int = PAGE_SIZE) -> DirectoryPage:
    """One page of listed members, with user and specialty, in one query (the partial indexes
    ``accounts_profile_dir_recent`` / ``_contrib`` serve both sorts)."""
    sort = filters.get("sort") or RECENT
    rows = _filtered(filters)
    if cursor:
        rows = _after(rows, sort=sort, cursor=cursor[:80])
    profiles = list(rows.select_related("user", "specialty").order_by(*ORDERINGS[sort])[: size + 1])
    more = len(profiles) > size
    profiles = profiles[:size]
    return DirectoryPage(
        profiles=profiles, next_cursor=_cursor(profiles[-1], sort=sort) if more else ""
    )

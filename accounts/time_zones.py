"""The time-zone list of sign-up and preferences: IANA zones grouped by region, readable names.

Only the zones under a region (``Europe/Madrid``) and ``UTC`` are offered: the rest of the
database is aliases kept for old systems (``US/Eastern``, ``Etc/GMT+3``, ``Cuba``). A member
who saved one of those keeps it (``choices(current=...)``) and any IANA name is accepted.
"""

from __future__ import annotations

import functools
import zoneinfo

from django.utils.translation import gettext_lazy as _

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


@functools.cache
def known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _grouped() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for name in sorted(known()):
        region, _sep, place = name.partition("/")
        if region in groups and place:
            # "America/Argentina/Buenos_Aires" reads "Argentina / Buenos Aires".
            groups[region].append((name, place.replace("_", " ").replace("/", " / ")))
    return tuple((region, tuple(zones)) for region, zones in groups.items() if zones)


def choices(*, current: str = "") -> list:
    """Grouped choices for a ``ChoiceField`` (rendered as ``<optgroup>``s): UTC first, then the
    regions; ``current`` (a member's saved alias) in a group of its own so it stays chosen."""
    offered: list = [("UTC", "UTC")]
    offered += [(REGIONS[region], list(zones)) for region, zones in _grouped()]
    listed = {name for _region, zones in _grouped() for name, _label in zones} | {"UTC"}
    if current and current not in listed and current in known():
        offered.append((_("Other zones"), [(current, current)]))
    return offered

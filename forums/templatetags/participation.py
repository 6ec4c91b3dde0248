"""``{% load participation %}``: who took part in a thread (or a case's discussion), from the
counts the posting services keep on the thread row (``forums.posting.activity``): no query."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def participation_text(thread) -> str:
    """ "7 colleagues from 3 professions and 4 specialties took part", or "" for nobody."""
    people = thread.participant_count
    if not people:
        return ""
    who = ngettext("%(n)d colleague", "%(n)d colleagues", people) % {"n": people}
    professions = len(thread.participant_professions)
    specialties = len(thread.participant_specialties)
    if professions and specialties:
        return _("%(who)s from %(professions)s and %(specialties)s took part") % {
            "who": who,
            "professions": _professions(professions),
            "specialties": _specialties(specialties),
        }
    if professions:
        return _("%(who)s from %(professions)s took part") % {
            "who": who,
            "professions": _professions(professions),
        }
    return _("%(who)s took part") % {"who": who}


def _professions(n: int) -> str:
    return ngettext("%(n)d profession", "%(n)d professions", n) % {"n": n}


def _specialties(n: int) -> str:
    return ngettext("%(n)d specialty", "%(n)d specialties", n) % {"n": n}


@register.simple_tag
def participation(thread) -> str:
    return participation_text(thread)

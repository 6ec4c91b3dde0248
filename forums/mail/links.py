"""How emails and digests name and link a thread.

A case's discussion (``Thread.is_case_discussion``) is different: its title is the case's
title, and nothing derived from a case leaves the site by email. Emails name it for what it is
and link it without the slug (``thread_url``).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.models import Thread

# How emails and digests name a case's discussion instead of by its title.
CASE_DISCUSSION = _("A case discussion")
# The slug that stands in for a case discussion's own (its title) in emailed links: the thread
# page redirects it to the real one.
CASE_SLUG = "case"


def thread_url(thread: Thread) -> str:
    """The absolute address an email gives a thread: a case's discussion without its slug."""
    if not thread.is_case_discussion:
        return f"{settings.SITE_URL}{thread.get_absolute_url()}"
    path = reverse("forums:thread", kwargs={"pk": thread.pk, "slug": CASE_SLUG})
    return f"{settings.SITE_URL}{path}"

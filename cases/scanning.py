"""The identifier scanner as the case pages use it: ``find_identifiers`` less member mentions.

``cases.deidentify`` reads text alone and flags any social media handle ("@KofiMensah"), since
a handle names its owner. On Rounds an ``@handle`` is also how members mention each other in a
reply ("Thank you @dr_okafor"): a colleague's handle on this site identifies no patient, so the
handles of existing members are let through here, with one query for the handles the text holds.
Likewise the quoted member's name in the attribution line the composer writes for a quote,
and the random key in the path of an image uploaded here (``![a tracing](/uploads/<key>.png)``):
read as text, one key in 500 held a run of digits the scanner took for a card or licence
number (the image itself is read by OCR: ``cases.images``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import Q
from django.db.models.functions import Lower

from accounts.models import User
from cases.deidentify import Finding, find_identifiers
from forums.models import Post
from forums.posting import quote_attribution
from forums.rendering import OWN_UPLOAD

# A quote's attribution line as the composer writes it: ``> [Ada wrote in #2](/t/12-slug/2):``.
_ATTRIBUTION = re.compile(
    r"^(?:[ \t]*>)+[ \t]*\[(?P<text>[^\]\n]*)\]\(/t/(?P<thread>\d+)-[\w-]*/(?P<number>\d+)\)",
    re.MULTILINE,
)


def _attributions(text: str) -> list[tuple[int, int]]:
    """Spans of quote attributions naming the real author of the quoted post: a member's
    display name, written by the composer, not a patient's. One query, only for quotes."""
    found = list(_ATTRIBUTION.finditer(text))
    if not found:
        return []
    wanted = Q(pk__in=[])
    for match in found[:20]:
        wanted |= Q(thread_id=int(match["thread"]), number=int(match["number"]))
    posts = {
        (p.thread_id, p.number): p for p in Post.objects.filter(wanted).select_related("author")
    }
    spans = []
    for match in found[:20]:
        post = posts.get((int(match["thread"]), int(match["number"])))
        if post is not None and match["text"] == quote_attribution(post):
            spans.append((match.start("text"), match.end("text")))
    return spans


def _own_image_paths(text: str, findings: list[Finding]) -> list[tuple[int, int]]:
    """Spans of the paths of images uploaded here (``forums.rendering.OWN_UPLOAD``), asked
    only when a finding could sit inside one."""
    if not findings or "/" not in text:
        return []
    return [(m.start(), m.end()) for m in OWN_UPLOAD.finditer(text)]


@lru_cache(maxsize=16)
def _identifiers(text: str) -> tuple[Finding, ...]:
    """One scan per text: a reply on the case page is checked by the case's service and again
    by the forums' text check inside ``create_reply``; the second asks this cache (findings
    are frozen, and depend on the text alone)."""
    return tuple(find_identifiers(text))


def scan_text(text: str) -> list[Finding]:
    """What the author must fix or keep: every finding but mentions of members of this site
    and the quoted member's name in a quote's attribution."""
    findings = list(_identifiers(text))
    if site_made := _attributions(text) + _own_image_paths(text, findings):
        findings = [
            f for f in findings if not any(s <= f.start and f.end <= e for s, e in site_made)
        ]
    handles = {f.text[1:].lower() for f in findings if f.text.startswith("@")}
    if not handles:
        return findings
    members = set(
        User.objects.annotate(lowered=Lower("handle"))
        .filter(lowered__in=handles)
        .values_list("lowered", flat=True)
    )
    return [f for f in findings if not (f.text.startswith("@") and f.text[1:].lower() in members)]

"""The identifier scanner as the case pages use it: ``find_identifiers`` less member mentions.

``cases.deidentify`` reads text alone and flags any social media handle ("@KofiMensah"), since
a handle names its owner. On Rounds an ``@handle`` is also how members mention each other in a
reply ("Thank you @dr_okafor"): a colleague's handle on this site identifies no patient, so the
handles of existing members are let through here, with one query for the handles the text holds.
"""

from __future__ import annotations

from django.db.models.functions import Lower

from accounts.models import User
from cases.deidentify import Finding, find_identifiers


def scan_text(text: str) -> list[Finding]:
    """What the author must fix or keep: every finding but mentions of members of this site."""
    findings = find_identifiers(text)
    handles = {f.text[1:].lower() for f in findings if f.text.startswith("@")}
    if not handles:
        return findings
    members = set(
        User.objects.annotate(lowered=Lower("handle"))
        .filter(lowered__in=handles)
        .values_list("lowered", flat=True)
    )
    return [f for f in findings if not (f.text.startswith("@") and f.text[1:].lower() in members)]

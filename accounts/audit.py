"""The audit log: every moderation service calls ``record`` inside its transaction."""

from __future__ import annotations

import contextlib
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry, User


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    member: User | None = None,
    reason: str = "",
    **details,
) -> AuditEntry:
    """Write one audit entry. ``action`` is a short verb phrase such as ``post.hide``."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        member=member,
        reason=reason,
        details=details,
    )


# --- Reading the log: one sentence per entry ------------------------------------------------
# "%(actor)s hid a post by %(member)s in “%(where)s”": actor and member are "@handle"; where is
# the thread of a post (its stored name is "<thread title> #<number>"), target the object's name.
SENTENCES: dict[str, str] = {
    "post.hide": _("%(actor)s hid a post by %(member)s in “%(where)s”"),
    "post.unhide": _("%(actor)s showed again a post by %(member)s in “%(where)s”"),
    "post.redact": _("%(actor)s redacted a post by %(member)s in “%(where)s”"),
    "post.delete": _("%(actor)s deleted a post by %(member)s in “%(where)s”"),
    "thread.hide": _("%(actor)s hid the thread “%(target)s” by %(member)s"),
    "thread.unhide": _("%(actor)s showed again the thread “%(target)s” by %(member)s"),
    "thread.lock": _("%(actor)s locked the thread “%(target)s” by %(member)s"),
    "thread.unlock": _("%(actor)s unlocked the thread “%(target)s” by %(member)s"),
    "thread.pin": _("%(actor)s pinned the thread “%(target)s”"),
    "thread.unpin": _("%(actor)s unpinned the thread “%(target)s”"),
    "thread.move": _("%(actor)s moved the thread “%(target)s” by %(member)s"),
    "thread.edit": _("%(actor)s edited the title or tags of “%(target)s” by %(member)s"),
    "thread.accept_answer": _("%(actor)s marked an answer in “%(target)s”"),
    "poll.close": _("%(actor)s closed the poll in “%(target)s” by %(member)s"),
    "poll.remove": _("%(actor)s removed the poll from “%(target)s” by %(member)s"),
    "case.approve": _("%(actor)s approved the case “%(target)s” by %(member)s"),
    "case.return": _("%(actor)s returned the case “%(target)s” to %(member)s"),
    "case.redact": _("%(actor)s redacted text in the case “%(target)s” by %(member)s"),
    "case.redact_reply": _("%(actor)s redacted a reply by %(member)s in “%(where)s”"),
    "case.restore": _("%(actor)s showed again the case “%(target)s” by %(member)s"),
    "case.restore_reply": _("%(actor)s showed again a reply by %(member)s in “%(where)s”"),
    "case.flag_hidden": _(
        "%(actor)s flagged the case “%(target)s” by %(member)s for patient privacy (hidden at once)"
    ),
    "case.flag_reply_hidden": _(
        "%(actor)s flagged a reply by %(member)s in “%(where)s” for patient privacy (hidden)"
    ),
    "case.take_over": _("%(actor)s took over the review of “%(target)s” from %(member)s"),
    "case.reveal": _("%(actor)s revealed the diagnosis of “%(target)s”"),
    "member.suspend": _("%(actor)s suspended %(member)s until %(until)s"),
    "member.lift_suspension": _("%(actor)s lifted the suspension of %(member)s"),
    "member.warn": _("%(actor)s sent %(member)s an official warning"),
    "member.note": _("%(actor)s added a staff note on %(member)s"),
    "member.hide_all_posts": _("%(actor)s hid every post by %(member)s"),
    "verification.approve": _("%(actor)s verified %(member)s as a professional"),
    "verification.reject": _("%(actor)s turned down the verification request of %(member)s"),
    "report.create": _("%(actor)s reported “%(target)s” by %(member)s"),
    "report.privacy_hide": _("%(actor)s reported “%(where)s” for patient privacy (hidden at once)"),
    # Private consults: moderators read a reported message only, and each look is logged.
    "consult.view_reported": _("%(actor)s read the reported “%(target)s” by %(member)s"),
    "consult.hide": _("%(actor)s hid “%(target)s” by %(member)s"),
    "consult.unhide": _("%(actor)s showed again “%(target)s” by %(member)s"),
    "report.resolve": _("%(actor)s resolved a report on “%(target)s”"),
    "report.dismiss": _("%(actor)s dismissed a report on “%(target)s”"),
}


def describe(entry: AuditEntry) -> str:
    """The entry as a sentence a moderator reads ("@mod_lee hid a post by @sam_rivera in “Chest
    pain at 3 am”: spam"). Needs ``actor`` and ``member`` selected; no query."""
    target = entry.target_repr
    where = target.rsplit(" #", 1)[0] if " #" in target else target
    until = entry.details.get("until", "") if isinstance(entry.details, dict) else ""
    if until:
        # A stored value that does not parse is shown as stored.
        with contextlib.suppress(ValueError):
            until = date_format(
                timezone.localtime(datetime.fromisoformat(until)), "SHORT_DATETIME_FORMAT"
            )
    values = {
        "actor": str(entry.actor) if entry.actor_id else gettext("the system"),
        "member": str(entry.member) if entry.member_id else gettext("a former member"),
        "target": target or "-",
        "where": where or "-",
        "until": until,
    }
    template = SENTENCES.get(entry.action)
    if template is None:
        sentence = gettext("%(actor)s: %(action)s “%(target)s”") % {
            **values,
            "action": entry.action,
        }
    else:
        sentence = str(template) % values
    return f"{sentence}: {entry.reason}" if entry.reason else sentence

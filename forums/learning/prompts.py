"""The weekly prompt: members who turned it on hear once a week how many cases and threads
they took part in over the last year and have not logged, with a link to the list on the site.

The email carries counts and links only: no title, no reference, no specialty, nothing derived
from a case or a post. It goes through the accounts mail pipeline (one base template) and the
ledger (kind ``forums.learning_prompt``, the member, the week's Monday), so a task run twice or
retried sends it once. It is sent only after a week in which the member took part somewhere
they have not logged, so someone who stopped posting is not asked again and again. Its
one-click stop link (RFC 8058) is signed here and turns the prompt off.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.mail.compose import Composer
from accounts.mail.ledger import OnceEmail, send_once
from accounts.mail.recipients import can_be_emailed
from accounts.models import User
from accounts.unsubscribe import unsubscribe_address
from forums.learning.selectors import took_part_lately, unlogged_counts
from forums.models import LearningSettings

KIND = "forums.learning_prompt"
STOP_SALT = "forums.learning.stop_prompt"


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def stop_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=STOP_SALT)


def read_stop_token(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=STOP_SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return User.objects.filter(pk=data["u"]).first()


def stop_links(user: User) -> tuple[str, dict[str, str]]:
    token = stop_token(user)
    url = f"{settings.SITE_URL}{reverse('learning:stop_prompt', kwargs={'token': token})}"
    mailto = f"mailto:{unsubscribe_address()}"
    headers = {
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return url, headers


def send_learning_prompts(*, now: datetime | None = None) -> int:
    """Email every member who turned the prompt on and has something new to log, once per
    week. Returns how many were sent. Raises ``MailNotSent`` (the task retries) when the SMTP
    server refused some, after recording them."""
    now = now or timezone.now()
    week = week_of(timezone.localdate(now))
    composer = Composer()
    emails = []
    wanted = LearningSettings.objects.filter(weekly_prompt=True).select_related(
        "user", "user__preferences"
    )
    for row in wanted.iterator():
        member = row.user
        if not member.email or not can_be_emailed(member):
            continue
        if not took_part_lately(member, since=now - timedelta(days=7)):
            continue
        cases, threads = unlogged_counts(member, now=now)
        if not cases and not threads:
            continue
        emails.append(
            OnceEmail(
                recipient_id=member.pk,
                kind=KIND,
                object_id=member.pk,
                event=week.isoformat(),
                build=_builder(composer, member, cases=cases, threads=threads),
            )
        )
    sent = send_once(emails) if emails else 0
    LearningSettings.objects.filter(user_id__in=[e.recipient_id for e in emails]).update(
        last_prompt_week=week
    )
    return sent


def _builder(composer: Composer, member: User, *, cases: int, threads: int):
    def build():
        stop_url, headers = stop_links(member)
        return composer.compose(
            "forums/email/learning_prompt",
            to=member,
            context={
                "cases": cases,
                "threads": threads,
                "url": f"{settings.SITE_URL}{reverse('learning:suggestions')}",
                "unsubscribe_url": stop_url,
            },
            headers=headers,
        )

    return build

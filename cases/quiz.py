"""The diagnosis quiz: one vote per member before the reveal; the reveal shows everything."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from cases.models import Case, QuizOption, QuizVote
from cases.permissions import can_reveal
from forums.sharing.cache import content_changed


def vote(case: Case, *, by: User, option: QuizOption) -> QuizVote:
    """Record a member's one vote. Raises ValidationError after the reveal or on a second vote."""
    if option.case_id != case.pk:
        raise ValidationError(_("That option belongs to another case."))
    # Read the reveal state afresh: the caller's copy may predate a reveal.
    case = Case.objects.only("pk", "author_id", "reveal_at", "revealed_at").get(pk=case.pk)
    if case.is_revealed:
        raise ValidationError(_("The answer has been revealed; voting is closed."))
    if case.author_id == by.pk:
        raise ValidationError(_("Authors do not vote on their own case."))
    try:
        with transaction.atomic():
            cast = QuizVote.objects.create(case=case, option=option, voter=by)
            QuizOption.objects.filter(pk=option.pk).update(vote_count=F("vote_count") + 1)
    except IntegrityError as exc:
        raise ValidationError(_("You have already voted on this case.")) from exc
    content_changed()  # the counts show on the shared case page (cases.selectors.case_page)
    return cast


@transaction.atomic
def reveal_diagnosis(case: Case, *, by: User) -> Case:
    """Show the distribution, the answer, the explanation and a hidden diagnosis to everyone."""
    if not can_reveal(by, case):
        raise ValidationError(_("Only the author or a moderator can reveal the answer."))
    if case.revealed_at is None:
        case.revealed_at = timezone.now()
        case.save(update_fields=["revealed_at"])
        content_changed()
        if is_moderator(by) and by.pk != case.author_id:
            record(actor=by, action="case.reveal", target=case, member=case.author)
    return case


def has_voted(case: Case, user) -> bool:
    return bool(user.is_authenticated and QuizVote.objects.filter(case=case, voter=user).exists())

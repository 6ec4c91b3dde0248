"""Per-object checks for cases, built only on the role checks in ``accounts.permissions``.

They read fields already loaded on the case and the user, so asking costs no query. The list
rule is the same one: ``Case.objects.visible_to(user)`` (``accounts.permissions``).
"""

from __future__ import annotations

from accounts.permissions import can_post, is_moderator, is_verified_professional
from cases.models import Case, CaseStatus


def is_case_author(user, case: Case) -> bool:
    return bool(user.is_authenticated and case.author_id == user.pk)


def can_view_case(user, case: Case) -> bool:
    """Same rule as ``case_visibility_filter``, for a case already in hand (images too)."""
    if is_moderator(user) or is_case_author(user, case):
        return bool(user.is_active)
    return (
        is_verified_professional(user)
        and case.status == CaseStatus.PUBLISHED
        and not case.is_hidden
    )


def can_create_case(user) -> bool:
    return is_verified_professional(user) and can_post(user)


def can_edit_case(user, case: Case) -> bool:
    """Authors edit their own cases at any stage (edits after publication become revisions)."""
    return is_case_author(user, case) and can_post(user)


def can_take_part(user, case: Case) -> bool:
    """Vote, reply and flag: a verified professional who may post, on a published case that no
    privacy flag has hidden (while hidden, only a moderator's review may change it)."""
    return (
        can_view_case(user, case)
        and case.status == CaseStatus.PUBLISHED
        and not case.is_hidden
        and is_verified_professional(user)
        and can_post(user)
    )


def can_reveal(user, case: Case) -> bool:
    return case.status == CaseStatus.PUBLISHED and (
        is_case_author(user, case) or is_moderator(user)
    )


def can_see_answer(user, case: Case) -> bool:
    """The hidden diagnosis, quiz answer and explanation: after the reveal, or for the author
    and moderators all along."""
    return case.is_revealed or is_case_author(user, case) or is_moderator(user)

"""Members and conversations for the private consult tests."""

from __future__ import annotations

from accounts.network import follow_member
from forums.consults.writing import send_message, start_conversation
from forums.posting import SITE
from tests.factories import UserFactory


def pro(**fields):
    return UserFactory(professional=True, **fields)


def conversation_between(author, *others, subject="Can I show you an ECG?", body="Hello there"):
    """A conversation ``author`` starts with ``others`` (the author is made able to)."""
    for other in others:
        if not author.professional_verified_until:
            follow_member(follower=other, followed=author)
    return start_conversation(
        by=author, recipients=list(others), subject=subject, body=body, origin=SITE
    )


def exchange(conversation, people, count: int) -> None:
    """``count`` messages, taking turns."""
    for i in range(count):
        send_message(
            conversation=conversation, by=people[i % len(people)], body=f"Message {i}", origin=SITE
        )

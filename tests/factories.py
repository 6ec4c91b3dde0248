"""factory_boy factories. Posts and threads are made through the posting service, never raw."""

from __future__ import annotations

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from forums.models import Category, Visibility
from forums.posting import SITE, create_reply, create_thread

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    handle = factory.Sequence(lambda n: f"member{n}")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    email_verified = True

    class Params:
        # UserFactory(professional=True): a verified professional for the next year.
        professional = factory.Trait(
            professional_verified_until=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(days=365)
            )
        )

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Members have a verified allauth address unless built with email_verified=False."""
        self.save()
        if create and self.email_verified:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description = "A forum for testing."
    visibility = Visibility.PUBLIC


def make_thread(
    *,
    category=None,
    author=None,
    title="A question",
    body="Some **text**",
    replies: int = 0,
    tags=(),
):
    category = category or CategoryFactory()
    author = author or UserFactory()
    # Test data, like the demo seeder's: written as the site, so no member's limits apply.
    thread = create_thread(
        category=category, author=author, title=title, body=body, tags=tags, origin=SITE
    )
    for i in range(replies):
        create_reply(thread=thread, author=author, body=f"Reply {i + 1}", origin=SITE)
    thread.refresh_from_db()
    return thread


def totp_code(secret: str) -> str:
    """The current two-factor code for a TOTP secret, as an authenticator app would show it."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

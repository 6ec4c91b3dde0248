"""Every kind of site email, made through the real services (posting, case review,
verification, digests) for the tests that look at all of them: the design checks, the
browser screenshots and the SpamAssassin scores."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from accounts import verification
from accounts.models import Profile, Specialty
from cases import moderation
from forums import posting
from forums.mail import digests
from forums.models import Post
from forums.posting.following import follow_category
from tests.cases.conftest import make_case, submit
from tests.digests.conftest import subscribe
from tests.factories import CategoryFactory, UserFactory, make_thread

KINDS = (
    "mention",
    "reply",
    "quote",
    "case-approved",
    "case-returned",
    "verification-approved",
    "verification-rejected",
    "badge",
    "digest",
)
# A badge earned (forums.recognition) is its own email, sent beside the event's own: the
# tests that look at one kind leave it out with ``without_badges``.
BADGE_SUBJECT = "You earned the badge"


def without_badges(messages) -> list:
    return [m for m in messages if BADGE_SUBJECT not in m.subject]


REQUEST = {
    "registration_number": "GMC 7012345",
    "registering_body": "General Medical Council",
    "country": "United Kingdom",
}
OPENING = (
    "A 58-year-old with palpitations and a **regular** narrow-complex tachycardia at 180 bpm. "
    "Adenosine terminated it; the resting ECG afterwards shows a short PR interval and a slurred "
    "upstroke of the QRS. Would you refer for an electrophysiology study now, or wait?"
)
ANSWER = (
    "I would refer now. A short PR with a delta wave after an episode of SVT is WPW syndrome, "
    "and an EP study with ablation is curative in most patients. Until then, avoid AV-nodal "
    "blockers if there is ever pre-excited atrial fibrillation."
)


def _one(run, to: str, badges: list | None = None) -> object:
    """The one message ``run`` sends to ``to`` (and the badge it earned them, into
    ``badges``, when given)."""
    before = len(mail.outbox)
    run()
    sent = [message for message in mail.outbox[before:] if message.to == [to]]
    if badges is not None:
        badges.extend(m for m in sent if BADGE_SUBJECT in m.subject)
        sent = without_badges(sent)
    assert len(sent) == 1, [m.subject for m in mail.outbox[before:]]
    return sent[0]


def every_kind(capture, moderator) -> dict:
    """{kind: the EmailMessage} for each of ``KINDS``. ``capture`` is pytest-django's
    ``django_capture_on_commit_callbacks`` (the emails go after the commit)."""

    def committed(action):
        def run():
            with capture(execute=True):
                action()

        return run

    forum = CategoryFactory(name="Arrhythmia", slug="arrhythmia")
    reader = UserFactory(handle="reader", email="reader@example.org", display_name="Dr Reader")
    asker = UserFactory(handle="asker", email="asker@example.org", display_name="Dr Asker")
    answerer = UserFactory(
        handle="answerer", email="answerer@example.org", display_name="Dr Answerer"
    )
    found = {}
    thread = make_thread(
        category=forum, author=asker, title="Short PR after SVT: refer now?", body=OPENING
    )
    before = len(mail.outbox)
    found["mention"] = _one(
        committed(
            lambda: posting.create_reply(
                thread=thread, author=answerer, body=f"@reader, your view? {ANSWER}"
            )
        ),
        reader.email,
    )
    found["reply"] = next(m for m in mail.outbox[before:] if m.to == [asker.email])
    opening = Post.objects.get(thread=thread, number=1)
    quote = posting.quote_markdown(opening)
    found["quote"] = _one(
        committed(
            lambda: posting.create_reply(
                thread=thread, author=reader, body=f"{quote}\n\nAgreed: refer for ablation."
            )
        ),
        asker.email,
    )

    author = UserFactory(professional=True, handle="author", email="author@example.org")
    approved, returned = make_case(author), make_case(author)
    for case in (approved, returned):
        submit(case, author)
    earned: list = []
    found["case-approved"] = _one(
        committed(lambda: moderation.approve_case(approved, by=moderator)), author.email, earned
    )
    found["badge"] = earned[0]  # "Case author": the first case published
    found["case-returned"] = _one(
        committed(lambda: moderation.return_case(returned, by=moderator, reason="Crop it.")),
        author.email,
    )

    applicant = UserFactory(handle="applicant", email="applicant@example.org")
    first = verification.request_verification(applicant, **REQUEST)
    found["verification-rejected"] = _one(
        committed(
            lambda: verification.reject_verification(
                first, by=moderator, reason="The scan is blurry: please upload a sharper one."
            )
        ),
        applicant.email,
    )
    second = verification.request_verification(applicant, **REQUEST)
    found["verification-approved"] = _one(
        committed(lambda: verification.approve_verification(second, by=moderator)),
        applicant.email,
        [],  # and "Verified clinician"
    )

    now = timezone.now() + timedelta(minutes=1)
    subscriber = subscribe(
        UserFactory(handle="digest", email="digest@example.org", display_name="Dr Digest"), now
    )
    specialty = Specialty.objects.create(name="Electrophysiology", slug="electrophysiology")
    Profile.objects.update_or_create(user=subscriber, defaults={"specialty": specialty})
    valves = CategoryFactory(name="Valves", slug="valves")
    for followed in (forum, valves):
        follow_category(followed, user=subscriber)
    make_thread(category=valves, author=asker, title="TAVI or SAVR at 84?", body=OPENING)
    make_thread(
        category=CategoryFactory(name="Questions", slug="questions"),
        author=asker,
        title="Ablation for asymptomatic pre-excitation?",
        body=ANSWER,
        tags=["electrophysiology"],
    )
    found["digest"] = _one(lambda: digests.send_digests("daily", now=now), subscriber.email)
    return found

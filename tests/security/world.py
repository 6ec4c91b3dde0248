"""One small site with every role and every object state, for the access-control matrix.

Built once per test module (inside a transaction rolled back at the end), through the same
services the site uses. Every piece of content belongs to ``author``; the other roles look at it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client
from django.utils import timezone
from PIL import Image

from accounts import profiles, verification
from accounts.models import User
from accounts.moderation import suspend_member
from accounts.unsubscribe import make_token
from cases import authoring
from cases import moderation as case_moderation
from cases.discussion import post_case_reply
from cases.images import add_case_image
from cases.models import Case
from forums.learning.export import export_period
from forums.learning.prompts import stop_token
from forums.learning.recording import EntryValues, log_thread, update_entry
from forums.models import (
    REFLECTION_NAMES,
    LearningEntry,
    Notification,
    Post,
    PostImage,
    Thread,
    Visibility,
)
from forums.posting import create_reply, edit_post, reactions
from forums.posting import moderation as forum_moderation
from forums.posting.polls import PollSpec, attach_poll
from forums.uploads import store_post_image
from tests.factories import CategoryFactory, UserFactory, make_thread

# The roles, in the column order of the matrix.
ROLES = ("visitor", "member", "professional", "author", "moderator", "suspended")

# Text a moderator redacted: no response anywhere may contain it afterwards.
REDACTED_SECRET = "violet lantern sparrow"
# A reply in the discussion of the flagged (hidden) case, and that case's title: shown to its
# author and moderators on the thread page, to nobody anywhere else.
HIDDEN_CASE_REPLY = "The amiodarone bolus settled the rhythm within the hour."
HIDDEN_CASE_TITLE = "A flagged case"

# Hostile text in the content every page shows: the matrix checks each page for inline code.
HOSTILE_NAME = '"><img src=x onerror=alert(1)>'
HOSTILE_TITLE = "A public question <script>alert(1)</script>"

CASE_VALUES = {
    "title": "Syncope on exertion in a runner",
    "specialty": "cardiology",
    "age_band": "30-39",
    "sex": "male",
    "care_setting": "emergency",
    "presenting_complaint": "Collapse while running, no prodrome.",
    "history": "Two similar episodes. Family history of sudden death.",
    "examination": "Ejection systolic murmur louder on standing.",
    "timeline": "Day 0 collapse. Day +2 echo.",
    "diagnosis": "Hypertrophic obstructive cardiomyopathy.",
    "question": "Would you allow him to keep running?",
}


def hostile_markdown() -> str:
    """A post made of the XSS corpus (what the pipeline refuses outright is left out)."""
    from forums.rendering import RenderError, render_markdown
    from tests.security.corpus import XSS_VECTORS

    accepted = []
    for vector in XSS_VECTORS:
        try:
            render_markdown(vector)
        except RenderError:
            continue
        accepted.append(vector)
    return "\n\n".join(accepted)


def png_bytes(size=(8, 8), colour=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@dataclass
class World:
    users: dict[str, User | AnonymousUser]
    clients: dict[str, Client]
    forums: dict = field(default_factory=dict)
    threads: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    post_images: dict = field(default_factory=dict)  # images in forum posts, per thread state
    tag: str = "ecg"
    notification: Notification | None = None
    hidden_case_notification: Notification | None = None  # the professional's, a mention
    gone_member: User | None = None
    avatar_name: str = ""
    evidence_request_id: int = 0
    unsubscribe_token: str = ""
    learning_entry: LearningEntry | None = None  # the author's, on the public thread
    learning_token: str = ""  # the verification link of the author's export
    learning_stop_token: str = ""  # the author's weekly prompt's stop link
    conversations: dict = field(default_factory=dict)  # private consults, by state
    message_images: dict = field(default_factory=dict)  # images in them: sent, not yet


def _case(author, title: str) -> Case:
    return authoring.create_case(
        author=author, values={**CASE_VALUES, "title": title}, tags=["ecg"]
    )


def _submit(case, author) -> Case:
    return authoring.submit_case(case, by=author, consent_basis="patient", attest=True)


def _add_poll(thread) -> None:
    """A poll (forums.posting.polls) in the thread, by its author; "hidden_post"'s thread has
    none."""
    spec = PollSpec(question=f"{HOSTILE_TITLE}?", options=(HOSTILE_NAME, "No"))
    attach_poll(thread=thread, by=thread.author, spec=spec)


def _message_image(conversation, author, alt_text: str):
    """A stored message image, written directly: the image checks read pixels with tesseract
    (tests/consults/test_images.py runs them), and the matrix is about who may open it."""
    import uuid

    from django.core.files.base import ContentFile

    from forums.consults.models import MessageImage

    image = MessageImage(
        key=uuid.uuid4().hex,
        extension="png",
        content_type="image/png",
        width=8,
        height=8,
        alt_text=alt_text,
        uploader=author,
        conversation=conversation,
    )
    image.file.save(f"{image.key}.png", ContentFile(png_bytes()), save=False)
    image.save()
    return image


def _add_conversations(world: World) -> None:
    """Private consults (issue 25): "participant", the author's with the professional and the
    suspended member; "left", one the author has left (the professional is still in it)."""
    from forums.consults.images import markdown_for
    from forums.consults.membership import leave_conversation
    from forums.consults.writing import send_message, start_conversation

    author, professional = world.users["author"], world.users["professional"]
    world.conversations["participant"] = start_conversation(
        by=author,
        recipients=[professional, world.users["suspended"]],
        subject=HOSTILE_TITLE,
        body="Can I show you a tracing?",
    )
    send_message(
        conversation=world.conversations["participant"], by=professional, body="Yes, send it."
    )
    # An image in the author's message there, and one the author added and has not sent yet.
    shown = _message_image(world.conversations["participant"], author, "A tracing")
    send_message(
        conversation=world.conversations["participant"],
        by=author,
        body=f"Here:\n\n{markdown_for(shown)}",
    )
    world.message_images["participant"] = shown
    world.message_images["unattached"] = _message_image(
        world.conversations["participant"], author, "Not sent yet"
    )
    world.conversations["left"] = start_conversation(
        by=author, recipients=[professional], subject="Left", body="Goodbye then."
    )
    leave_conversation(conversation=world.conversations["left"], by=author)


def build_world() -> World:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.roles import ensure_moderators_group

    ensure_moderators_group()
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    professional = UserFactory(
        professional=True,
        handle="pro",
        email="pro@example.org",
        display_name=HOSTILE_NAME,
    )
    member = UserFactory(handle="member", email="member@example.org")
    moderator = UserFactory(handle="mod", email="mod@example.org", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    TOTP.activate(moderator, generate_totp_secret())
    suspended = UserFactory(professional=True, handle="suspended", email="susp@example.org")
    suspend_member(
        suspended, by=moderator, until=timezone.now() + timedelta(days=7), reason="Spam."
    )
    suspended.refresh_from_db()
    users = {
        "visitor": AnonymousUser(),
        "member": member,
        "professional": professional,
        "author": author,
        "moderator": moderator,
        "suspended": suspended,
    }
    clients = {}
    for role, user in users.items():
        # Failures come back as 500 responses, so the matrix can report every cell at once.
        clients[role] = Client(raise_request_exception=False)
        if user.is_authenticated:
            clients[role].force_login(user)
    world = World(users=users, clients=clients)

    # Forums at each visibility; a thread with a reply by the author in each.
    for level in (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.VERIFIED):
        world.forums[level.value] = CategoryFactory(
            slug=f"{level.value}-forum", name=f"{level.label} forum", visibility=level
        )
    for state in ("public", "members", "verified"):
        world.threads[state] = make_thread(
            category=world.forums[state],
            author=author,
            title=HOSTILE_TITLE if state == "public" else f"A {state} question",
            body=hostile_markdown() if state == "public" else "Some **text**",
            replies=1,
            tags=["ecg"] if state == "public" else [f"{state}-only"],
        )
        _add_poll(world.threads[state])
    world.threads["hidden"] = make_thread(
        category=world.forums["public"], author=author, title="A hidden thread", replies=1
    )
    _add_poll(world.threads["hidden"])
    forum_moderation.hide_thread(world.threads["hidden"], by=moderator, reason="Spam")
    hidden_post_thread = make_thread(
        category=world.forums["public"], author=author, title="One reply hidden", replies=1
    )
    reply = Post.objects.get(thread=hidden_post_thread, number=2)
    forum_moderation.hide_post(reply, by=moderator, reason="Rude")
    world.threads["hidden_post"] = hidden_post_thread
    for state, thread in world.threads.items():
        thread.refresh_from_db()
        world.posts[state] = Post.objects.get(thread=thread, number=2)

    # A reaction by another member gives the author a notification (theirs alone).
    reactions.react_to_post(world.posts["public"], by=professional)
    world.notification = Notification.objects.get(recipient=author)

    # Cases at each step of their life.
    world.cases["draft"] = _case(author, "A draft case")
    world.cases["pending"] = _submit(_case(author, "A pending case"), author)
    published = _submit(_case(author, "A published case"), author)
    world.cases["published"] = case_moderation.approve_case(published, by=moderator)
    _add_poll(world.cases["published"].thread)
    hidden = _submit(_case(author, HIDDEN_CASE_TITLE), author)
    hidden = case_moderation.approve_case(hidden, by=moderator)
    _add_poll(hidden.thread)
    # Its discussion before the flag: a reply by the professional (who then watches it), and
    # the author's answer mentioning them (a notification for the professional).
    post_case_reply(hidden, by=professional, body=HIDDEN_CASE_REPLY, kept={})
    post_case_reply(hidden, by=author, body="Thank you @pro, agreed.", kept={})
    case_moderation.flag_case(hidden, by=professional, reason="Names the ward.")
    world.cases["hidden"] = Case.objects.get(pk=hidden.pk)
    # Redacted: text removed from the case and a reply, then shown again after review.
    redacted = authoring.create_case(
        author=author,
        values={
            **CASE_VALUES,
            "title": "A redacted case",
            "history": f"Seen by the {REDACTED_SECRET} before transfer.",
        },
    )
    redacted = case_moderation.approve_case(_submit(redacted, author), by=moderator)
    case_reply = post_case_reply(
        redacted, by=professional, body=f"I saw them on {REDACTED_SECRET} too.", kept={}
    )
    # Edited once, so a revision holds the text too: redaction must reach it.
    edit_post(case_reply, by=professional, body=f"I saw them on {REDACTED_SECRET} too, twice.")
    case_moderation.flag_case(redacted, by=professional, reason="Names the bed.")
    case_moderation.redact_case(redacted, by=moderator, text=REDACTED_SECRET)
    case_moderation.restore_case(redacted, by=moderator)
    world.cases["redacted"] = Case.objects.get(pk=redacted.pk)
    world.threads["case"] = Thread.objects.get(pk=world.cases["published"].thread_id)
    world.threads["case_hidden"] = Thread.objects.get(pk=world.cases["hidden"].thread_id)
    world.posts["case_hidden"] = Post.objects.get(thread=world.threads["case_hidden"], number=2)
    world.hidden_case_notification = Notification.objects.get(
        recipient=professional, thread=world.threads["case_hidden"]
    )
    world.threads["redacted"] = Thread.objects.get(pk=world.cases["redacted"].thread_id)
    world.posts["redacted"] = Post.objects.get(pk=case_reply.pk)  # by the professional
    create_reply(thread=world.threads["case"], author=author, body="The echo came back.")
    world.posts["case"] = Post.objects.get(thread=world.threads["case"], number=2)

    for state in ("published", "draft"):
        world.images[state] = add_case_image(
            world.cases[state], by=author, data=png_bytes(), alt_text="A tracing"
        )

    # Images in forum posts (issue 22): each shown by the author's reply in its thread; one
    # uploaded for the public thread and shown by no post yet (only its uploader sees it).
    for state in ("public", "members", "verified", "hidden", "hidden_post", "case"):
        image = store_post_image(
            by=author, data=png_bytes(), alt_text="A tracing", thread=world.threads[state]
        )
        # Set directly: a hidden post cannot be edited to show it, which is what attaches it.
        PostImage.objects.filter(pk=image.pk).update(
            post=world.posts[state], thread=world.threads[state]
        )
        world.post_images[state] = image
    world.post_images["unattached"] = store_post_image(
        by=author, data=png_bytes(), alt_text="Not posted yet", thread=world.threads["public"]
    )

    # Accounts: an avatar, a deleted member, verification evidence, an unsubscribe link.
    profile = profiles.set_avatar(author, data=profiles.clean_avatar(png_bytes((64, 64))))
    world.avatar_name = profile.avatar.name.rsplit("/", 1)[-1]
    world.gone_member = UserFactory(handle="gone", email="gone@example.org", is_active=False)
    req = verification.request_verification(
        member,
        registration_number="GMC 1234567",
        registering_body="GMC",
        country="GB",
        evidence=verification.clean_evidence(png_bytes((40, 40))),
    )
    world.evidence_request_id = req.pk
    world.unsubscribe_token = make_token(author)
    # The learning log (issue 26): the author's entry with a hostile reflection, an export.
    entry, _new = log_thread(user=author, thread=world.threads["public"])
    log_thread(user=author, thread=world.threads["case"])
    reflection = dict.fromkeys(REFLECTION_NAMES, HOSTILE_TITLE)
    values = EntryValues(
        date=timezone.localdate(), minutes=30, category="clinical", reflection=reflection
    )
    world.learning_entry = update_entry(entry, by=author, values=values, kept={})
    today = timezone.localdate()
    made = export_period(user=author, start=today - timedelta(days=30), end=today)
    world.learning_token = made.url.rstrip("/").rsplit("/", 1)[-1]
    world.learning_stop_token = stop_token(author)
    _add_conversations(world)
    for obj in [*world.threads.values(), *world.posts.values(), *world.cases.values()]:
        obj.refresh_from_db()
    return world

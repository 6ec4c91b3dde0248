"""Load demo content: forums, threads with replies and tags, four members, published cases.

Idempotent: running it again finds what exists and adds nothing twice. The members are
established (joined long ago, with enough posts), so the new-member limits do not get in the
way of trying the site: the demo clinician can quote-reply, link and mention.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forums.models import Category, Post, Thread, Visibility
from forums.posting import SITE, create_reply, create_thread

DEMO_PASSWORD = "rounds-demo-2026"  # noqa: S105 - printed on purpose: demo accounts only

# A reflection in the learning log's template, for the demo clinician's first entry.
DEMO_REFLECTION = {
    "what_happened": "Colleagues compared how they manage a common presentation.",
    "what_learned": "Our unit's threshold differs from the guideline; the evidence is thin.",
    "practice_change": "I will document the reasoning when I depart from the guideline.",
    "next_steps": "Read the guideline's evidence review and raise it at the audit meeting.",
}

MEMBERS = [
    # email, handle, display name, role
    ("member@rounds.test", "sam_rivera", "Sam Rivera", "member"),
    ("clinician@rounds.test", "dr_okafor", "Dr Ada Okafor", "clinician"),
    ("moderator@rounds.test", "mod_lee", "Jun Lee", "moderator"),
    ("admin@rounds.test", "admin", "Site admin", "admin"),
]

FORUMS = [
    ("cardiology", "Cardiology", "Arrhythmias, heart failure, ECG puzzles.", Visibility.PUBLIC),
    (
        "emergency-medicine",
        "Emergency medicine",
        "Resus, triage and the 3 a.m. decisions.",
        Visibility.PUBLIC,
    ),
    (
        "infectious-diseases",
        "Infectious diseases",
        "Antimicrobials, stewardship, outbreaks.",
        Visibility.PUBLIC,
    ),
    (
        "medical-education",
        "Medical education",
        "Teaching, learning and assessment.",
        Visibility.MEMBERS,
    ),
    (
        "clinician-lounge",
        "Clinician lounge",
        "For verified professionals only.",
        Visibility.VERIFIED,
    ),
]

THREADS = [
    (
        "cardiology",
        "sam_rivera",
        "Wide-complex tachycardia: VT until proven otherwise?",
        ["ecg", "arrhythmia"],
        "A stable patient with a **wide-complex tachycardia** at 170/min. Which criteria do you "
        "use at the bedside?\n\n- Brugada\n- Vereckei aVR\n- Just treat as VT\n",
        [
            (
                "dr_okafor",
                "Treat as VT if in doubt. Vereckei's aVR algorithm is quick:\n\n"
                "1. Initial R wave in aVR\n2. Initial r or q > 40 ms\n3. Notch on the descending "
                "limb\n4. vi/vt ≤ 1",
            ),
            ("mod_lee", "Agree. See https://litfl.com for worked examples."),
            ("sam_rivera", "Thanks, that matches our local guideline."),
        ],
    ),
    (
        "emergency-medicine",
        "dr_okafor",
        "Push-dose vasopressors in the ED",
        ["resuscitation", "vasopressors"],
        "How does your department prepare push-dose phenylephrine? We dilute 10 mg in 100 mL, "
        "then draw 10 mL: **100 µg/mL**.",
        [
            ("sam_rivera", "Same here, with a pre-printed label to avoid 10-fold errors."),
            (
                "mod_lee",
                "| Drug | Dose |\n|---|---|\n| Phenylephrine | 50-200 µg |\n"
                "| Adrenaline | 5-20 µg |",
            ),
        ],
    ),
    (
        "infectious-diseases",
        "mod_lee",
        "Shortest effective course for uncomplicated cellulitis",
        ["antibiotics", "stewardship"],
        "Five days seems enough for most. Who still prescribes ten, and why?",
        [("dr_okafor", "Five, reviewed at 48 hours. Mark the margin with a pen.")],
    ),
    (
        "medical-education",
        "sam_rivera",
        "Teaching ECGs to first-year residents",
        ["teaching", "ecg"],
        "What worked for you? Spaced repetition, case-based sessions, or something else?",
        [("dr_okafor", "A weekly *ECG of the week* with a short quiz works well.")],
    ),
]


# Long enough ago that ROUNDS_NEW_MEMBER_DAYS has passed for any sensible setting.
JOINED_DAYS_AGO = 400
INTRODUCTIONS = (
    "medical-education",
    "Introduce yourself",
    "Say hello: where you work, what you teach or learn, and what brings you to Rounds.",
)
INTRODUCTION_REPLY = "Hello from {name}: glad to be here, and happy to talk cases."


# A private consult, with nothing in it that could identify a patient (the scanner reads it).
DEMO_CONSULT = (
    "Your question about QT prolongation",
    "Happy to look at the tracing with you. Which drugs is the patient on now?",
    "Thank you. An antiemetic and a macrolide, both started this week.",
)


class Command(BaseCommand):
    help = "Load demo forums, threads and members (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        members = {
            handle: self._member(email, handle, name, role) for email, handle, name, role in MEMBERS
        }
        forums = {}
        for position, (slug, name, description, visibility) in enumerate(FORUMS):
            forums[slug], _ = Category.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "position": position,
                    "visibility": visibility,
                },
            )
        created = 0
        for forum_slug, author, title, tags, body, replies in THREADS:
            if Thread.objects.filter(category=forums[forum_slug], title=title).exists():
                continue
            thread = create_thread(
                category=forums[forum_slug],
                author=members[author],
                title=title,
                body=body,
                tags=tags,
                origin=SITE,
            )
            for reply_author, reply_body in replies:
                create_reply(
                    thread=thread, author=members[reply_author], body=reply_body, origin=SITE
                )
            created += 1
        self.stdout.write(f"Threads: {created} created, {len(THREADS) - created} already there.")
        self._establish(members, forums)
        self._consult(members)
        # Cases live in the cases app, which forums may not import: run its seeder by name.
        if "seed_demo_cases" in get_commands():
            call_command("seed_demo_cases", stdout=self.stdout)
        self._learning_log(members["dr_okafor"])
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, handle, _name, role in MEMBERS:
            self.stdout.write(f"  {role:<10} {email:<24} @{handle}")

    def _learning_log(self, clinician: User) -> None:
        """The demo clinician's learning log: two threads they took part in, one reflected on."""
        from forums.learning.recording import EntryValues, log_thread, update_entry

        threads = Thread.objects.filter(posts__author=clinician).distinct().order_by("pk")[:2]
        for index, thread in enumerate(threads):
            entry, new = log_thread(user=clinician, thread=thread)
            if new and index == 0:
                values = EntryValues(
                    date=entry.date,
                    minutes=entry.minutes,
                    category="clinical",
                    reflection=DEMO_REFLECTION,
                )
                update_entry(entry, by=clinician, values=values, kept={})

    def _establish(self, members: dict[str, User], forums: dict[str, Category]) -> None:
        """Give each demo member the posts an established member has (ROUNDS_NEW_MEMBER_POSTS),
        as replies in an introductions thread; their join date is set long ago in _member."""
        slug, title, body = INTRODUCTIONS
        thread = Thread.objects.filter(category=forums[slug], title=title).first()
        for member in members.values():
            missing = settings.ROUNDS_NEW_MEMBER_POSTS - Post.objects.filter(author=member).count()
            for _ in range(max(missing, 0)):
                if thread is None:
                    thread = create_thread(
                        category=forums[slug],
                        author=member,
                        title=title,
                        body=body,
                        tags=[],
                        origin=SITE,
                    )
                    continue
                reply = INTRODUCTION_REPLY.format(name=member.display_name)
                create_reply(thread=thread, author=member, body=reply, origin=SITE)

    def _consult(self, members: dict[str, User]) -> None:
        """A private consult between the clinician and the member (``/messages/``), once."""
        from forums.consults.models import Conversation
        from forums.consults.writing import send_message, start_conversation

        doctor, member = members["dr_okafor"], members["sam_rivera"]
        subject, opening, answer = DEMO_CONSULT
        if Conversation.objects.filter(started_by=doctor, subject=subject).exists():
            return
        conversation = start_conversation(
            by=doctor, recipients=[member], subject=subject, body=opening, origin=SITE
        )
        send_message(conversation=conversation, by=member, body=answer, origin=SITE)

    def _member(self, email: str, handle: str, name: str, role: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                handle=handle,
                display_name=name,
                is_staff=role in {"moderator", "admin"},
                is_superuser=role == "admin",
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        # The roles read denormalised fields (accounts.permissions): without these the demo
        # members could not post, and the clinician could not read the verified-only forum.
        verified_until = timezone.localdate() + timedelta(days=365) if role == "clinician" else None
        joined = timezone.now() - timedelta(days=JOINED_DAYS_AGO)
        User.objects.filter(pk=user.pk).update(email_verified=True, date_joined=joined)
        if verified_until and not user.professional_verified_until:
            User.objects.filter(pk=user.pk).update(professional_verified_until=verified_until)
        user.refresh_from_db()
        if role == "moderator":
            group, _ = Group.objects.get_or_create(name="Moderators")
            user.groups.add(group)
        return user

"""Private consults: conversations between members, their participants and messages.

Imported by ``forums.models`` (where Django finds every model); written only through the
services of this package (``forums.consults.writing``, ``membership``). A message stores its
Markdown source beside the HTML rendered once when it was written (``forums.rendering``), as a
post does. Nothing here is indexed for site search, listed in feeds or read by digests.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Two members or a small group: the starter and at most 19 others.
MAX_PARTICIPANTS = 20
MAX_SUBJECT_CHARS = 120


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=MAX_SUBJECT_CHARS)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Messages and system lines are numbered from 1 and keep their number (links, read state).
    message_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("private consult")
        verbose_name_plural = _("private consults")

    def __str__(self) -> str:
        # Never the subject: this name goes to the audit log and the report queue.
        return f"Private consult #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("forums:consult", kwargs={"pk": self.pk})


class Participant(models.Model):
    """One member's place in a conversation, with their own state: how far they have read, how
    many messages wait for them (denormalised for the inbox and the header), archived, deleted
    for themselves (``cleared_through``: messages up to that number are gone for them; a newer
    message brings the conversation back with only what is new)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consults"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    # A member added later reads from the line that says so on (``cleared_through`` is set
    # there): what was written before was meant for the others. Left: no access at all.
    left_at = models.DateTimeField(null=True, blank=True)
    last_read_number = models.PositiveIntegerField(default=0)
    unread = models.PositiveIntegerField(default=0)
    is_archived = models.BooleanField(default=False)
    cleared_through = models.PositiveIntegerField(default=0)
    # The conversation's latest message, copied so the inbox orders on this table alone.
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint("conversation", "user", name="forums_participant_unique")
        ]
        indexes = [
            # The inbox: a member's current conversations, newest first (keyset on the pair).
            models.Index(
                fields=["user", "is_archived", "-last_message_at", "-id"],
                condition=Q(left_at__isnull=True),
                name="forums_participant_inbox",
            ),
            # The header's count: only rows with something unread.
            models.Index(
                fields=["user"],
                condition=Q(left_at__isnull=True, unread__gt=0),
                name="forums_participant_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class MessageKind(models.TextChoices):
    TEXT = "text", _("Message")
    ADDED = "added", _("Member added")
    LEFT = "left", _("Member left")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=MessageKind.choices, default=MessageKind.TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The member a system line is about (added, left); the author is who added them.
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.TextField(blank=True)
    html = models.TextField(blank=True)
    # Identifier-scanner findings the author kept, with their reasons: [{kind, text, reason}].
    kept_findings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    is_hidden = models.BooleanField(default=False)  # a privacy report, or a moderator
    is_deleted = models.BooleanField(default=False)  # its author's account went, text removed
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("private message")
        verbose_name_plural = _("private messages")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint("conversation", "number", name="forums_message_number")
        ]
        indexes = [GinIndex(fields=["search_vector"], name="forums_message_search")]

    def __str__(self) -> str:
        # Never the text: this name goes to the audit log and the report queue.
        return f"Message #{self.number} in private consult #{self.conversation_id}"

    def get_absolute_url(self) -> str:
        url = reverse("forums:consult", kwargs={"pk": self.conversation_id})
        return f"{url}?at={self.number}#m{self.number}"


def _image_path(instance: MessageImage, filename: str) -> str:
    return f"message-images/{instance.key}.{filename.rsplit('.', 1)[-1]}"


def _private_storage():
    from forums.models.uploads import post_image_storage

    return post_image_storage()


class MessageImage(models.Model):
    """An image added to a private message: cleaned, read for patient identifiers by the image
    checks (``forums.consults.images``), stored under a random name in private storage and
    served only to the conversation's participants who can see the message that shows it
    (before it is sent: its uploader alone)."""

    key = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(storage=_private_storage, upload_to=_image_path, max_length=200)
    extension = models.CharField(max_length=4)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("description (alt text)"), max_length=300)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="images")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message image")
        verbose_name_plural = _("message images")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(message__isnull=True),
                name="forums_messageimage_unattached",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}.{self.extension}"

    def get_absolute_url(self) -> str:
        return reverse("forums:consult_image", kwargs={"key": self.key, "ext": self.extension})

"""Images in private messages: stored after the same cleaning and image checks as any image a
member adds (``accounts.images.clean_image``, then every plugged-in image check with
``private=True``: cases reads it for text and faces that may identify a patient, and refuses
an image it cannot read), then tied to the message that shows them when it is sent.

The composer's form sends the image with the message; the page stores it first (its own
transaction) and adds its Markdown to the text, so a message the scanner then refuses comes
back with the image already in it. Unattached images go after a day
(``delete_unattached_message_images``, from the daily clean-up task).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import images as shared
from accounts.models import User
from forums.consults.models import Conversation, Message, MessageImage
from forums.consults.permissions import may_write, participation
from forums.uploads import EXTENSIONS, KEEP_UNATTACHED, UploadError, checked_upload

URL_PREFIX = "/messages/images/"
_IMAGE_URL = re.compile(r"/messages/images/([0-9a-f]{32})\.(?:jpg|png|webp)\b")


def store_message_image(
    *, conversation: Conversation, by: User, data: bytes, alt_text: str
) -> MessageImage:
    """Clean, check and store one image for a message ``by`` is writing in ``conversation``.
    Raises UploadError (the field named) for anything the uploader can act on."""
    if not may_write(by, participation(by, conversation.pk)):
        raise UploadError(_("You cannot add images here."))
    upload = checked_upload(data, alt_text, thread=None, private=True)
    image = MessageImage(
        key=uuid.uuid4().hex,
        extension=EXTENSIONS[upload.format],
        content_type=shared.ALLOWED_FORMATS[upload.format],
        width=upload.width,
        height=upload.height,
        size=len(upload.data),
        alt_text=upload.alt_text,
        uploader=by,
        conversation=conversation,
    )
    image.file.save(f"{image.key}.{image.extension}", ContentFile(upload.data), save=False)
    image.save()
    return image


def markdown_for(image: MessageImage) -> str:
    alt = image.alt_text.replace("[", "(").replace("]", ")")
    return f"![{alt}]({image.get_absolute_url()})"


def attach_images(*, message: Message, by: User) -> int:
    """Tie the images ``message`` shows to it: those ``by`` uploaded for its conversation and
    not yet shown by another message."""
    keys = sorted(set(_IMAGE_URL.findall(message.source)))
    if not keys:
        return 0
    return MessageImage.objects.filter(
        conversation_id=message.conversation_id, key__in=keys, uploader=by, message__isnull=True
    ).update(message=message)


def may_view(user, image: MessageImage) -> bool:
    """Participants who can see the message that shows it (not hidden); before it is sent,
    its uploader alone."""
    if image.message_id is None:
        return bool(user.is_authenticated and image.uploader_id == user.pk)
    participant = participation(user, image.conversation_id)
    message = image.message
    return bool(
        participant is not None
        and message is not None
        and message.number > participant.cleared_through
        and not message.is_hidden
    )


def delete_unattached_message_images(*, now: datetime | None = None) -> int:
    """Delete images no message shows a day after they were added; files after the commit."""
    cutoff = (now or timezone.now()) - KEEP_UNATTACHED
    stale = list(MessageImage.objects.filter(message__isnull=True, created_at__lt=cutoff)[:1000])
    if not stale:
        return 0
    with transaction.atomic():
        MessageImage.objects.filter(pk__in=[image.pk for image in stale]).delete()
        for image in stale:
            transaction.on_commit(partial(image.file.storage.delete, str(image.file.name)))
    return len(stale)

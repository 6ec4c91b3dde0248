"""Deleting an account: one service, with the parts other apps plug in.

accounts may not import forums or cases, so they add a ``DeletionHook`` to their extension
(``accounts.extensions``), e.g. forums' ``remove_forum_content(user, *, keep_posts)``: unless
the posts are kept, delete or blank them; always drop personal rows (bookmarks, read state,
follows, notifications).

Hooks run first, inside the same transaction, while the user row still exists. Posts and
threads that are kept lose their author through ``on_delete=SET_NULL`` and show as "Former
member".
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.utils import timezone

from accounts import extensions, network
from accounts.models import AuditEntry, Profile, User, VerificationRequest, private_storage
from accounts.profiles import members_changed


def _stored_files(user: User) -> list[tuple[Storage, str]]:
    evidence = VerificationRequest.objects.filter(user=user).values_list("evidence", flat=True)
    avatars = Profile.objects.filter(user=user).values_list("avatar", flat=True)
    return [(private_storage(), name) for name in evidence if name] + [
        (default_storage, name) for name in avatars if name
    ]


def _forget_names_in_logs(user: User) -> None:
    """The audit log and Django admin's history name their objects ("@handle ..."): keep the
    entries (they are the moderation record) but drop the names."""
    user_type = ContentType.objects.get_for_model(User)
    AuditEntry.objects.filter(member=user).update(target_repr="")
    AuditEntry.objects.filter(target_type=user_type, target_id=str(user.pk)).update(target_repr="")
    owned = {
        user_type: [user.pk],
        ContentType.objects.get_for_model(Profile): list(
            Profile.objects.filter(user=user).values_list("pk", flat=True)
        ),
        ContentType.objects.get_for_model(VerificationRequest): list(
            VerificationRequest.objects.filter(user=user).values_list("pk", flat=True)
        ),
    }
    for content_type, pks in owned.items():
        LogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in pks]
        ).update(object_repr="", change_message="")


def _end_sessions(user: User) -> None:
    """Sign the member out everywhere: their sessions hold their id and sign-in email.

    Database-backed sessions (``db``, ``cached_db``) cannot be filtered by user, so this decodes
    the unexpired ones: cheap while sessions exist only for signed-in members (Django saves none
    for visitors). Each is deleted through its store, so a cached copy goes too. With a purely
    cached engine the sessions expire by themselves, unusable once the user row is gone.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return
    sessions = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator(chunk_size=1000):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store_class(session_key=session.session_key).delete()


@transaction.atomic
def delete_account(user: User, *, keep_posts: bool) -> None:
    """Delete the member and every piece of personal data Rounds holds about them.

    ``keep_posts``: keep what they wrote, shown as by "Former member" (True), or let each app's
    hook remove it (False). Profile, preferences, verification requests, email addresses and
    authenticators go with the user row (CASCADE); audit and admin history entries about the
    member stay (they are the moderation record) but lose their name; the member's sessions end;
    uploaded files are deleted after commit.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    for hook in extensions.deletion_hooks():
        hook(user, keep_posts=keep_posts)
    files = _stored_files(user)
    _forget_names_in_logs(user)
    _end_sessions(user)
    network.forget_follows(user=user)
    user.delete()
    members_changed()  # their profile and directory card go, and their follows' counts
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))

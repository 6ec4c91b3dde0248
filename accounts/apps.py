from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission

        from accounts import extensions
        from accounts.access import access_changed
        from accounts.moderation import VERIFICATION_QUEUE
        from accounts.sessions import user_row_changed

        # accounts' own part of the moderation dashboard, beside what forums and cases plug in.
        extensions.plug_in(
            extensions.Extension(name="accounts", dashboard_queues=(VERIFICATION_QUEUE,))
        )

        # A member saved or deleted: signed-in snapshots are out of date (accounts.sessions).
        post_save.connect(user_row_changed, sender=settings.AUTH_USER_MODEL)
        post_delete.connect(user_row_changed, sender=settings.AUTH_USER_MODEL)
        # What grants a permission or two-factor changed: staff's cached access is out of date
        # (accounts.access).
        user_model = get_user_model()
        for through in (
            user_model.groups.through,
            user_model.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(access_changed, sender=through)
        for model in (Group, Permission, Authenticator):
            post_save.connect(access_changed, sender=model)
            post_delete.connect(access_changed, sender=model)

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import extensions
        from accounts.moderation import VERIFICATION_QUEUE
        from accounts.sessions import user_row_changed

        # accounts' own part of the moderation dashboard, beside what forums and cases plug in.
        extensions.plug_in(
            extensions.Extension(name="accounts", dashboard_queues=(VERIFICATION_QUEUE,))
        )

        # A member saved or deleted: signed-in snapshots are out of date (accounts.sessions).
        post_save.connect(user_row_changed, sender=settings.AUTH_USER_MODEL)
        post_delete.connect(user_row_changed, sender=settings.AUTH_USER_MODEL)

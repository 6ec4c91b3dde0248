from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        # forums and accounts may not import cases: cases plugs in from one file.
        from django.db.models.signals import post_delete, post_save

        from accounts.models import ReasonTemplate
        from cases import plugins, review

        plugins.plug_in()
        # The compiled scanner: a warning when the sources run instead, and runserver reloads
        # on an edit of a rule (the build's modules are what is imported, not the sources).
        from django.core import checks
        from django.utils.autoreload import autoreload_started

        from cases import native

        checks.register(native.check_compiled)
        autoreload_started.connect(native.watch_sources)
        # The moderators' review page, kept for each of them, follows the rows it reads.
        for model in (*review.REVIEWED_ROWS, ReasonTemplate):
            post_save.connect(review.row_saved, sender=model)
            post_delete.connect(review.row_saved, sender=model)

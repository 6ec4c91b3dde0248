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
        # The moderators' review page, kept for each of them, follows the rows it reads.
        for model in (*review.REVIEWED_ROWS, ReasonTemplate):
            post_save.connect(review.row_saved, sender=model)
            post_delete.connect(review.row_saved, sender=model)

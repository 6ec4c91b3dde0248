from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        # forums and accounts may not import cases: cases plugs in from one file.
        from cases import plugins

        plugins.plug_in()

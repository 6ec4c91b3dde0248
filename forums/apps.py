from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        # accounts may not import forums: forums plugs its part in from one file.
        from forums import plugins

        plugins.plug_in()

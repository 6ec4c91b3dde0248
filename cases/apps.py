from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        from cases.selectors import newest_cases_for_home
        from forums.home import register_home_section

        register_home_section("cases/includes/home_cases.html", newest_cases_for_home)

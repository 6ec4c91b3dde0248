from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        from cases.selectors import newest_cases_for_home
        from forums.home import register_home_section

        register_home_section("cases/includes/home_cases.html", newest_cases_for_home)

        # Issue 8: cases in site search.
        from django.utils.translation import gettext_lazy as _

        from cases.search import search_cases
        from forums.search import register_source

        register_source("case", _("Cases"), search_cases)

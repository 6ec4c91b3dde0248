from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        from cases.selectors import newest_cases_for_home
        from forums.home import register_home_section

        register_home_section("cases/includes/home_cases.html", newest_cases_for_home)

        # digests (issue 7): new cases in followed specialties, by title, specialty and link.
        from cases.digests import DIGEST_CASES_TEMPLATE, new_cases_for_digest
        from forums.digests import register_digest_section

        register_digest_section("cases", DIGEST_CASES_TEMPLATE, new_cases_for_digest)

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case studies"

    def ready(self) -> None:
        from cases.discussion import scan_forum_reply
        from cases.selectors import newest_cases_for_home
        from forums.home import register_home_section
        from forums.posting import register_text_check

        register_home_section("cases/includes/home_cases.html", newest_cases_for_home)
        register_text_check(scan_forum_reply)

        # Issue 22: images added in a case discussion's composer are read for identifiers first.
        from cases.discussion import check_case_image
        from forums.uploads import register_image_check

        register_image_check(check_case_image)

        # Moderation issue: a patient-privacy report on a case is a privacy flag (hides at once).
        from cases.models import Case
        from cases.moderation import flag_case
        from forums.reports import register_privacy_hider

        register_privacy_hider(
            Case, lambda case, *, by, reason: flag_case(case, by=by, reason=reason)
        )

        # digests (issue 7): new cases counted per followed specialty, with a link (no titles).
        from cases.digests import DIGEST_CASES_TEMPLATE, new_cases_for_digests
        from forums.mail.digests.build import register_digest_section

        register_digest_section("cases", DIGEST_CASES_TEMPLATE, new_cases_for_digests)

        # Issue 8: cases in site search.
        from django.utils.translation import gettext_lazy as _

        from cases.search import search_cases
        from forums.search import register_source

        register_source("case", _("Cases"), search_cases)

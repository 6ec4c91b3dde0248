"""rerender_cases brings stored case HTML up to the current Markdown pipeline (issue 22)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from cases.models import Case
from tests.cases.conftest import make_case


def test_rerender_cases_rewrites_stale_html_and_only_that(author):
    case = make_case(author, history="BP 128/82\nHR 96")
    Case.objects.filter(pk=case.pk).update(history_html="<p>BP 128/82\nHR 96</p>")  # as before
    out = StringIO()
    call_command("rerender_cases", stdout=out)
    case.refresh_from_db()
    assert case.history_html == "<p>BP 128/82<br>\nHR 96</p>"
    assert "1 cases re-rendered" in out.getvalue()
    call_command("rerender_cases", stdout=out)
    assert "0 cases re-rendered" in out.getvalue()

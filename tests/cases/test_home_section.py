"""The home page's newest case studies: verified professionals only, in a fixed query count."""

from __future__ import annotations

import pytest

from tests.cases.conftest import make_case, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_cases(author, moderator):
    cases = []
    for i in range(7):
        case = make_case(author, title=f"Case number {i}")
        publish(case, author, moderator)
        cases.append(case)
    return cases


def test_verified_professionals_see_the_newest_cases_on_home(client, reader, published_cases):
    client.force_login(reader)
    response = client.get("/")
    assert "Newest case studies" in response.content.decode()
    (section,) = [s for s in response.context["home_sections"] if "cases" in s.context]
    titles = [case.title for case in section.context["cases"]]
    assert titles == [f"Case number {i}" for i in (6, 5, 4, 3, 2)]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_others_see_no_case_titles_on_home(client, member, published_cases, who):
    if who == "member":
        client.force_login(member)
    html = client.get("/").content.decode()
    assert "Newest case studies" not in html
    assert "Case number" not in html


def test_the_case_section_costs_one_query(
    client, reader, published_cases, django_assert_num_queries
):
    client.force_login(reader)
    client.get("/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    case_queries = [q for q in captured.captured_queries if '"cases_case"' in q["sql"]]
    assert len(case_queries) == 1


def test_verified_readers_share_the_section_and_members_never_get_it(
    client,
    reader,
    member,
    author,
    moderator,
    published_cases,
    settings,
    local_cache,
    django_capture_on_commit_callbacks,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.VISITOR_PAGE_SECONDS = 30
    client.force_login(author)
    client.get("/")  # computes the newest cases for every verified reader
    client.force_login(reader)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert "Case number 6" in html
    assert not [q for q in captured.captured_queries if '"cases_case"' in q["sql"]]
    client.force_login(member)
    assert "Case number" not in client.get("/").content.decode()
    # A newly published case shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        newer = publish(make_case(author, title="Case published last"), author, moderator)
    client.force_login(reader)
    assert newer.title in client.get("/").content.decode()

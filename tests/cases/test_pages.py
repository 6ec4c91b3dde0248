"""Case pages: who may open each URL, noindex everywhere, forms that lose nothing, and exact
query budgets with more rows than a page holds."""

from __future__ import annotations

import pytest

from cases import authoring, moderation, selectors
from cases.images import add_case_image
from cases.models import Case, CaseStatus, KeptFinding
from forums.posting import create_reply
from forums.selectors.common import POSTS_PER_PAGE
from tests.cases.conftest import CASE_VALUES, make_case, publish
from tests.cases.test_images import _png
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


def _who(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


# (method, url template, expected status for each role on a PUBLISHED case)
PUBLISHED_URLS = [
    (
        "get",
        "{detail}",
        {"anonymous": 404, "member": 404, "reader": 200, "author": 200, "moderator": 200},
    ),
    (
        "get",
        "/cases/{pk}/edit/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 200, "moderator": 403},
    ),
    (
        "get",
        "/cases/{pk}/quiz/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 200, "moderator": 403},
    ),
    (
        "get",
        "/cases/{pk}/images/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 200, "moderator": 403},
    ),
    (
        "get",
        "/cases/{pk}/images/{image}/",
        {"anonymous": 404, "member": 404, "reader": 200, "author": 200, "moderator": 200},
    ),
    (
        "post",
        "/cases/{pk}/images/{image}/delete/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 302, "moderator": 403},
    ),
    (
        "get",
        "/cases/{pk}/reply/",
        {"anonymous": 302, "member": 404, "reader": 200, "author": 200, "moderator": 200},
    ),
    (
        "get",
        "/cases/{pk}/outcome/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 200, "moderator": 403},
    ),
    (
        "post",
        "/cases/{pk}/vote/",
        {"anonymous": 302, "member": 404, "reader": 302, "author": 302, "moderator": 302},
    ),
    (
        "post",
        "/cases/{pk}/reveal/",
        {"anonymous": 302, "member": 404, "reader": 403, "author": 302, "moderator": 302},
    ),
    (
        "post",
        "/cases/{pk}/flag/",
        {"anonymous": 302, "member": 404, "reader": 302, "author": 302, "moderator": 302},
    ),
]
ROLES = ["anonymous", "member", "reader", "author", "moderator"]


@pytest.mark.parametrize(("method", "template", "expected"), PUBLISHED_URLS)
@pytest.mark.parametrize("role", ROLES)
def test_every_case_url_answers_each_role_as_the_rules_say(
    request, client, published, author, method, template, expected, role
):
    image = add_case_image(published, by=author, data=_png(), alt_text="Echo")
    url = template.format(detail=published.get_absolute_url(), pk=published.pk, image=image.pk)
    who = _who(request, role)
    if who:
        client.force_login(who)
    response = getattr(client, method)(url)
    assert response.status_code == expected[role], (role, url)
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("member", 404), ("reader", 404), ("author", 200), ("moderator", 200)],
)
def test_a_draft_is_seen_by_its_author_and_moderators_only(request, client, draft, role, status):
    who = _who(request, role)
    if who:
        client.force_login(who)
    assert client.get(draft.get_absolute_url()).status_code == status
    if role in {"reader", "member"}:
        assert client.get(f"/cases/{draft.pk}/submit/").status_code == 404


def test_only_verified_professionals_may_write_a_case(client, member, reader):
    client.force_login(member)
    assert client.get("/cases/new/").status_code == 403
    client.force_login(reader)
    assert client.get("/cases/new/").status_code == 200


def test_case_pages_are_marked_noindex_in_header_and_html(client, published, reader):
    client.force_login(reader)
    for url in ("/cases/", published.get_absolute_url(), f"/cases/{published.pk}/reply/"):
        response = client.get(url)
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
        assert (
            '<meta name="robots" content="noindex, nofollow, noarchive">'
            in response.content.decode()
        )


def test_writing_a_case_through_the_form_and_a_render_error_keeps_the_text(client, reader):
    client.force_login(reader)
    data = {**CASE_VALUES, "tags": "ECG, syncope", "history": "x" * 50_000}
    response = client.post("/cases/new/", data)
    assert response.status_code == 200
    assert "limit" in str(response.context["form"].errors["history"])
    assert "Collapse while running" in response.content.decode()
    data["history"] = "Two episodes."
    response = client.post("/cases/new/", data)
    case = Case.objects.get(author=reader)
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert sorted(case.tags.names()) == ["ecg", "syncope"]


def test_the_submit_page_highlights_findings_offers_fixes_and_takes_reasons(client, author):
    case = make_case(author, history="Admitted 3 March 2023, seen by Dr Okafor. A 93-year-old.")
    client.force_login(author)
    page = client.get(f"/cases/{case.pk}/submit/").content.decode()
    assert "<mark>3 March 2023</mark>" in page
    assert "Replace with “Day 0”" in page
    assert "Replace with “over 89”" in page
    findings = {f.kind: f for f in authoring.scan_case(case)["history"]}
    date, age, name = findings["DATE"], findings["AGE_OVER_89"], findings["NAME"]
    consent = {"consent_basis": "patient", "attest": "on"}
    response = client.post(
        f"/cases/{case.pk}/submit/",
        {
            **consent,
            f"fix:history:{date.start}:{date.end}": "1",
            f"fix:history:{age.start}:{age.end}": "1",
        },
    )
    assert response.status_code == 200, "the name is still neither fixed nor kept"
    assert "Fix each highlighted passage" in response.content.decode()
    case.refresh_from_db()
    assert case.history == "Admitted Day 0, seen by Dr Okafor. A over 89."
    response = client.post(
        f"/cases/{case.pk}/submit/",
        {**consent, f"keep:history:NAME:{name.text}": "The author's own name"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING
    assert KeptFinding.objects.get(case=case).reason == "The author's own name"


def test_a_reply_through_the_case_page_is_scanned_before_posting(client, published, reader):
    client.force_login(reader)
    body = "Same as a patient I saw at St Mary's Hospital."
    response = client.post(f"/cases/{published.pk}/reply/", {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>St Mary&#x27;s Hospital</mark>" in html
    assert body.replace("'", "&#x27;") in html
    assert published.thread.posts.count() == 1
    response = client.post(
        f"/cases/{published.pk}/reply/",
        {"body": body, "keep:reply:GEO:St Mary's Hospital": "a large public hospital"},
    )
    assert response.status_code == 302
    post = published.thread.posts.get(number=2)
    assert post.source == body
    assert KeptFinding.objects.get(post=post).reason == "a large public hospital"


def test_moderators_see_the_findings_the_author_kept(client, author, moderator):
    case = make_case(author, history="Seen by Dr Okafor.")
    authoring.submit_case(
        case,
        by=author,
        consent_basis="patient",
        attest=True,
        kept={"history:NAME:Dr Okafor": "that is me"},
    )
    client.force_login(moderator)
    assert "that is me" in client.get(case.get_absolute_url()).content.decode()


def test_the_list_filters_by_specialty_tag_and_status(client, author, moderator, reader):
    cardio = publish(make_case(author, title="Cardio case"), author, moderator)
    derm = publish(make_case(author, title="Skin case", specialty="dermatology"), author, moderator)
    derm.tags.set(["rash"])
    create_reply(thread=cardio.thread, author=reader, body="Thoughts")
    client.force_login(reader)

    def titles(query):
        return [c.title for c in client.get(f"/cases/?{query}").context["cases"]]

    assert titles("specialty=dermatology") == ["Skin case"]
    assert titles("tag=rash") == ["Skin case"]
    assert titles("status=unanswered") == ["Skin case"]
    assert titles("sort=active") == ["Cardio case", "Skin case"]
    assert titles("sort=newest") == ["Skin case", "Cardio case"]
    moderation_reveal = cardio
    moderation_reveal.revealed_at = moderation_reveal.published_at
    moderation_reveal.save()
    assert titles("status=revealed") == ["Cardio case"]
    authoring.post_outcome(derm, by=author, text="Settled.")
    assert titles("status=outcome") == ["Skin case"]


def test_case_list_runs_a_fixed_number_of_queries_with_more_cases_than_a_page(
    client, author, moderator, reader, django_assert_num_queries
):
    for i in range(selectors.CASES_PER_PAGE + 5):
        publish(make_case(author, title=f"Case {i}"), author, moderator)
    client.force_login(reader)
    # user, cases (+author, thread; one extra row, no COUNT), tags, the reader's own
    # unpublished cases, the header's unread count (the next page has the user and the count
    # from the cache: accounts.sessions)
    with django_assert_num_queries(5):
        response = client.get("/cases/")
    assert len(response.context["cases"]) == selectors.CASES_PER_PAGE
    assert response.context["page"].has_next
    with django_assert_num_queries(3):
        second = client.get("/cases/?page=2")
    assert len(second.context["cases"]) == 5
    assert not second.context["page"].has_next


def test_verified_readers_share_the_case_list_and_nobody_else_does(
    client,
    author,
    moderator,
    reader,
    member,
    settings,
    local_cache,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    settings.VISITOR_PAGE_SECONDS = 30
    for i in range(selectors.CASES_PER_PAGE + 5):
        publish(make_case(author, title=f"Case {i}"), author, moderator)
    own = publish(make_case(member, title="Own case of a member"), member, moderator)
    client.force_login(author)
    assert "Case 24" in client.get("/cases/").content.decode()
    client.force_login(reader)
    # user, the reader's own unpublished cases, the unread count: the rows come from the cache
    with django_assert_num_queries(3):
        shared = client.get("/cases/").content.decode()
    assert "Case 24" in shared
    assert "Case 4" not in shared  # on the second page
    assert "Case 4" in client.get("/cases/?page=2").content.decode()
    # A member who is not verified sees only their own published case, never the shared rows.
    client.force_login(member)
    theirs = client.get("/cases/").content.decode()
    assert own.title in theirs
    assert "Case 24" not in theirs
    # A case hidden by a privacy flag leaves the shared list at once.
    newest = Case.objects.get(title="Case 24")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag_case(newest, by=reader, reason="A rare job is named")
    client.force_login(reader)
    assert "Case 24" not in client.get("/cases/").content.decode()


def test_verified_readers_share_a_case_page_but_each_sees_their_own_vote(
    client,
    published,
    author,
    reader,
    moderator,
    settings,
    local_cache,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from cases import quiz

    settings.VISITOR_PAGE_SECONDS = 30
    authoring.set_quiz(published, by=author, options=["A", "B"], correct=0, explanation="E")
    other = UserFactory(professional=True)
    url = published.get_absolute_url()
    vote_form = f'action="/cases/{published.pk}/vote/"'
    client.force_login(other)
    assert vote_form in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        quiz.vote(published, by=other, option=published.quiz_options.get(text="B"))
    client.force_login(author)
    client.get(url)  # the author's page, rendered whole
    client.force_login(reader)
    # user, the reader's vote, the unread count: the case, images, quiz and replies are shared
    with django_assert_num_queries(3):
        mine = client.get(url).content.decode()
    assert vote_form in mine
    assert "your vote" not in mine
    client.force_login(other)
    theirs = client.get(url).content.decode()
    assert vote_form not in theirs
    assert "B · your vote" in theirs
    # The vote just cast counts at once on the shared page, shown to all at the reveal.
    with django_capture_on_commit_callbacks(execute=True):
        quiz.reveal_diagnosis(published, by=author)
    client.force_login(reader)
    assert "B · 1 vote" in client.get(url).content.decode()
    client.force_login(other)
    # A case hidden by a privacy flag leaves the shared page at once.
    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag_case(published, by=reader, reason="A rare job is named")
    assert client.get(published.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(published.get_absolute_url()).status_code == 200  # the author still reads it


def test_case_page_runs_a_fixed_number_of_queries_with_more_replies_than_a_page(
    client, published, author, reader, django_assert_num_queries
):
    repliers = UserFactory.create_batch(3, professional=True)
    for i in range(POSTS_PER_PAGE + 5):
        create_reply(thread=published.thread, author=repliers[i % 3], body=f"Reply {i}")
    for i in range(3):
        add_case_image(published, by=author, data=_png(), alt_text=f"Image {i}")
    authoring.set_quiz(published, by=author, options=["A", "B", "C"], correct=0, explanation="E")
    published.thread.refresh_from_db()
    client.force_login(reader)
    # user, case (+author, thread), tags, images, quiz options, posts (+authors), the reader's
    # vote, the header's unread count (the next page has the user and the count from the
    # cache: accounts.sessions)
    with django_assert_num_queries(8):
        response = client.get(published.get_absolute_url())
    assert len(response.context["posts"]) == POSTS_PER_PAGE - 1  # post 1 is the link-back
    with django_assert_num_queries(6):
        client.get(published.get_absolute_url() + "?page=2")

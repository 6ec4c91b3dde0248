"""The case list and a case's page, with their shared member pages (``CaseListPage``,
``CasePage``: ``forums.sharing.member_pages``), and the list shared with visitors
(``cache_for_visitors``)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.permissions import (
    Reader,
    is_moderator,
    is_verified_professional,
    visible_forum_levels,
)
from cases import selectors
from cases.forms import FlagForm, ReplyForm
from cases.models import SPECIALTIES, Case, QuizVote
from cases.pages.common import noindex
from cases.permissions import (
    can_create_case,
    can_edit_case,
    can_reveal,
    can_see_answer,
    can_take_part,
    is_case_author,
)
from config.params import page_number
from forums.pages.common import ProfessionFilter, profession_filter
from forums.pages.shared import account_links, reads_as_any_member
from forums.posting import reports
from forums.sharing.cache import cache_for_visitors, digest, shared_render
from forums.sharing.fragments import CSRF_PLACEHOLDER, csrf_token_for
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.slots import Parts, render_to_share

MY_CASES_TEMPLATE = "cases/includes/my_cases.html"
QUIZ_TEMPLATE = "cases/includes/quiz.html"
LEARNING_TEMPLATE = "forums/learning/includes/add_button.html"
# What ``{% csrf_token %}`` renders, for the "csrf" slots of a shared case page.
_CSRF_INPUT = engines["django"].from_string("{% csrf_token %}")


def _list_query(request: HttpRequest) -> tuple[selectors.CaseFilters, ProfessionFilter, int, str]:
    who = profession_filter(request)  # the professions taking part in its discussion
    filters = selectors.CaseFilters(
        profession=who.value,
        specialty=request.GET.get("specialty", ""),
        tag=request.GET.get("tag", ""),
        status=request.GET.get("status", ""),
        sort=request.GET.get("sort", "newest"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return filters, who, page_number(request), query.urlencode()


def _list_context(
    user, filters: selectors.CaseFilters, who: ProfessionFilter, number: int, page_query: str
) -> dict:
    """list.html's context but the member's own unpublished cases (``my_cases``)."""

    def context() -> dict:
        cases, page = selectors.case_list(user=user, filters=filters, page=number)
        return {"cases": cases, "page": page, "page_query": page_query, "user": user}

    rows_template = "cases/includes/case_rows.html"
    if is_verified_professional(user):
        # Every verified reader (moderators too) sees the same published cases: rendered once
        # and shared from the cache until a case changes (forums.sharing.cache.shared_render).
        # Others see only their own published cases, so theirs are never shared.
        rows = shared_render(
            "case-list",
            visible_forum_levels(user),
            rows_template,
            context,
            vary=(filters, number, page_query),
        )
    else:
        rows = render_to_string(rows_template, context())
    return {
        "case_rows": rows,  # template output, autoescaped when rendered
        "filters": filters,
        "profession": who,
        "specialties": SPECIALTIES,
        "can_create": can_create_case(user),
    }


@noindex
@cache_for_visitors
def case_list(request: HttpRequest) -> HttpResponse:
    filters, who, number, page_query = _list_query(request)
    served = CASE_LIST.serve(
        request, filters=filters, who=who, number=number, page_query=page_query
    )
    if isinstance(served, HttpResponse):
        return served
    user = request.user
    return render(
        request,
        "cases/list.html",
        {
            **_list_context(user, filters, who, number, page_query),
            "my_cases": selectors.my_cases(user=user),
        },
    )


class SharedCaseList(NamedTuple):
    page: Parts  # list.html cut at its slots
    no_cases: str  # the "my_cases" slot of a member with no unpublished case of their own


class CaseListPage(SharedMemberPage[SharedCaseList, list[Case]]):
    """A page of the case list, as every verified member who can post and is no moderator sees
    it: the published cases are the same for all of them (``Case.objects.visible_to``: their
    own published cases are among them). Per request: the header's account links and the
    member's own cases readers do not see (drafts, waiting, returned, hidden: one query)."""

    # The member's own cases: their writes and a moderator's decision move their generation.
    keeps_state = True

    name = "case-list"
    url_name = "cases:list"

    def key(self, *, filters, who: ProfessionFilter, number: int, page_query: str) -> str:
        # What the reader typed (a tag, an unknown profession) shows on the page: digested.
        return digest((filters, who.value, who.error, number, page_query))

    def serves(self, user) -> bool:
        # Readers who are not verified see only their own cases; moderators have the
        # moderation links: both get the page rendered whole.
        return is_verified_professional(user) and reads_as_any_member(user)

    def build(
        self, request: HttpRequest, *, filters, who: ProfessionFilter, number: int, page_query
    ) -> SharedCaseList:
        reader = Reader.like(request.user)
        context = _list_context(reader, filters, who, number, page_query)
        return SharedCaseList(
            page=render_to_share("cases/list.html", context, request=request),
            no_cases=render_to_string(MY_CASES_TEMPLATE, {"my_cases": []}),
        )

    def state(self, request: HttpRequest, shared: SharedCaseList, **kwargs) -> list[Case]:
        return selectors.my_cases(user=request.user)

    def fill_account(self, request: HttpRequest, shared: SharedCaseList, state) -> str:
        return account_links(request)

    def fill_my_cases(self, request: HttpRequest, shared: SharedCaseList, state) -> str:
        if not state:
            return shared.no_cases
        return render_to_string(MY_CASES_TEMPLATE, {"my_cases": state}, request=request)


CASE_LIST = CaseListPage()


@noindex
def case_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = request.user
    number = page_number(request)
    served = CASE_PAGE.serve(request, pk=pk, slug=slug, page_number=number)
    if isinstance(served, HttpResponse):
        return served
    data = selectors.case_page(case_id=pk, user=user, page=number, with_kept=is_moderator(user))
    if data is None:
        raise Http404("No such case.")
    case = data.case
    if slug != case.slug:
        return redirect(case, permanent=True)
    return render(request, "cases/detail.html", _detail_context(user, data))


def _detail_context(user, data, **extra) -> dict:
    case = data.case
    take_part = can_take_part(user, case)
    options = list(case.quiz_options.all())
    see_answer = can_see_answer(user, case)
    show_results = case.is_revealed or (see_answer and not take_part) or data.my_vote is not None
    return {
        "case": case,
        "data": data,
        "posts": [p for p in data.posts if p.number > 1],
        "page": data.page,
        "options": options,
        "see_answer": see_answer,
        "hidden_until_reveal": case.hidden_until_reveal(),
        "show_distribution": show_results and (case.is_revealed or see_answer),
        "can_vote": take_part
        and data.my_vote is None
        and not case.is_revealed
        and options
        and not is_case_author(user, case),
        "can_reveal": can_reveal(user, case) and not case.is_revealed,
        "can_edit": can_edit_case(user, case),
        "can_take_part": take_part,
        "is_moderator": is_moderator(user),
        "reply_form": extra.pop("reply_form", None) or ReplyForm(),
        "flag_form": FlagForm(),
        "can_report": reports.can_report(user) and not is_case_author(user, case),
        **extra,
    }


class SharedCasePage(NamedTuple):
    case_pk: int
    slug: str
    author_id: int | None
    # A reveal set for later: from then on the copy is out of date (nothing retires it: the
    # time passing reveals the answer), and the page is rendered whole until it is retired.
    reveals_at: datetime | None
    page: Parts  # detail.html cut at its slots
    # The quiz as a reader sees it who has not voted (None) and who voted for each option, and
    # the learning log's button: with the CSRF placeholder.
    quiz: dict[int | None, str]
    learning: str


class CasePage(SharedMemberPage[SharedCasePage, int | None]):
    """A page of a published case and its discussion, as a verified member who can post, is no
    moderator and did not write the case sees it. Per request: the member's vote (one query,
    only when the case has a quiz), which picks the quiz as they see it (the vote form, or the
    results with their vote), the header's account links, and the member's CSRF token in the
    learning log's button and in the reply and privacy-flag forms. Replies of their own change
    nothing on this page (no edit links).

    Rendered whole (the view): for the case's author (edit, images, quiz and outcome links,
    the reveal button, the answer before the reveal, no report link), for moderators (hidden
    cases, kept findings, the reveal button), for members who are not verified or cannot post
    (no reply or flag forms), and for a case that is not published or that a privacy flag hid
    (it is nobody's to share: the shared copies are retired with ``content_changed`` by the
    flag, ``cases.moderation``)."""

    keeps_state = True  # the member's vote: theirs to move (forums.sharing.own_pages)

    name = "case"
    url_name = "cases:detail"

    def key(self, *, pk: int, slug: str, page_number: int) -> str:
        return f"{pk}:{page_number}"

    def serves(self, user) -> bool:
        return is_verified_professional(user) and reads_as_any_member(user)

    def build(
        self, request: HttpRequest, *, pk: int, slug: str, page_number: int
    ) -> SharedCasePage | None:
        data = selectors.published_case_page(case_id=pk, page=page_number)
        if data is None:
            return None  # not published, hidden, or no such case: the view answers
        case = data.case
        reader = Reader.like(request.user)  # the checks answer as for a member who wrote none
        context = {**_detail_context(reader, data), "user": reader}
        quiz = {}
        votes = [None, *(option.pk for option in context["options"])]
        for option_pk in votes:
            vote = None if option_pk is None else QuizVote(case=case, option_id=option_pk)
            voted = _detail_context(reader, dataclasses.replace(data, my_vote=vote))
            quiz[option_pk] = render_to_string(
                QUIZ_TEMPLATE, {**voted, "csrf_token": CSRF_PLACEHOLDER}
            )
        learning = render_to_string(
            LEARNING_TEMPLATE, {"thread_id": case.thread_id, "csrf_token": CSRF_PLACEHOLDER}
        )
        return SharedCasePage(
            case_pk=case.pk,
            slug=case.slug,
            author_id=case.author_id,
            reveals_at=None if case.is_revealed else case.reveal_at,
            page=render_to_share("cases/detail.html", context, request=request),
            quiz=quiz,
            learning=learning,
        )

    def whole_now(self, request: HttpRequest, shared: SharedCasePage, **kwargs) -> bool:
        # A redirect; the author's page (see the class); revealed since the copy was made.
        return (
            kwargs["slug"] != shared.slug
            or shared.author_id == request.user.pk
            or (shared.reveals_at is not None and shared.reveals_at <= timezone.now())
        )

    def state(
        self, request: HttpRequest, shared: SharedCasePage, *, pk: int, slug: str, page_number
    ) -> int | Whole | None:
        user = request.user
        if len(shared.quiz) == 1:
            return None  # no quiz: nothing of the member's own to read
        vote = selectors.my_vote_option(case_id=shared.case_pk, user=user)
        if vote not in shared.quiz:
            return Whole()  # the quiz changed since the shared copy was made
        return vote

    def fill_account(self, request: HttpRequest, shared: SharedCasePage, state) -> str:
        return account_links(request)

    def fill_quiz(self, request: HttpRequest, shared: SharedCasePage, state) -> str:
        return shared.quiz[state].replace(CSRF_PLACEHOLDER, csrf_token_for(request))

    def fill_learning(self, request: HttpRequest, shared: SharedCasePage, state) -> str:
        return shared.learning.replace(CSRF_PLACEHOLDER, csrf_token_for(request))

    def fill_csrf(self, request: HttpRequest, shared: SharedCasePage, state) -> str:
        return _CSRF_INPUT.render({"csrf_token": csrf_token_for(request)})


CASE_PAGE = CasePage()

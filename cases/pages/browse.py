"""The case list and a case's page (shared with visitors and verified readers alike where the
page allows: ``cache_for_visitors``, ``shared_render``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from accounts.permissions import is_moderator, is_verified_professional, visible_forum_levels
from cases import selectors
from cases.forms import FlagForm, ReplyForm
from cases.models import SPECIALTIES
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
from forums.pages.common import profession_filter
from forums.posting import reports
from forums.sharing.cache import cache_for_visitors, shared_render


@noindex
@cache_for_visitors
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    who = profession_filter(request)  # the professions taking part in its discussion
    filters = selectors.CaseFilters(
        profession=who.value,
        specialty=request.GET.get("specialty", ""),
        tag=request.GET.get("tag", ""),
        status=request.GET.get("status", ""),
        sort=request.GET.get("sort", "newest"),
    )
    number = page_number(request)
    query = request.GET.copy()
    query.pop("page", None)
    page_query = query.urlencode()

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
    return render(
        request,
        "cases/list.html",
        {
            "case_rows": rows,  # template output, autoescaped when rendered
            "filters": filters,
            "profession": who,
            "specialties": SPECIALTIES,
            "my_cases": selectors.my_cases(user=user),
            "can_create": can_create_case(user),
        },
    )


@noindex
def case_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = request.user
    data = selectors.case_page(
        case_id=pk, user=user, page=page_number(request), with_kept=is_moderator(user)
    )
    if data is None:
        raise Http404("No such case.")
    case = data.case
    if slug != case.slug:
        return redirect(case, permanent=True)
    return render(
        request,
        "cases/detail.html",
        _detail_context(request, data),
    )


def _detail_context(request, data, **extra) -> dict:
    case, user = data.case, request.user
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

"""The case quiz: the author's quiz editor, and readers voting and revealing the diagnosis."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import authoring, quiz
from cases.forms import QuizForm
from cases.models import QuizOption
from cases.pages.common import noindex, own_case, visible_case
from cases.permissions import can_take_part


@login_required
@noindex
def case_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    case = own_case(request, pk)
    options = list(case.quiz_options.all())
    correct = next((i + 1 for i, option in enumerate(options) if option.is_correct), None)
    form = QuizForm(
        request.POST or None,
        initial={
            "options": "\n".join(option.text for option in options),
            "correct": correct,
            "explanation": case.quiz_explanation,
            "reveal_at": case.reveal_at,
        },
    )
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["correct"]
        try:
            authoring.set_quiz(
                case,
                by=request.user,
                options=form.option_list(),
                correct=number - 1 if number else None,
                explanation=form.cleaned_data["explanation"],
                reveal_at=form.cleaned_data["reveal_at"],
            )
        except authoring.CaseTextError as exc:
            form.add_error("explanation", exc.messages)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Quiz saved."))
            return redirect(case)
    return render(request, "cases/quiz_form.html", {"form": form, "case": case})


@login_required
@require_POST
@noindex
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    if not can_take_part(request.user, case):
        raise PermissionDenied
    try:
        option = QuizOption.objects.get(pk=int(request.POST.get("option", "0")), case=case)
    except (QuizOption.DoesNotExist, ValueError):
        messages.error(request, _("Choose one of the options."))
        return redirect(case)
    try:
        quiz.vote(case, by=request.user, option=option)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Your vote is in."))
    return redirect(f"{case.get_absolute_url()}#quiz")


@login_required
@require_POST
@noindex
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    try:
        quiz.reveal_diagnosis(case, by=request.user)
    except ValidationError as exc:
        raise PermissionDenied(exc.messages[0]) from exc
    return redirect(f"{case.get_absolute_url()}#quiz")

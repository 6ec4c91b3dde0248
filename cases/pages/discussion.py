"""Taking part in a case's discussion from its page: replies (scanned, with findings kept for a
reason) and the author's outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import authoring, fixpanel
from cases.discussion import post_case_reply
from cases.forms import OutcomeForm, ReplyForm
from cases.pages.common import (
    noindex,
    outcome_fields,
    own_case,
    reply_fields,
    suspended_keeps_text,
    visible_case,
)
from cases.permissions import can_take_part, is_case_author
from forums.pages.composer import rate_limited_message
from forums.posting import Origin, limits
from forums.rendering import RenderError


@login_required
@noindex
@suspended_keeps_text(reply_fields)
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    if not can_take_part(request.user, case):
        raise PermissionDenied
    # The case's Day 0 means something in the author's own replies; anyone else's dates count
    # from the first one they convert in their reply.
    day_zero = fixpanel.read_day_zero(request.POST.get("day_zero")) or (
        case.day_zero if is_case_author(request.user, case) else None
    )
    page = fixpanel.SingleFieldPage("reply", "body", ReplyForm, "cases/reply.html", {"case": case})
    fix = fixpanel.fix_request(request)
    if fix is not None:
        return page.fixing(request, apply=fix, day_zero=day_zero)
    form = ReplyForm(request.POST or None)
    panel = None
    status = 200
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        kept = fixpanel.kept_from(request.POST)
        try:
            post = post_case_reply(
                case, by=request.user, body=body, kept=kept, origin=Origin.of(request)
            )
        except authoring.UnresolvedFindings:
            panel = page.panel(request, day_zero=day_zero, kept=kept)
        except (RenderError, limits.TextLimitError) as exc:
            form.add_error("body", str(exc))
        except limits.RateLimited as exc:
            form.add_error("body", rate_limited_message(exc))
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect(post.get_absolute_url())
    return render(
        request, page.template, page.context(form, panel, day_zero=day_zero), status=status
    )


@login_required
@noindex
@suspended_keeps_text(outcome_fields)
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    case = own_case(request, pk)
    day_zero = fixpanel.read_day_zero(request.POST.get("day_zero")) or case.day_zero
    page = fixpanel.SingleFieldPage(
        "outcome", "outcome", OutcomeForm, "cases/outcome.html", {"case": case}
    )
    fix = fixpanel.fix_request(request)
    if fix is not None:
        return page.fixing(request, apply=fix, day_zero=day_zero)
    form = OutcomeForm(request.POST or None, initial={"outcome": case.outcome})
    panel = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["outcome"]
        kept = fixpanel.kept_from(request.POST)
        try:
            authoring.post_outcome(case, by=request.user, text=text, kept=kept, day_zero=day_zero)
        except authoring.UnresolvedFindings:
            panel = page.panel(request, day_zero=day_zero, kept=kept)
        except authoring.CaseTextError as exc:
            form.add_error("outcome", exc.messages)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Outcome posted."))
            return redirect(case)
    return render(request, page.template, page.context(form, panel, day_zero=day_zero))

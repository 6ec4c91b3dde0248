"""Case pages. Thin: forms check shape, services decide and write, selectors read.

Every response from this app carries ``X-Robots-Tag: noindex`` (and the pages a robots meta):
cases are for verified professionals and must never reach a search engine.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import (
    is_moderator,
    is_suspended,
    is_verified_professional,
    visible_forum_levels,
)
from accounts.serving import uploaded_file_response
from cases import anonymising, authoring, fixpanel, moderation, quiz, selectors
from cases.discussion import post_case_reply
from cases.fixpanel import finding_views
from cases.forms import (
    CaseForm,
    ConsentForm,
    FlagForm,
    ImageForm,
    ImageReviewForm,
    OutcomeForm,
    QuizForm,
    ReplyForm,
)
from cases.images import (
    MAX_IMAGES_PER_CASE,
    add_case_image,
    remove_case_image,
    review_case_image,
)
from cases.models import (
    SPECIALTIES,
    TEXT_FIELD_NAMES,
    Case,
    CaseImage,
    CaseStatus,
    ImageCheck,
    QuizOption,
)
from cases.permissions import (
    can_create_case,
    can_edit_case,
    can_reveal,
    can_see_answer,
    can_take_part,
    can_view_case,
    is_case_author,
)
from config.params import page_number
from forums.models import Post
from forums.pages.composer import rate_limited_message, render_suspended
from forums.pages.reports import report_page
from forums.posting import Origin, limits, reports
from forums.rendering import RenderError
from forums.sharing.cache import cache_for_visitors, shared_render


def noindex(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        return response

    return wrapped


def suspended_keeps_text(fields):
    """A suspended member sending (or opening) a case form gets the page saying why and until
    when, with what they wrote in ``fields()`` (name, label pairs) to copy."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated and is_suspended(request.user):
                return render_suspended(request, fields=fields())
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _case_fields():
    return [
        (name, field.label)
        for name, field in CaseForm().fields.items()
        if isinstance(field, forms.CharField)  # the text they wrote, not their choices
    ]


def _reply_fields():
    return [("body", ReplyForm().fields["body"].label or _("Your reply"))]


def _outcome_fields():
    return [("outcome", OutcomeForm().fields["outcome"].label)]


def _visible_case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("author", "thread"), pk=pk)
    if not can_view_case(request.user, case):
        raise Http404("No such case.")
    return case


def _own_case(request: HttpRequest, pk: int) -> Case:
    case = _visible_case(request, pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


# --- findings shown inline ---------------------------------------------------------------

# The case form's text inputs, in page order: the order fixes are applied in.
FORM_TEXT_FIELDS = ("title", *TEXT_FIELD_NAMES)


# --- list and page ---------------------------------------------------------------------------


@noindex
@cache_for_visitors
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = selectors.CaseFilters(
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


# --- writing ---------------------------------------------------------------------------------


def _initial(case: Case) -> dict:
    initial = {name: getattr(case, name) for name in CaseForm().fields if hasattr(case, name)}
    initial["tags"] = ", ".join(tag.name for tag in case.tags.all())
    initial.update(CaseForm.spoiler_initial(case))
    return initial


@login_required
@noindex
@suspended_keeps_text(_case_fields)
def case_new(request: HttpRequest) -> HttpResponse:
    if not can_create_case(request.user):
        raise PermissionDenied
    return _case_form_page(request, case=None)


@login_required
@noindex
@suspended_keeps_text(_case_fields)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_page(request, case=_own_case(request, pk))


def _case_form_page(request: HttpRequest, *, case: Case | None) -> HttpResponse:
    """Write or edit a case. Besides saving, the form posts back to scan its text again or to
    apply a suggested fix: the page comes back with every field as the author left it, the fix
    applied, and nothing saved."""
    fix = fixpanel.fix_request(request)
    if fix is not None:
        return _case_form_fixing(request, case=case, apply=fix)
    form = CaseForm(request.POST or None, initial=_initial(case) if case else None)
    panel = None
    status = 200
    if request.method == "POST" and form.is_valid():
        kept = fixpanel.kept_from(request.POST)
        try:
            if case is None:
                case = authoring.create_case(
                    author=request.user,
                    values=form.values(),
                    tags=form.cleaned_data["tags"],
                    origin=Origin.of(request),
                )
                messages.success(request, _("Draft saved. Add images, a quiz, then submit it."))
            else:
                authoring.update_case(
                    case,
                    by=request.user,
                    values=form.values(),
                    tags=form.cleaned_data["tags"],
                    kept=kept,
                )
                messages.success(request, _("Case saved."))
        except authoring.CaseTextError as exc:
            form.add_error(exc.field, exc.messages)
        except authoring.UnresolvedFindings:
            panel = fixpanel.build_panel(
                fixpanel.posted_texts(request.POST, FORM_TEXT_FIELDS),
                day_zero=form.cleaned_data.get("day_zero"),
                kept=kept,
                roles=fixpanel.roles_from(request.POST),
            )
        except limits.RateLimited as exc:
            form.add_error(None, rate_limited_message(exc))
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect(case)
    elif request.method != "POST" and case is not None:
        texts = {name: fixpanel.normalised(getattr(case, name)) for name in FORM_TEXT_FIELDS}
        panel = fixpanel.build_panel(texts, day_zero=case.day_zero)
    return render(request, "cases/form.html", _case_form_context(form, case, panel), status=status)


def _case_form_fixing(request: HttpRequest, *, case: Case | None, apply: str) -> HttpResponse:
    data = request.POST.copy()
    panel = fixpanel.build_panel(
        fixpanel.posted_texts(data, FORM_TEXT_FIELDS),
        day_zero=fixpanel.read_day_zero(data.get("day_zero")),
        kept=fixpanel.kept_from(data),
        roles=fixpanel.roles_from(data),
        apply=apply,
    )
    for name, text in panel.texts.items():
        data[name] = text
    data["day_zero"] = panel.day_zero.isoformat() if panel.day_zero else ""
    if panel.applied and panel.applied.age_band and not data.get("age_band"):
        data["age_band"] = panel.applied.age_band
    form = fixpanel.form_as_sent(CaseForm, data)
    context = _case_form_context(form, case, panel, fixing=True)
    return fixpanel.panel_response(request, "cases/form.html", context, panel)


def _case_form_context(form, case: Case | None, panel, *, fixing: bool = False) -> dict:
    published = case is not None and case.status == CaseStatus.PUBLISHED
    return {
        "form": form,
        "case": case,
        "panel": panel,
        "findings": panel.items if panel else [],
        "fix_status": fixpanel.fix_status(panel),
        "fixing": fixing,
        "mode": "apply",
        # Reasons count on a published case's edit; a draft's are asked for at submission.
        "show_keep": published,
        "roles": anonymising.ROLES,
        "day_zero": panel.day_zero if panel else (case.day_zero if case else None),
    }


@login_required
@noindex
def case_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Scan every field, show findings inline with fixes, take consent, submit."""
    case = _own_case(request, pk)
    if case.status not in {CaseStatus.DRAFT, CaseStatus.RETURNED}:
        messages.error(request, _("This case is not a draft."))
        return redirect(case)
    kept = fixpanel.kept_from(request.POST) if request.method == "POST" else {}
    roles = fixpanel.roles_from(request.POST) if request.method == "POST" else {}
    form = ConsentForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        # Ticked fixes, checked against a fresh scan of the stored text so a stale form cannot
        # rewrite the wrong passage; the first date converted sets the case's Day 0.
        if ticked := fixpanel.ticked_from(request.POST):
            try:
                authoring.apply_case_fixes(case, by=request.user, keys=ticked, roles=roles)
            except authoring.CaseTextError as exc:
                errors.append(str(exc.messages[0]))
            case.refresh_from_db()
        if form.is_valid() and not errors:
            try:
                authoring.submit_case(
                    case,
                    by=request.user,
                    consent_basis=form.cleaned_data["consent_basis"],
                    policy_reason=form.cleaned_data["policy_reason"],
                    attest=form.cleaned_data["attest"],
                    kept=kept,
                )
            except authoring.UnresolvedFindings:
                errors.append(_("Fix each highlighted passage or keep it with a reason."))
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, _("Submitted. A moderator will review your case."))
                return redirect(case)
    scanned = authoring.scan_case(case)
    sources = {name: getattr(case, name) for name in authoring.SCANNED_FIELDS}
    suggestions = anonymising.suggest_case_fixes(
        scanned, sources, day_zero=case.day_zero, today=timezone.localdate()
    )
    return render(
        request,
        "cases/submit.html",
        {
            "case": case,
            "form": form,
            "errors": errors,
            "findings": finding_views(scanned, sources, kept, suggestions=suggestions, roles=roles),
            "mode": "tick",
            "show_keep": True,
            "roles": anonymising.ROLES,
        },
    )


@login_required
@noindex
def case_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    case = _own_case(request, pk)
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


def _images_page(request: HttpRequest, case: Case, *, form=None, bound=None) -> HttpResponse:
    """The author's images page: each image with its findings boxed and its review form
    (``bound`` is the one posted with errors), then the upload form."""
    images = list(case.images.all())
    reviews = [
        (
            img,
            bound if bound is not None and bound.image.pk == img.pk else ImageReviewForm(image=img),
        )
        for img in images
    ]
    return render(
        request,
        "cases/images.html",
        {
            "form": form or ImageForm(),
            "case": case,
            "reviews": reviews,
            "images": images,
            "max_images": MAX_IMAGES_PER_CASE,
        },
    )


@login_required
@noindex
def case_images(request: HttpRequest, pk: int) -> HttpResponse:
    case = _own_case(request, pk)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            image = add_case_image(
                case,
                by=request.user,
                data=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            field = "alt_text" if getattr(exc, "code", "") == "alt" else "image"
            form.add_error(field, exc.messages)
        else:
            if image.check_state == ImageCheck.OPEN:
                messages.warning(
                    request,
                    _(
                        "Image added. It may identify the patient: black out each boxed "
                        "finding or keep it with a reason."
                    ),
                )
            elif image.check_state == ImageCheck.HELD:
                messages.warning(
                    request,
                    _(
                        "Image added, but its text could not be read automatically on this "
                        "server. A moderator will check it before anyone else sees it."
                    ),
                )
            else:
                messages.success(request, _("Image added. The check found no names or faces."))
            return redirect(f"{reverse('cases:images', args=[case.pk])}#image-{image.pk}")
    return _images_page(request, case, form=form)


@login_required
@require_POST
@noindex
def image_review(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Black out the chosen findings and drawn boxes, keep the others with their reasons."""
    case = _own_case(request, pk)
    image = get_object_or_404(CaseImage, pk=image_pk, case=case)
    form = ImageReviewForm(request.POST, image=image)
    if not form.is_valid():
        return _images_page(request, case, bound=form)
    try:
        image = review_case_image(
            image, by=request.user, boxes=form.redact_boxes(), keep=form.kept()
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _images_page(request, case, bound=form)
    if image.check_state == ImageCheck.OPEN:
        messages.warning(request, _("Saved. The check still finds something: see the boxes."))
    else:
        messages.success(request, _("Saved."))
    return redirect(f"{reverse('cases:images', args=[case.pk])}#image-{image.pk}")


@login_required
@require_POST
@noindex
def image_delete(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    case = _own_case(request, pk)
    remove_case_image(get_object_or_404(CaseImage, pk=image_pk, case=case), by=request.user)
    messages.success(request, _("Image removed."))
    return redirect("cases:images", pk=case.pk)


@require_safe
@noindex
def image(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Serve a case image to those who may see the case; never stored by the browser.

    An image with findings to resolve, or held for a moderator, is served only to the author
    and moderators. None is kept in a cache: clinical images, and a published one may still
    be redacted or its case hidden (config.middleware.private_pages says so for every case
    page too).
    """
    case = _visible_case(request, pk)
    obj = get_object_or_404(CaseImage, pk=image_pk, case=case)
    shown = obj.check_state == ImageCheck.CLEAR
    if not shown and not (is_case_author(request.user, case) or is_moderator(request.user)):
        raise Http404("Image not checked yet.")
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing.") from exc
    return uploaded_file_response(
        handle,
        content_type=obj.content_type,
        filename=f"case-{case.pk}-image-{obj.pk}.{obj.file.name.rsplit('.', 1)[-1]}",
        cache_control="private, no-store",
    )


# --- taking part -----------------------------------------------------------------------------


@login_required
@require_POST
@noindex
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
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
    case = _visible_case(request, pk)
    try:
        quiz.reveal_diagnosis(case, by=request.user)
    except ValidationError as exc:
        raise PermissionDenied(exc.messages[0]) from exc
    return redirect(f"{case.get_absolute_url()}#quiz")


@login_required
@noindex
@suspended_keeps_text(_reply_fields)
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
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
@suspended_keeps_text(_outcome_fields)
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    case = _own_case(request, pk)
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


@login_required
@require_POST
@noindex
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    if not can_take_part(request.user, case):
        raise PermissionDenied
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what could identify the patient."))
        return redirect(case)
    post = None
    if form.cleaned_data.get("post"):
        post = get_object_or_404(Post, pk=form.cleaned_data["post"], thread_id=case.thread_id)
    moderation.flag_case(case, by=request.user, reason=form.cleaned_data["reason"], post=post)
    messages.success(request, _("Thank you. It is hidden until a moderator has reviewed it."))
    return redirect("cases:list" if post is None else case.get_absolute_url())


@login_required
@noindex
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a case for any reason (spam, abusive, off-topic, other). A patient-privacy report
    goes through ``flag_case`` (registered as the Case privacy hider) and hides it at once."""
    case = _visible_case(request, pk)
    return report_page(
        request,
        target=case,
        heading=_("Report the case “%(title)s”") % {"title": case.title},
        back=case.get_absolute_url(),
        breadcrumbs=[
            (reverse("cases:list"), _("Cases")),
            (case.get_absolute_url(), case.title),
        ],
    )

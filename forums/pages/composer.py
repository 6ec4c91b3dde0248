"""The composer: new thread, reply, edit. A draft is saved before anything is validated.

Also what ``cases`` shares with it: the text given back to a member who cannot post it
(``render_kept_text``, ``render_suspended``, ``composer_login_required``) and the rate-limit
message (``rate_limited_message``)."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import can_post, is_member, is_suspended
from config.params import MAX_INTEGER, whole_number
from forums import posting
from forums.forms import EditForm, EditThreadForm, ReplyForm, ThreadForm
from forums.models import Category, Post, Thread
from forums.pages import polls as poll_pages
from forums.pages.common import get_post, get_thread, redirect_to_post
from forums.permissions import can_edit_post, can_reply, can_start_thread
from forums.posting import limits, polls
from forums.quoting import link_case_quotes
from forums.rendering import RenderError
from forums.selectors.mentions import mention_candidates

KEPT_FIELDS = (
    ("title", gettext_lazy("Title")),
    ("tags", gettext_lazy("Tags")),
    ("body", gettext_lazy("Your text")),
)


_SHORT_FIELDS = {"title", "tags"}


def render_kept_text(
    request: HttpRequest, *, reason: str, status: int, fields=KEPT_FIELDS
) -> HttpResponse:
    """Give the author their text back when a submit cannot be accepted at all.

    Used when the session expired (the POST arrives signed out), as the site's CSRF failure
    view (a form left open across a sign-in) and for suspended members. ``fields`` are the
    (name, label) pairs to give back (cases pass theirs). Text-like fields come back in the
    page to copy; static/js/composer.js also still holds them in the browser.
    """
    kept = [
        (name, label, request.POST.get(name, ""), name in _SHORT_FIELDS)
        for name, label in fields
        if request.method == "POST" and request.POST.get(name, "").strip()
    ]
    return render(
        request,
        "forums/kept_text.html",
        {"kept": kept, "reason": reason, "back": request.path},
        status=status,
    )


def render_suspended(request: HttpRequest, *, fields=KEPT_FIELDS) -> HttpResponse:
    """A suspended member opening or sending a composer: why, until when, and their text back
    (moderation issue; the suspension is set by accounts.moderation.suspend_member)."""
    member = request.user
    until = date_format(timezone.localtime(member.suspended_until), "DATETIME_FORMAT")
    reason = _("Your account is suspended until %(until)s, so you cannot post.") % {"until": until}
    if member.suspension_reason:
        reason = f"{reason} " + _("Reason: %(reason)s") % {"reason": member.suspension_reason}
    return render_kept_text(request, reason=reason, status=403, fields=fields)


def composer_login_required(view):
    """Like login_required, but a signed-out POST gets its text back instead of a redirect."""
    protected = login_required(view)

    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            return render_kept_text(
                request,
                reason=_("You were signed out before this was sent, so it was not posted."),
                status=403,
            )
        if request.user.is_authenticated and is_suspended(request.user):
            return render_suspended(request)
        return protected(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: the form was stale (often a sign-in in another tab)."""
    return render_kept_text(
        request,
        reason=_("This form had expired, so nothing was saved."),
        status=403,
    )


def _preview(body: str, *, thread_id: int | None = None) -> tuple[str, str]:
    """(html, error) for the preview, through the same pipeline as a saved post (quotes of
    case-discussion posts from elsewhere shown as the links they will be saved as)."""
    try:
        return posting.render_post(link_case_quotes(body, thread_id=thread_id))[0], ""
    except RenderError as exc:
        return "", str(exc)


def _composer(request, template: str, context: dict) -> HttpResponse:
    status = context.pop("status", None) or (400 if context.get("failed") else 200)
    return render(request, template, context, status=status)


def rate_limited_message(exc: limits.RateLimited) -> str:
    """For a form re-rendered with status 429: which limit, until when, and the text is kept."""
    return " ".join(
        [
            _("You have reached a rate limit, so this was not sent."),
            exc.message,
            _("Your text is kept below."),
        ]
    )


@composer_login_required
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    if not can_start_thread(request.user, forum):
        raise PermissionDenied(_("You cannot start threads here yet."))
    preview_html, failed, status = "", False, None
    poll_form = poll_pages.composer_poll_form(request)  # polls: forums.pages.polls
    if request.method == "POST":
        form = ThreadForm(request.POST)
        posting.save_draft(
            user=request.user,
            category=forum,
            title=request.POST.get("title", ""),
            tags=request.POST.get("tags", ""),
            body=request.POST.get("body", ""),
        )
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""))
            if error:
                form.add_error("body", error)
        elif form.is_valid() & poll_pages.poll_form_is_valid(poll_form):  # both show errors
            try:
                with transaction.atomic():
                    created = posting.create_thread(
                        category=forum,
                        author=request.user,
                        title=form.cleaned_data["title"],
                        body=form.cleaned_data["body"],
                        tags=form.cleaned_data["tags"],
                        origin=posting.Origin.of(request),
                    )
                    poll_pages.save_composer_poll(poll_form, thread=created, by=request.user)
            except polls.PollError as exc:
                poll_pages.add_poll_error(poll_form, exc)
                failed = True
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            except limits.RateLimited as exc:
                form.add_error("body", rate_limited_message(exc))
                failed, status = True, 429
            else:
                request.session["forums_clear_draft"] = f"new-{forum.pk}"
                return redirect(created)
        else:
            failed = True
    else:
        draft = posting.get_draft(user=request.user, category=forum)
        initial = {"title": draft.title, "tags": draft.tags, "body": draft.body} if draft else {}
        form = ThreadForm(initial=initial)
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "category": forum,
            "preview_html": preview_html,
            "failed": failed,
            "status": status,
            "draft_key": f"new-{forum.pk}",
            "poll_form": poll_form,
            "heading": _("New thread in %(forum)s") % {"forum": forum.name},
            "submit_label": _("Start thread"),
        },
    )


@composer_login_required
def reply(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = get_thread(request, pk)
    if not can_reply(request.user, obj):
        raise PermissionDenied(_("This thread is closed to replies."))
    preview_html, failed, status = "", False, None
    if request.method == "POST":
        form = ReplyForm(request.POST)
        posting.save_draft(user=request.user, thread=obj, body=request.POST.get("body", ""))
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""), thread_id=obj.pk)
            if error:
                form.add_error("body", error)
        elif form.is_valid():
            try:
                created = posting.create_reply(
                    thread=obj,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    origin=posting.Origin.of(request),
                )
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            except limits.RateLimited as exc:
                form.add_error("body", rate_limited_message(exc))
                failed, status = True, 429
            else:
                request.session["forums_clear_draft"] = f"reply-{obj.pk}"
                return redirect_to_post(obj, created.number)
        else:
            failed = True
    else:
        draft = posting.get_draft(user=request.user, thread=obj)
        body = draft.body if draft else ""
        quote = whole_number(request.GET.get("quote"), default=0, maximum=MAX_INTEGER)
        if quote:
            quoted = (
                Post.objects.select_related("author")
                .filter(thread=obj, number=quote, is_deleted=False, is_hidden=False)
                .first()
            )
            if quoted is not None:
                quoted.thread = obj
                body = f"{body}\n\n{posting.quote_markdown(quoted)}".lstrip()
        form = ReplyForm(initial={"body": body})
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "thread": obj,
            "category": obj.category,
            "preview_html": preview_html,
            "failed": failed,
            "status": status,
            "draft_key": f"reply-{obj.pk}",
            "heading": _("Reply to “%(title)s”") % {"title": obj.title},
            "submit_label": _("Post reply"),
        },
    )


@composer_login_required
def edit(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    if not can_edit_post(request.user, post_obj):
        raise PermissionDenied(_("You may not edit this post."))
    preview_html, failed = "", False
    thread_obj = post_obj.thread
    form_class = EditThreadForm if post_obj.number == 1 else EditForm
    poll_form = poll_pages.composer_poll_form(request, thread=thread_obj, number=post_obj.number)
    if request.method == "POST":
        form = form_class(request.POST)
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""), thread_id=thread_obj.pk)
            if error:
                form.add_error("body", error)
        elif form.is_valid() & poll_pages.poll_form_is_valid(poll_form):
            try:
                with transaction.atomic():
                    posting.edit_post(
                        post_obj,
                        by=request.user,
                        body=form.cleaned_data["body"],
                        origin=posting.Origin.of(request),
                    )
                    if post_obj.number == 1:
                        posting.edit_thread(
                            thread_obj,
                            by=request.user,
                            title=form.cleaned_data["title"],
                            tags=form.cleaned_data["tags"],
                        )
                    poll_pages.save_composer_poll(poll_form, thread=thread_obj, by=request.user)
            except polls.PollError as exc:
                poll_pages.add_poll_error(poll_form, exc)
                failed = True
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            else:
                request.session["forums_clear_draft"] = f"edit-{post_obj.pk}"
                return redirect_to_post(thread_obj, post_obj.number)
        else:
            failed = True
    else:
        initial = {"body": post_obj.source}
        if post_obj.number == 1:
            tag_names = sorted(tag.name for tag in thread_obj.tags.all())
            initial |= {"title": thread_obj.title, "tags": ", ".join(tag_names)}
        form = form_class(initial=initial)
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "thread": post_obj.thread,
            "category": post_obj.thread.category,
            "preview_html": preview_html,
            "failed": failed,
            "draft_key": f"edit-{post_obj.pk}",
            "poll_form": poll_form,
            "heading": _("Edit post #%(number)s") % {"number": post_obj.number},
            "submit_label": _("Save changes"),
        },
    )


@login_required
@require_POST
def save_draft(request: HttpRequest) -> JsonResponse:
    """Autosave from static/js/composer.js: ``kind`` is reply or new, ``target`` the id."""
    kind, target = request.POST.get("kind"), request.POST.get("target", "")
    if not target.isdigit() or not can_post(request.user):
        return JsonResponse({"saved": False}, status=400)
    body = request.POST.get("body", "")[: posting.MAX_DRAFT_CHARS]
    if kind == "reply":
        obj = get_object_or_404(Thread.objects.visible_to(request.user), pk=int(target))
        posting.save_draft(user=request.user, thread=obj, body=body)
    elif kind == "new":
        forum = get_object_or_404(Category.objects.visible_to(request.user), pk=int(target))
        posting.save_draft(
            user=request.user,
            category=forum,
            body=body,
            title=request.POST.get("title", ""),
            tags=request.POST.get("tags", ""),
        )
    else:
        return JsonResponse({"saved": False}, status=400)
    return JsonResponse({"saved": True})


# --- What static/js/composer.js asks while a member writes (forums and case discussions) -------

_HANDLE_PREFIX = re.compile(r"[A-Za-z0-9_]{2,30}")


def _writing_place(request: HttpRequest) -> tuple[Thread | None, Category | None]:
    """The thread (``thread``) or forum (``forum``) the composer writes in, as the writer may
    see it; 404 for one they may not (or none named)."""
    thread_id = whole_number(request.GET.get("thread"), default=0, maximum=MAX_INTEGER)
    if thread_id:
        return get_thread(request, thread_id), None
    forum_id = whole_number(request.GET.get("forum"), default=0, maximum=MAX_INTEGER)
    if forum_id:
        return None, get_object_or_404(Category.objects.visible_to(request.user), pk=forum_id)
    raise Http404("Name a thread or a forum.")


@login_required
@require_POST
def preview(request: HttpRequest) -> JsonResponse:
    """The live preview: ``body`` rendered exactly as it will be stored (``posting.render_post``,
    the one pipeline), as sanitised HTML. The body is held to the composer's own limits."""
    if not can_post(request.user):
        return JsonResponse({"error": _("You cannot post now.")}, status=403)
    try:
        limits.check_rate(user=request.user, origin=posting.Origin.of(request), action="preview")
    except limits.RateLimited as exc:
        return JsonResponse({"error": exc.message}, status=429)
    html, error = _preview(request.POST.get("body", ""))
    return JsonResponse({"html": html, "error": error}, status=400 if error else 200)


@login_required
@require_GET
def mentions(request: HttpRequest) -> JsonResponse:
    """Members whose handle starts with ``q`` (two letters or more) and whom the writer may
    mention where they write: at most eight, by handle (one indexed query,
    ``forums.selectors.mentions``)."""
    if not is_member(request.user):
        raise Http404("Members only.")
    thread, forum = _writing_place(request)
    prefix = request.GET.get("q", "")
    if not _HANDLE_PREFIX.fullmatch(prefix):
        return JsonResponse({"members": []})
    try:
        limits.check_rate(user=request.user, origin=posting.Origin.of(request), action="mention")
    except limits.RateLimited as exc:
        return JsonResponse({"members": [], "error": exc.message}, status=429)
    found = mention_candidates(prefix=prefix, writer=request.user, thread=thread, category=forum)
    return JsonResponse(
        {"members": [{"handle": handle, "name": name or handle} for handle, name in found]}
    )

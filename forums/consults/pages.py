"""The private consult pages: the inbox, a conversation, starting one, replying, searching
one's own messages (the actions on a conversation or a member are in ``actions``).

Thin views over the services (``writing``, ``membership``, ``images``) and the selectors.
Whoever is not a current participant of a conversation gets 404 for every URL about it, so
its number says nothing; visitors are sent to sign in. A refused or invalid form comes back
with the text in it and the field named (400), a rate limit with 429.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.permissions import can_post
from config.params import MAX_INTEGER, whole_number
from forums import extensions
from forums.consults import images, membership, rows, selectors
from forums.consults.forms import AddForm, MessageForm, ReplyForm, StartForm, kept_reasons
from forums.consults.models import Conversation, Message, MessageKind, Participant
from forums.consults.permissions import may_use_consults, participation
from forums.consults.writing import (
    ConsultError,
    members_by_handle,
    quote_markdown,
    send_message,
    start_conversation,
)
from forums.models import Post
from forums.pages.composer import rate_limited_message
from forums.permissions import can_read_thread
from forums.posting import Origin, PostingError, limits
from forums.sharing.own_pages import own_page
from forums.uploads import MAX_BYTES, UploadError


def me(request: HttpRequest) -> User:
    """The signed-in member (the views are behind ``login_required``)."""
    return cast(User, request.user)


def member_only(request: HttpRequest) -> None:
    if not may_use_consults(request.user):
        raise PermissionDenied(_("Private consults are for members with a verified email."))


def participant_of(request: HttpRequest, pk: int, *, reading: bool = False) -> Participant:
    """The member's place in conversation ``pk`` (404 for anyone else); ``reading``: with its
    people too, for its page (``selectors.reading``)."""
    member_only(request)
    found = selectors.reading(me(request), pk) if reading else participation(request.user, pk)
    if found is None:
        raise Http404
    return found


def _number(request: HttpRequest, key: str) -> int | None:
    value = whole_number(request.GET.get(key), default=0, minimum=0, maximum=MAX_INTEGER)
    return value or None


def _write(form, request: HttpRequest, do) -> tuple[object | None, list, int]:
    """Run ``do(kept)`` for a valid form, turning every refusal into a form error (the text
    stays). Returns (result, findings to fix or keep, status)."""
    kept = kept_reasons(request.POST)
    try:
        return do(kept), [], 200
    except ConsultError as exc:
        name = exc.field if exc.field in form.fields else None
        form.add_error(name, str(exc))
    except PostingError as exc:
        # Read before add_error, which takes the field out of cleaned_data.
        body = form.cleaned_data.get("body", "")
        subject = form.cleaned_data.get("subject", "")
        text = f"{subject}\n\n{body}" if subject else body
        form.add_error("body", str(exc))
        return None, extensions.text_findings(body=text, kept=kept), 400
    except limits.TextLimitError as exc:
        form.add_error("body", str(exc))
    except limits.RateLimited as exc:
        form.add_error(None, rate_limited_message(exc))
        return None, [], 429
    return None, [], 400


def _apply_fixes(form, request: HttpRequest) -> None:
    """The composer's "Apply the suggested changes": each finding's text replaced by its
    suggestion, in the subject and the message, for the author to read before sending."""
    data = request.POST.copy()
    text = f"{data.get('subject', '')}\n\n{data.get('body', '')}"
    for finding in extensions.text_findings(body=text, kept={}):
        if finding.fix:
            for name in ("subject", "body"):
                if name in data:
                    data[name] = str(data[name]).replace(finding.text, finding.fix)
    form.data = data


@login_required
@require_GET
@own_page("inbox")
def inbox(request: HttpRequest) -> HttpResponse:
    # Not a shared member page: everything but the header is the member's own (their
    # conversations, counts and the people in them), so it is kept whole for them
    # (``own_page``); each row comes from the cache (``rows.conversation_rows``).
    member_only(request)
    archived = request.GET.get("archived") == "1"
    page = selectors.inbox_page(
        user=me(request), archived=archived, before=request.GET.get("before", "")[:60]
    )
    row_html = rows.conversation_rows(request, page.rows)
    return render(
        request,
        "forums/consults/inbox.html",
        {"page": page, "archived": archived, "row_html": row_html},
    )


def _starting_text(request: HttpRequest) -> dict[str, str]:
    """What "Ask privately" under a post, or "Send a message" on a profile, fills in: the
    recipient and, from a post, a subject and a link to it (never its text: a case
    discussion's words stay where their own rules apply)."""
    initial = {"to": request.GET.get("to", "")[:40]}
    post_id = whole_number(request.GET.get("post"), default=0, minimum=0, maximum=MAX_INTEGER)
    if post_id:
        post = Post.objects.select_related("thread__category", "author").filter(pk=post_id).first()
        if post is not None and post.author and can_read_thread(request.user, post.thread):
            initial["to"] = post.author.handle
            initial["subject"] = _("About “%(title)s”") % {"title": post.thread.title[:100]}
            initial["body"] = f"[{post.thread.title} #{post.number}]({post.get_absolute_url()})\n\n"
    return initial


@login_required
def start(request: HttpRequest) -> HttpResponse:
    member_only(request)
    if request.method != "POST":
        form = StartForm(initial=_starting_text(request))
        return render(request, "forums/consults/start.html", {"form": form, "findings": []})
    if not can_post(request.user):
        raise PermissionDenied(_("You cannot send private messages now."))
    form = StartForm(request.POST)
    if request.POST.get("apply"):
        _apply_fixes(form, request)
        form.full_clean()
        return render(request, "forums/consults/start.html", {"form": form, "findings": []})
    findings: list = []
    status = 400
    if form.is_valid():
        people, unknown = members_by_handle(form.cleaned_data["to"])
        if unknown:
            form.add_error(
                "to",
                _("No member has the handle %(names)s.")
                % {"names": ", ".join(f"@{name[:30]}" for name in unknown[:5])},
            )
        else:
            conversation, findings, status = _write(
                form,
                request,
                lambda kept: start_conversation(
                    by=me(request),
                    recipients=people,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    kept=kept,
                    origin=Origin.of(request),
                ),
            )
            if isinstance(conversation, Conversation):
                return redirect(conversation)
    return render(
        request, "forums/consults/start.html", {"form": form, "findings": findings}, status=status
    )


def conversation_response(
    request: HttpRequest,
    participant: Participant,
    *,
    form: MessageForm | None = None,
    findings: list | None = None,
    add_form: AddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    before = _number(request, "before")
    at = _number(request, "at")
    if before is None and at is not None:
        before = selectors.page_start_for(participant, at)
    page = selectors.conversation_page(participant=participant, before=before)
    read_before = participant.last_read_number  # what shows as new on this visit
    if page.messages:
        membership.mark_read(participant, through=page.messages[-1].number)
    if form is None:
        initial = {}
        quote = _number(request, "quote")
        if quote is not None:
            quoted = next((m for m in page.messages if m.number == quote), None)
            if quoted is None:
                quoted = (
                    Message.objects.filter(
                        conversation_id=participant.conversation_id,
                        number=quote,
                        number__gt=participant.cleared_through,
                        kind=MessageKind.TEXT,
                        is_hidden=False,
                    )
                    .select_related("author")
                    .first()
                )
            if quoted is not None and quoted.author_id not in page.blocked:
                initial["body"] = quote_markdown(quoted)
        form = ReplyForm(initial=initial)
    can_write = can_post(request.user)
    return render(
        request,
        "forums/consults/conversation.html",
        {
            "page": page,
            "conversation": page.conversation,
            "message_html": rows.message_rows(
                request, page, read_before=read_before, can_write=can_write
            ),
            "tools_html": rows.conversation_tools(
                request,
                page,
                can_write=can_write,
                form=form,
                add_form=add_form,
                findings=findings or [],
            ),
        },
        status=status,
    )


@login_required
@require_GET
@own_page("conversation")
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    # Kept whole for each participant like the inbox: only they may read any of it; its
    # messages and its empty forms come from the cache (``rows.message_rows``,
    # ``conversation_tools``).
    return conversation_response(request, participant_of(request, pk, reading=True))


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_of(request, pk)
    if not can_post(request.user):
        raise PermissionDenied(_("You cannot send private messages now."))
    form = ReplyForm(request.POST, request.FILES)
    if request.POST.get("apply"):
        _apply_fixes(form, request)
        form.full_clean()
        return conversation_response(request, participant, form=form)
    findings: list = []
    status = 400
    if form.is_valid() and form.cleaned_data.get("image"):
        status = _add_image(request, form, participant)
    if form.is_valid():
        sent, findings, status = _write(
            form,
            request,
            lambda kept: send_message(
                conversation=participant.conversation,
                by=me(request),
                body=form.cleaned_data["body"],
                kept=kept,
                origin=Origin.of(request),
            ),
        )
        if isinstance(sent, Message):
            return redirect(sent.get_absolute_url())
    return conversation_response(request, participant, form=form, findings=findings, status=status)


def _add_image(request: HttpRequest, form: ReplyForm, participant: Participant) -> int:
    """Store the reply's image and add its Markdown to the text; a refusal is the image
    field's error (the text stays). Returns the status the page answers if anything fails."""
    upload = form.cleaned_data["image"]
    try:
        limits.check_rate(user=me(request), origin=Origin.of(request), action="upload")
        if upload.size > MAX_BYTES:
            raise UploadError(
                _("The image is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": f"{upload.size / 1_048_576:.1f}", "limit": MAX_BYTES // 1_048_576}
            )
        image = images.store_message_image(
            conversation=participant.conversation,
            by=me(request),
            data=upload.read(),
            alt_text=form.cleaned_data.get("alt_text", ""),
        )
    except limits.RateLimited as exc:
        form.add_error("image", exc.message)
        return 429
    except UploadError as exc:
        form.add_error(exc.field if exc.field in form.fields else "image", str(exc))
        return 400
    body = f"{form.cleaned_data['body'].rstrip()}\n\n{images.markdown_for(image)}\n"
    # Into the form's data too: if the text is refused next, the page shows it with the image.
    data = cast(QueryDict, form.data).copy()
    data["body"] = form.cleaned_data["body"] = body
    form.data = data
    return 400


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    member_only(request)
    query = request.GET.get("q", "").replace("\x00", "")[:200]
    results = selectors.search_own(user=me(request), query=query) if query.strip() else []
    return render(request, "forums/consults/search.html", {"query": query, "results": results})

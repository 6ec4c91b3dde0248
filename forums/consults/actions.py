"""The private consult pages that act on a conversation or a member (``forums.consults.pages``
holds the inbox, the conversation, starting one and replying): adding members, leaving,
archiving, deleting for oneself, reporting a message, images in messages, blocking. Whoever is
not a current participant gets 404 for every URL about a conversation; visitors are sent to
sign in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import blocking
from accounts.models import User
from accounts.serving import uploaded_file_response
from forums.consults import images, membership, moderation
from forums.consults.forms import AddForm
from forums.consults.models import Message, MessageImage, MessageKind
from forums.consults.pages import conversation_response, me, member_only, participant_of
from forums.consults.writing import ConsultError, members_by_handle
from forums.forms import ReportForm
from forums.pages.composer import rate_limited_message
from forums.posting import Origin, limits


@login_required
@require_GET
def image(request: HttpRequest, key: str, ext: str) -> FileResponse:
    """An image in a private message, to the participants who can see that message (404 for
    everyone else); never stored by a browser or a proxy."""
    found = get_object_or_404(
        MessageImage.objects.select_related("message"), key=key, extension=ext
    )
    if not images.may_view(request.user, found):
        raise Http404("No such image.")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing.") from exc
    return uploaded_file_response(
        handle,
        content_type=found.content_type,
        filename=f"image.{found.extension}",
        cache_control="private, no-store",
    )


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_of(request, pk)
    form = AddForm(request.POST)
    if form.is_valid():
        people, unknown = members_by_handle(form.cleaned_data["handles"])
        if unknown:
            form.add_error(
                "handles",
                _("No member has the handle %(names)s.")
                % {"names": ", ".join(f"@{name[:30]}" for name in unknown[:5])},
            )
        else:
            try:
                membership.add_participants(
                    conversation=participant.conversation, by=me(request), members=people
                )
            except ConsultError as exc:
                form.add_error("handles", str(exc))
            else:
                return redirect(participant.conversation)
    return conversation_response(request, participant, add_form=form, status=400)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_of(request, pk)
    membership.leave_conversation(conversation=participant.conversation, by=me(request))
    messages.success(request, _("You left the conversation."))
    return redirect("forums:consults")


@login_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_of(request, pk)
    archived = request.POST.get("action") != "unarchive"
    membership.set_archived(
        conversation=participant.conversation, by=me(request), archived=archived
    )
    if archived:
        messages.success(request, _("Archived. A new message brings it back to your inbox."))
        return redirect("forums:consults")
    return redirect(participant.conversation)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_of(request, pk)
    membership.delete_for_me(conversation=participant.conversation, by=me(request))
    messages.success(
        request, _("Deleted for you. The others keep their copy; you still take part.")
    )
    return redirect("forums:consults")


@login_required
def report(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = participant_of(request, pk)
    message = get_object_or_404(
        Message.objects.select_related("author"),
        conversation_id=pk,
        number=number,
        number__gt=participant.cleared_through,
        kind=MessageKind.TEXT,
    )
    back = message.get_absolute_url()
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            moderation.report_message(
                message,
                by=me(request),
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                origin=Origin.of(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except limits.RateLimited as exc:
            form.add_error(None, rate_limited_message(exc))
            status = 429
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(back)
    return render(
        request,
        "forums/report.html",
        {
            "form": form,
            "heading": _("Report message #%(number)d") % {"number": message.number},
            "back": back,
            "breadcrumbs": [
                (reverse("forums:consults"), _("Messages")),
                (participant.conversation.get_absolute_url(), participant.conversation.subject),
            ],
        },
        status=status if status != 200 else (400 if form.errors else 200),
    )


def _back(request: HttpRequest, member: User) -> str:
    target = request.POST.get("next", "")
    # A path of this site only: anything else (a name, another host) goes to the profile.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:profile", kwargs={"handle": member.handle})


@login_required
@require_POST
def block(request: HttpRequest, handle: str) -> HttpResponse:
    member_only(request)
    member = get_object_or_404(User, handle__iexact=handle, is_active=True)
    if request.POST.get("action") == "unblock":
        blocking.unblock_member(blocker=me(request), blocked=member)
        messages.success(request, _("You unblocked @%(handle)s.") % {"handle": member.handle})
    else:
        try:
            blocking.block_member(blocker=me(request), blocked=member)
        except blocking.BlockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "You blocked @%(handle)s: no messages from them and no notifications of "
                    "their posts. They are not told."
                )
                % {"handle": member.handle},
            )
    return HttpResponseRedirect(_back(request, member))


@login_required
@require_GET
def blocked(request: HttpRequest) -> HttpResponse:
    member_only(request)
    return render(
        request, "forums/consults/blocked.html", {"blocks": blocking.blocked_by(me(request))}
    )

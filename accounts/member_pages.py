"""Pages about members among members: the directory, following a member, their followers.

Views read the form, call one selector or service, and show the result; no logic here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import directory, extensions, network, selectors
from accounts.models import FollowLevel
from accounts.ratelimit import RateLimited, client_ip

FOLLOWERS_PER_PAGE = 50


@login_required
def member_directory(request: HttpRequest) -> HttpResponse:
    """``/members/``: members only (a directory of clinicians is not for crawlers). The same
    for every member: served as the app sharing pages serves it (forums: one page per query,
    shared between members), else whole (``render_directory``)."""
    return extensions.serve_page("directory", request, whole=render_directory)


def render_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/directory.html", directory_context(request))


def directory_context(request: HttpRequest) -> dict:
    """What ``accounts/directory.html`` shows for the request's query string: nothing of the
    viewer's own (so that the page may be shared between members)."""
    form = directory.DirectoryForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = directory.directory_page(filters=filters, cursor=request.GET.get("after", ""))
    query = request.GET.copy()
    query.pop("after", None)
    return {
        "form": form,
        "profiles": page.profiles,
        "next_cursor": page.next_cursor,
        "query": query.urlencode(),
        "is_later_page": bool(request.GET.get("after")),
    }


@login_required
@require_POST
def follow(request: HttpRequest, handle: str) -> HttpResponse:
    """Follow (with a watch level), change the level, or unfollow (``action=unfollow``)."""
    member, _profile = selectors.public_profile(handle=handle, viewer=request.user)
    if request.POST.get("action") == "unfollow":
        if network.unfollow_member(follower=request.user, followed=member):
            messages.success(request, _("You no longer follow %(name)s.") % {"name": member.name})
        return redirect("accounts:profile", handle=member.handle)
    level = request.POST.get("level") or FollowLevel.IN_APP
    try:
        network.follow_member(
            follower=request.user, followed=member, level=level, ip=client_ip(request)
        )
    except (network.FollowError, RateLimited) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You follow %(name)s.") % {"name": member.name})
    return redirect("accounts:profile", handle=member.handle)


@login_required
def followers(request: HttpRequest, handle: str) -> HttpResponse:
    """Who follows a member: shown to that member only (others see the count)."""
    member, _profile = selectors.public_profile(handle=handle, viewer=request.user)
    if member.pk != request.user.pk:
        raise Http404("No such page.")
    paginator = Paginator(network.followers_of(member=member), FOLLOWERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "accounts/followers.html", {"member": member, "page": page})

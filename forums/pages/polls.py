"""A thread's poll on its page (``templates/forums/_poll.html``), the small POSTs that vote,
close and remove it, and the poll part of the composer (``templates/forums/_poll_fields.html``).

Every POST works without JavaScript (a form, then a redirect back to ``#poll``); with it,
``static/js/poll.js`` sends the same form and swaps in the answer, the poll's own HTML.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Preferences, User
from accounts.ratelimit import RateLimited
from forums.models import Poll, PollResults, Thread
from forums.pages.common import get_thread
from forums.permissions import can_attach_poll, can_close_poll, can_remove_poll, can_vote
from forums.posting import limits, polls
from forums.posting.checks import Origin
from forums.sharing.fragments import csrf_token_for

# A vote refused without JavaScript, shown in the poll after the redirect, once.
ERROR_KEY = "forums_poll_error"
FRAGMENT_HEADER = "HTTP_X_ROUNDS_FRAGMENT"  # poll.js asks for the poll's HTML, not a redirect


@dataclass(frozen=True)
class PollBox:
    """What ``_poll.html`` shows one reader: everything it reads, so it needs no context."""

    poll: Poll
    thread: Thread
    results: list[polls.Result]  # each marked ``chosen`` when in the reader's vote
    checked: tuple[int, ...]  # what the form shows ticked: their vote, or what a refusal sent
    voted: bool
    shows_results: bool
    may_vote: bool  # may vote in this thread at all (who may reply)
    votes_now: bool  # the form shows: may vote, the poll is open, a vote may still change
    can_close: bool
    can_remove: bool
    signed_in: bool
    error: str = ""
    status: str = ""  # what a vote sent by poll.js did, read out by screen readers

    @property
    def own_vote(self) -> list[str]:
        return [result.text for result in self.results if result.chosen]

    @property
    def base(self) -> str:
        return self.thread.get_absolute_url()

    @property
    def login_url(self) -> str:
        return f"{reverse('account_login')}?next={self.base}%23poll"


def poll_box(
    user,
    thread: Thread,
    *,
    choices: tuple[int, ...] = (),
    refused: dict | None = None,
    status: str = "",
) -> PollBox | None:
    """The poll as ``user`` sees it, given their vote ``choices``; None without a poll.
    ``refused``: a vote just refused (its message and the choices sent), to show back."""
    poll = polls.thread_poll(thread)
    if poll is None:
        return None
    voted = bool(choices)
    if refused and refused.get("poll") == poll.pk:
        error, shown = str(refused.get("message", "")), tuple(refused.get("choices", ()))
    else:
        error, shown = "", choices
    may_vote = can_vote(user, thread)
    closed = poll.is_closed
    return PollBox(
        poll=poll,
        thread=thread,
        results=polls.results(poll, chosen=choices),
        checked=shown,
        voted=voted,
        shows_results=poll.shows_results(voted=voted),
        may_vote=may_vote,
        votes_now=may_vote and not closed and (not voted or poll.changeable),
        can_close=not closed and can_close_poll(user, thread),
        can_remove=can_remove_poll(user, thread),
        signed_in=user.is_authenticated,
        error=error,
        status=status,
    )


def render_poll(box: PollBox, csrf_token: str) -> str:
    """The poll's HTML alone: what fills a shared thread page's "poll" slot and what poll.js
    swaps in. The same template the whole page includes, with nothing else from its context."""
    return render_to_string("forums/_poll.html", {"box": box, "csrf_token": csrf_token})


def pop_refused(request: HttpRequest) -> dict | None:
    """The vote refused before the redirect, if any (taken from the session: shown once)."""
    if ERROR_KEY not in request.session:
        return None
    return request.session.pop(ERROR_KEY)


def _thread_with_poll(request: HttpRequest, pk: int) -> tuple[Thread, Poll]:
    thread = get_thread(request, pk)
    poll = polls.thread_poll(thread)
    if poll is None:
        raise Http404("This thread has no poll.")
    return thread, poll


def _member(request: HttpRequest) -> User:
    """The signed-in member (the views below require one)."""
    return cast(User, request.user)


def _answer(
    request: HttpRequest,
    thread: Thread,
    poll: Poll,
    *,
    done: str,
    refused: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """For poll.js, the poll's own HTML (saying what was ``done``, or why it was ``refused``);
    otherwise back to the poll, a refusal kept in the session to show there once."""
    if request.META.get(FRAGMENT_HEADER):
        choices = polls.own_choices(poll=poll, user=_member(request))
        box = poll_box(request.user, thread, choices=choices, refused=refused, status=done)
        assert box is not None  # the poll was found
        return HttpResponse(render_poll(box, csrf_token_for(request)), status=status)
    if refused:
        request.session[ERROR_KEY] = refused
    return redirect(f"{thread.get_absolute_url()}#poll")


def _choices(request: HttpRequest) -> list[int] | None:
    """The positions sent as ``choice``; None when one is not a small whole number."""
    values = request.POST.getlist("choice")[: polls.MAX_OPTIONS + 1]
    if not all(value.isdigit() and len(value) <= 3 for value in values):
        return None
    return [int(value) for value in values]


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    thread, poll = _thread_with_poll(request, pk)
    sent = _choices(request)
    status, message = 200, ""
    try:
        if sent is None:
            raise polls.PollError(_("Choose among the poll's options."), field="choices")
        limits.check_vote(user=_member(request), origin=Origin.of(request))
        polls.vote(poll=poll, by=_member(request), choices=sent)
    except polls.PollError as exc:
        status, message = 400, _("Your vote was not counted: %(why)s") % {"why": exc}
    except RateLimited as exc:
        status = 429
        message = _("Your vote was not counted: you have reached a rate limit. %(limit)s") % {
            "limit": exc.message
        }
    refused = {"poll": poll.pk, "message": message, "choices": sent or []} if message else None
    done = "" if message else _("Your vote is counted.")
    return _answer(request, thread, poll, done=done, refused=refused, status=status)


@login_required
@require_POST
def close(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    thread, poll = _thread_with_poll(request, pk)
    reason = request.POST.get("reason", "")[:500]
    polls.close_poll(poll=poll, by=_member(request), reason=reason)
    return _answer(request, thread, poll, done=_("The poll is closed."))


@login_required
@require_POST
def remove(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    thread, _poll = _thread_with_poll(request, pk)
    reason = request.POST.get("reason", "")[:500]
    polls.remove_poll(thread=thread, by=_member(request), reason=reason)
    messages.success(request, _("The poll was removed."))
    return redirect(thread)


# --- The composer's poll part -----------------------------------------------------------------


SINGLE, MULTIPLE = "single", "multiple"
_LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class PollForm(forms.Form):
    """A poll for the thread being started, or a change to its poll. Empty: no poll.

    The close date is typed in the member's own time zone (their preferences), shown back in
    it, and stored aware. The form checks what ``forums.posting.polls.check_spec`` checks, so each
    message sits under its own field."""

    question = forms.CharField(
        label=gettext_lazy("Poll question"), required=False, max_length=polls.MAX_QUESTION_CHARS
    )
    options = forms.CharField(
        label=gettext_lazy("Poll options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("From 2 to 20 options."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Voters choose"),
        choices=[(SINGLE, gettext_lazy("One option")), (MULTIPLE, gettext_lazy("Several options"))],
        initial=SINGLE,
        required=False,
        widget=forms.RadioSelect,
    )
    max_choices = forms.IntegerField(
        label=gettext_lazy("Most options one voter may choose"),
        required=False,
        min_value=1,
        max_value=polls.MAX_OPTIONS,
        initial=2,
        help_text=gettext_lazy("For several options only."),
    )
    results = forms.ChoiceField(
        label=gettext_lazy("Show the results"),
        choices=PollResults.choices,
        initial=PollResults.ALWAYS,
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Close the poll on (optional)"),
        required=False,
        input_formats=[_LOCAL_INPUT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL_INPUT),
    )
    changeable = forms.BooleanField(
        label=gettext_lazy("Voters may change their vote until the poll closes"),
        required=False,
        initial=True,
    )
    remove = forms.BooleanField(
        label=gettext_lazy("Remove this poll and its votes"), required=False
    )

    def __init__(self, *args, zone: zoneinfo.ZoneInfo, poll: Poll | None, **kwargs):
        kwargs.setdefault("prefix", "poll")
        super().__init__(*args, **kwargs)
        self.zone, self.poll = zone, poll
        self.fields["closes_at"].help_text = _(
            "In your time zone (%(zone)s). Empty: it stays open until you close it."
        ) % {"zone": zone.key}
        if poll is None:
            del self.fields["remove"]
        self.spec: polls.PollSpec | None = None

    @property
    def is_open(self) -> bool:
        """Whether the disclosure holding the fields starts open (a poll, or errors)."""
        return bool(self.poll is not None or (self.is_bound and self.errors))

    def clean_closes_at(self) -> datetime | None:
        value = self.cleaned_data.get("closes_at")
        if value is None:
            return None
        # Django read it in the site's zone; it was typed in the member's.
        wall = timezone.make_naive(value, timezone.get_current_timezone())
        return timezone.make_aware(wall, self.zone)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("remove"):
            return data
        question = data.get("question", "") or ""
        options = [line.strip() for line in (data.get("options") or "").splitlines()]
        options = [option for option in options if option]
        if not question.strip() and not options:
            if self.poll is not None:
                self.add_error(
                    "question", _("Write the poll's question, or tick “Remove this poll”.")
                )
            return data  # no poll asked for
        multiple = data.get("kind") == MULTIPLE
        spec = polls.PollSpec(
            question=question,
            options=tuple(options),
            multiple=multiple,
            max_choices=(data.get("max_choices") or 0) if multiple else 1,
            results=data.get("results") or PollResults.ALWAYS,
            changeable=bool(data.get("changeable")),
            closes_at=data.get("closes_at"),
        )
        try:
            polls.check_spec(spec)
        except polls.PollError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc))
            return data
        self.spec = spec
        return data


def member_zone(user) -> zoneinfo.ZoneInfo:
    """The member's time zone from their preferences (UTC without any, or an unknown name)."""
    name = Preferences.objects.filter(user=user).values_list("time_zone", flat=True).first()
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def composer_poll_form(
    request: HttpRequest, *, thread: Thread | None = None, number: int = 1
) -> PollForm | None:
    """The poll part of a composer: starting a thread, or its author editing its first post
    (None otherwise: a reply, another post, a moderator's edit)."""
    if thread is not None and (number != 1 or not can_attach_poll(request.user, thread)):
        return None
    poll = polls.thread_poll(thread) if thread is not None else None
    zone = member_zone(request.user)
    # A submit without the poll part (a client that never showed it) leaves the poll alone.
    if request.method == "POST" and any(key.startswith("poll-") for key in request.POST):
        return PollForm(request.POST, zone=zone, poll=poll)
    initial = {}
    if poll is not None:
        closes = poll.closes_at
        initial = {
            "question": poll.question,
            "options": "\n".join(poll.options),
            "kind": MULTIPLE if poll.multiple else SINGLE,
            "max_choices": poll.max_choices if poll.multiple else 2,
            "results": poll.results,
            "closes_at": timezone.make_naive(closes, zone) if closes else None,
            "changeable": poll.changeable,
        }
    return PollForm(zone=zone, poll=poll, initial=initial)


def poll_form_is_valid(form: PollForm | None) -> bool:
    return form is None or not form.is_bound or form.is_valid()


def save_composer_poll(form: PollForm | None, *, thread: Thread, by) -> None:
    """Within the composer's transaction, after the post is saved: attach, change or remove the
    poll. Raises PollError (naming the field) for the composer to show under it."""
    if form is None or not form.is_bound:
        return
    if form.cleaned_data.get("remove"):
        polls.remove_poll(thread=thread, by=by)
    elif form.spec is not None:
        polls.attach_poll(thread=thread, by=by, spec=form.spec)


def add_poll_error(form: PollForm | None, exc: polls.PollError) -> None:
    if form is not None:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))

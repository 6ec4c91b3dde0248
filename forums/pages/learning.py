"""The learning log's pages: the log, adding to it from a thread or case, an entry and its
reflection, what is not logged yet, the yearly summary and the weekly prompt's switch.

Every page reads and writes the signed-in member's own entries only (``own_entries``): another
member's entry id is not found, whoever asks (moderators and admins included).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from forums.learning import charts, recording, selectors
from forums.learning.activity import READING_WPM, VOTE_MINUTES, WRITING_WPM
from forums.learning.forms import EntryForm, PromptForm, describe_errors
from forums.learning.prompts import read_stop_token
from forums.models import REFLECTION_NAMES, LearningEntry, Thread
from forums.sharing.fragments import render_rows
from forums.sharing.own_pages import own_page


def _number(value: str | None, default: int, *, low: int, high: int) -> int:
    """A whole number from the query string, within bounds; ``default`` for anything else."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def entry_rows(request: HttpRequest, entries: list[LearningEntry]) -> list[str]:
    """Each entry's HTML on the log, cached by everything ``includes/entry_row.html`` shows
    (``forums.sharing.fragments``). The log is the member's alone: the key holds their id with
    the entry's, and the row shows no reflection, only whether there is one."""
    viewer = request.user.pk
    titles = {entry.pk: selectors.thread_title(entry) for entry in entries}

    def version(entry: LearningEntry) -> tuple:
        return (
            viewer,
            entry.pk,
            entry.kind,
            entry.ref_id,
            titles[entry.pk],
            entry.date,
            entry.specialty,
            entry.category,
            entry.minutes,
            tuple(entry.activities),
            entry.has_reflection,
        )

    return render_rows(
        request,
        "forums/learning/includes/entry_row.html",
        entries,
        version=version,
        context=lambda entry: {
            "entry": entry,
            "title": titles[entry.pk],
            "has_reflection": entry.has_reflection,
        },
    )


@login_required
@own_page("learning-log")
def log(request: HttpRequest) -> HttpResponse:
    # Not a shared member page: all of it but the header is the member's own and nobody
    # else's, so it is kept whole for them (``own_page``); each entry's row comes from the
    # cache (``entry_rows``).
    page = selectors.log_page(
        request.user, page=_number(request.GET.get("page"), 1, low=1, high=10_000)
    )
    return render(
        request,
        "forums/learning/log.html",
        {
            "log": page,
            "entry_html": entry_rows(request, page.entries),
            "prompt_form": PromptForm(initial={"weekly_prompt": page.weekly_prompt}),
        },
    )


@login_required
@require_POST
def add(request: HttpRequest, thread_id: int) -> HttpResponse:
    """ "Add to my learning log" on a thread or a case: any thread the member may read."""
    thread = get_object_or_404(
        Thread.objects.readable_by(request.user).select_related("category"), pk=thread_id
    )
    entry, created = recording.log_thread(user=request.user, thread=thread)
    if created:
        messages.success(request, _("Added to your learning log. Add your reflection below."))
    else:
        messages.info(
            request, _("Already in your learning log: what you did there is brought up to date.")
        )
    return redirect("learning:entry", pk=entry.pk)


def _kept_from(request: HttpRequest) -> dict[str, str]:
    return {
        key[5:]: value[:500]
        for key, value in request.POST.items()
        if key.startswith("keep:") and len(key) < 400
    }


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.own_entries(request.user).select_related("thread"), pk=pk)
    findings: dict = {}
    kept = _kept_from(request) if request.method == "POST" else {}
    status = 200
    if request.method == "POST":
        data = request.POST.copy()
        if request.POST.get("action") == "fix":
            fixed = recording.fix_reflection({k: data.get(k, "") for k in REFLECTION_NAMES})
            for name, text in fixed.items():
                data[name] = text  # replaces (QueryDict.update would add a second value)
            messages.info(request, _("The suggested changes were made. Check them, then save."))
            form = EntryForm(data=data)
            form.is_valid()
            findings = recording.scan_reflection(
                {k: data.get(k, "") for k in REFLECTION_NAMES}, {**item.kept, **kept}
            )
            return _render_entry(request, item, form, findings, kept, 200)
        form = EntryForm(data=data)
        if form.is_valid():
            try:
                recording.update_entry(item, by=request.user, values=form.values(), kept=kept)
            except recording.ReflectionRefused as refused:
                findings = refused.findings
                for name, message in refused.errors.items():
                    form.add_error(name, message)
                status = 400
            else:
                messages.success(request, _("Your learning log entry was saved."))
                return redirect("learning:log")
        else:
            status = 400
    else:
        form = EntryForm(initial=EntryForm.initial_for(item))
    return _render_entry(request, item, form, findings, kept, status)


def _render_entry(request, item, form, findings, kept, status) -> HttpResponse:
    return render(
        request,
        "forums/learning/entry.html",
        {
            "entry": item,
            "title": selectors.thread_title(item),
            "form": describe_errors(form),
            "findings": [(form[name], items) for name, items in findings.items()],
            "kept": kept,
            "reading_wpm": READING_WPM,
            "writing_wpm": WRITING_WPM,
            "vote_minutes": VOTE_MINUTES,
        },
        status=status,
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.own_entries(request.user), pk=pk)
    recording.delete_entry(item, by=request.user)
    messages.success(request, _("The entry was removed from your learning log."))
    return redirect("learning:log")


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/learning/suggestions.html",
        {"suggestions": selectors.suggestions(request.user)},
    )


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    year = _number(request.GET.get("year"), this_year, low=2000, high=this_year + 1)
    found = selectors.year_summary(request.user, year=year)
    months = [(f"{day:%b}", minutes / 60) for day, minutes in found.months]
    specialties = [(name, minutes / 60) for name, minutes in found.totals.by_specialty.items()]
    return render(
        request,
        "forums/learning/summary.html",
        {
            "summary": found,
            "month_chart": charts.bar_chart(months),
            "specialty_chart": charts.row_chart(specialties),
            "month_rows": [(day, round(minutes / 60, 2)) for day, minutes in found.months],
            "specialty_rows": [(n, round(h, 2)) for n, h in specialties],
            "category_rows": [
                (label, round(minutes / 60, 2))
                for label, minutes in found.totals.by_category.items()
            ],
            "previous_year": year - 1 if year > 2000 else None,
            "next_year": year + 1 if year < this_year else None,
        },
    )


@login_required
@require_POST
def prompt(request: HttpRequest) -> HttpResponse:
    form = PromptForm(request.POST)
    on = form.is_valid() and form.cleaned_data["weekly_prompt"]
    recording.set_weekly_prompt(user=request.user, on=on)
    if on:
        messages.success(request, _("You will get a weekly reminder of what is not logged yet."))
    else:
        messages.success(request, _("The weekly reminder is off."))
    return redirect("learning:log")


# Mail clients POST here without a session or a CSRF token (RFC 8058 one-click): the signed
# token is the authority, and it can only turn the reminder off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_prompt(request: HttpRequest, token: str) -> HttpResponse:
    member = read_stop_token(token)
    if member is None:
        raise Http404("This link is not valid.")
    done = request.method == "POST"
    if done:
        recording.set_weekly_prompt(user=member, on=False)
    return render(request, "forums/learning/stop_prompt.html", {"done": done, "token": token})

"""The case review page in admin (``CaseAdmin`` mixes this in): the case as members will see it
(cases.review), and Approve / Return / Redact / Restore, each through cases.moderation, under a
claim so two moderators do not act on the same case."""

from __future__ import annotations

import time
from contextlib import suppress
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.member_admin import TemplatedReasonForm
from cases import moderation, review
from cases.models import Case
from forums.sharing import own_pages
from forums.sharing.cache import shareable


class ReviewReturnForm(TemplatedReasonForm):
    """Return with a reason: a template moderators keep in admin → Reason templates, free text,
    or both (the template first)."""

    text = forms.CharField(
        label=_("Your words to the author (added after the template)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReviewRedactForm(forms.Form):
    """Text to remove: typed, picked from the scanner's findings, or (with static/js/
    admin_review.js) taken from a selection in the rendered case or reply."""

    target = forms.ChoiceField(label=_("Remove from"))
    finding = forms.ChoiceField(label=_("A finding of the scanner"), required=False)
    text = forms.CharField(
        label=_("Or the exact text"),
        required=False,
        max_length=1000,
        strip=False,
        help_text=_("Select the words in the case or reply above to fill this in."),
    )

    def __init__(self, *args, page: review.ReviewPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = {f"post-{f.post.pk}": f.post for f in page.flags if f.post is not None}
        self.fields["target"].choices = [
            ("case", _("the case (every field, revision and quote)")),
            *(
                (key, _("reply #%(n)s and quotes of it") % {"n": post.number})
                for key, post in self.posts.items()
            ),
        ]
        self.fields["finding"].choices = [
            ("", _("— pick one —")),
            *((text, f"“{text}” ({label})") for text, label in page.findings),
        ]

    def clean(self):
        data = super().clean()
        text = data.get("text") or data.get("finding") or ""
        if len(text.strip()) < 2:
            raise ValidationError(_("Select, pick or type the text to remove."))
        data["remove"] = text
        return data


def _review_forms(page: review.ReviewPage) -> dict:
    # Prefixed: both forms have a "text" field, and ids must stay unique on the page.
    return {
        "return": ReviewReturnForm(prefix="return", templates=page.return_templates),
        "redact": ReviewRedactForm(prefix="redact", page=page),
    }


# A moderator opening a case they hold renews the claim once less than this is left.
_RENEW_WITHIN = timedelta(minutes=moderation.CLAIM_MINUTES / 2)


def _claim_to_renew(shown: review.Shown, user) -> bool:
    """Whether opening the page should claim the case: unless the moderator holds it with more
    than half of CLAIM_MINUTES to go (``moderation.claim_case`` decides the rest: another
    moderator's live claim is refused there)."""
    if shown.claimed_by_id != user.pk or shown.claimed_until is None:
        return True
    return shown.claimed_until - timezone.now() < _RENEW_WITHIN


def _good_until(response, user, can_moderate: bool) -> float:
    """Until when the page kept for ``user`` says the right thing about the claim (a POSIX
    time): for the holder, until opening it should renew the claim; for another moderator,
    until the claim runs out; with no claim, until a moderator opening it should take it."""
    case = getattr(response, "context_data", {}).get("case")
    holder = moderation.claim_holder(case) if case is not None else None
    if holder is None:
        return 0.0 if can_moderate else float("inf")
    if holder.pk == user.pk:
        return (case.claimed_until - _RENEW_WITHIN).timestamp()
    return case.claimed_until.timestamp()


class CaseReviewMixin:
    """Needs ``_image_reviews`` and ``has_moderate_permission`` from the ModelAdmin."""

    REVIEW_ACTIONS = (
        "approve",
        "return",
        "redact",
        "restore",
        "restore_reply",
        "take_over",
        "release",
    )

    def review_view(self, request, case_id: int, bound_image=None):
        """GET claims the case for the moderator (unless another holds it, or their own claim
        has more than half of its time left: a reload writes nothing); each POST renews the
        claim, then calls one service of cases.moderation (which writes the audit log).

        Nothing on it is shared with another moderator, but a moderator opening the same case
        again is served the page kept for them (``forums.sharing.own_pages.kept_page``): under
        a member's own page's generations (CONTENT moves with every case service), and the
        case's (``cases.review.generations``: any save of a row it reads, the claim's too),
        while what it says of the claim still holds (``_good_until``); a pending message, a
        bound form or a claim to take or renew is rendered whole. Approve and Restore send a
        hash of every row the page read (``cases.review.shown``) and are refused when it moved
        since, so a moderator publishes only what they have read, kept copy or not."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_moderate = self.has_moderate_permission(request)
        action = request.POST.get("do") if request.method == "POST" else None
        if action is None:
            if bound_image is not None or not shareable(request):
                return self._opened(request, case_id, can_moderate, bound_image)
            user = request.user
            return own_pages.kept_page(
                request,
                own_pages.page_key("case-review", user.pk, case_id, can_moderate),
                [*own_pages.own_generations(user.pk), *review.generations(case_id)],
                lambda: self._opened(request, case_id, can_moderate),
                note=lambda response: _good_until(response, user, can_moderate),
                usable=lambda good_until: time.time() < good_until,
            )
        if not can_moderate or action not in self.REVIEW_ACTIONS:
            raise PermissionDenied
        shown = review.shown(case_id)  # before the page's reads: see review.Shown
        page = review.review_page(case_id=case_id)
        if shown is None or page is None:
            return redirect("admin:cases_case_changelist")
        forms_ = _review_forms(page)
        done = self._review_action(request, page, action, forms_, shown)
        if done is not None:
            return done
        return self._review_response(request, shown, can_moderate, page=page, forms_=forms_)

    def _opened(self, request, case_id: int, can_moderate: bool, bound_image=None):
        """The page opened (or shown again with an image form's errors): claimed first."""
        shown = review.shown(case_id)  # before the page's reads: see review.Shown
        if shown is None:
            return redirect("admin:cases_case_changelist")
        if can_moderate and request.method == "GET" and _claim_to_renew(shown, request.user):
            with suppress(moderation.CaseClaimed):  # the page says who holds it
                moderation.claim_case(Case(pk=case_id), by=request.user)
        page = review.review_page(case_id=case_id)
        if page is None:
            return redirect("admin:cases_case_changelist")
        return self._review_response(
            request, shown, can_moderate, page=page, bound_image=bound_image
        )

    def _review_response(
        self,
        request,
        shown: review.Shown,
        can_moderate: bool,
        *,
        page: review.ReviewPage,
        forms_: dict | None = None,
        bound_image=None,
    ):
        """The page as read (after ``shown``), with ``forms_`` if an action bound them."""
        case = page.case
        forms_ = forms_ or _review_forms(page)
        holder = moderation.claim_holder(case)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review: %(title)s") % {"title": case.title},
            "page": page,
            "case": case,
            "shown": shown.content,
            "holder": holder,
            "mine": holder is not None and holder.pk == request.user.pk,
            "can_moderate": can_moderate,
            "can_act": can_moderate and (holder is None or holder.pk == request.user.pk),
            "return_form": forms_["return"],
            "redact_form": forms_["redact"],
            # The image forms come back here (?from=review) rather than to the change page.
            "image_reviews": [
                (img, form, f"{action}?from=review", f"{remove}?from=review")
                for img, form, action, remove in self._image_reviews(request, case, bound_image)
            ],
            "claim_minutes": moderation.CLAIM_MINUTES,
            "is_nav_sidebar_enabled": False,  # a work page: the whole width for the content
        }
        return TemplateResponse(request, "admin/cases/case_review.html", context)

    def _review_action(self, request, page, action: str, forms_, shown: review.Shown):
        """Run one decision; a redirect when done, None to show the page again (with the bound
        form's errors or the message saying why not)."""
        case, by = page.case, request.user
        back = reverse("admin:cases_case_review", args=[case.pk])
        try:
            if action in ("approve", "restore") and request.POST.get("shown") != shown.content:
                raise ValidationError(
                    _(
                        "The case changed after this page was opened: nothing was done. "
                        "Read it again below before you decide."
                    )
                )
            if action == "release":
                moderation.release_case(case, by=by)
                return redirect("admin:cases_case_changelist")
            moderation.claim_case(case, by=by, take_over=action == "take_over")
            if action == "take_over":
                self.message_user(request, _("The case is yours to review now."))
                return redirect(back)
            if action == "approve":
                moderation.approve_case(case, by=by)
                self.message_user(request, _("Published."), messages.SUCCESS)
                return redirect("admin:cases_case_changelist")
            if action == "restore_reply":
                flagged = {f"{f.post.pk}": f.post for f in page.flags if f.post is not None}
                post = flagged.get(request.POST.get("post", ""))
                if post is None:
                    raise ValidationError(_("That reply has no open flag."))
                moderation.restore_reply(post, by=by)
                self.message_user(request, _("The reply is shown again."), messages.SUCCESS)
                return redirect(back)
            if action == "restore":
                moderation.restore_case(case, by=by)
                self.message_user(request, _("Shown again to readers."), messages.SUCCESS)
                return redirect(back)
            if action == "return":
                form = forms_["return"] = ReviewReturnForm(
                    request.POST, prefix="return", templates=page.return_templates
                )
                if form.is_valid():
                    moderation.return_case(case, by=by, reason=form.reason())
                    self.message_user(request, _("Returned to the author."), messages.SUCCESS)
                    return redirect("admin:cases_case_changelist")
                return None
            form = forms_["redact"] = ReviewRedactForm(request.POST, prefix="redact", page=page)
            if form.is_valid():
                text, target = form.cleaned_data["remove"], form.cleaned_data["target"]
                if target in form.posts:
                    moderation.redact_reply(form.posts[target], by=by, text=text)
                elif text not in moderation.redactable_text(case):
                    raise ValidationError(_("That text is not in the case: nothing removed."))
                else:
                    moderation.redact_case(case, by=by, text=text)
                self.message_user(
                    request,
                    _("Removed %(n)s characters everywhere they appeared.") % {"n": len(text)},
                    messages.SUCCESS,
                )
                return redirect(back)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            if action in ("approve", "restore", "restore_reply", "take_over"):
                return redirect(back)
        return None

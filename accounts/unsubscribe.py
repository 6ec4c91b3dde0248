"""One-click unsubscribe (RFC 8058) for digests and notification emails.

Every email we send to a member carries a signed link: ``List-Unsubscribe`` holds it (and a
mailto), ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` tells mail clients they may POST
to it. The link needs no session: the signature is the proof. A GET (a person who clicked the
footer link) shows a page with a button and the way to the full preferences; a POST (the mail
client's one click, or that button) unsubscribes.

Scopes: ``digest`` turns the digest off; ``notifications`` turns off the emails about
mentions, replies and badges earned; ``review`` turns off the emails about the member's
case studies and verification (approved, returned, outcome reminder, decision).

The mailto in ``List-Unsubscribe`` goes to ``UNSUBSCRIBE_EMAIL`` (default: the sender address)
with the token in the subject; README ("Email") says how an operator routes it. The https link
is what mail clients prefer and what the footers show.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import DigestFrequency, Preferences, User

SALT = "accounts.unsubscribe"
SCOPES = ("digest", "notifications", "review", "messages")


def make_token(user: User, *, scope: str = "digest") -> str:
    if scope not in SCOPES:
        raise ValueError(scope)
    return signing.dumps({"u": user.pk, "s": scope}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, scope) from a token we signed, or None for anything else."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("s") not in SCOPES
        or not isinstance(data.get("u"), int)
    ):
        return None
    return data["u"], data["s"]


def unsubscribe_url(user: User, *, scope: str = "digest") -> str:
    """Absolute; production's SITE_URL is https, which RFC 8058 requires."""
    token = make_token(user, scope=scope)
    return f"{settings.SITE_URL}{reverse('unsubscribe', kwargs={'token': token})}"


def unsubscribe_headers(user: User, *, scope: str = "digest") -> dict[str, str]:
    """The headers for one message: an https one-click URL and a mailto, as RFC 8058 asks."""
    return unsubscribe_links(user, scope=scope)[1]


def unsubscribe_links(user: User, *, scope: str = "digest") -> tuple[str, dict[str, str]]:
    """The footer link and the headers, from one signed token (digests make many of these)."""
    token = make_token(user, scope=scope)
    url = f"{settings.SITE_URL}{reverse('unsubscribe', kwargs={'token': token})}"
    mailto = f"mailto:{unsubscribe_address()}?subject={quote('unsubscribe ' + token)}"
    headers = {
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return url, headers


def unsubscribe_address() -> str:
    """Where mail clients send the mailto unsubscribe (``UNSUBSCRIBE_EMAIL``, else the sender)."""
    from email.utils import parseaddr

    return getattr(settings, "UNSUBSCRIBE_EMAIL", "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def unsubscribe_by_mail(subject: str) -> tuple[User, str] | None:
    """Apply an unsubscribe email (the ``List-Unsubscribe`` mailto): its subject is
    ``unsubscribe <token>``, perhaps behind a "Re:" or "Fwd:". Returns (member, scope), or None
    when the subject holds no token we signed. The token is the proof, as for the link."""
    words = subject.split()
    lowered = [word.lower() for word in words]
    if "unsubscribe" not in lowered:
        return None
    for word in words[lowered.index("unsubscribe") + 1 :]:
        found = read_token(word)
        if found is None:
            continue
        member = User.objects.filter(pk=found[0]).first()
        if member is None:
            return None
        unsubscribe(member, scope=found[1])
        return member, found[1]
    return None


@transaction.atomic
def unsubscribe(user: User, *, scope: str) -> Preferences:
    """Turn off the digest, or the immediate emails. Idempotent."""
    prefs, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    if scope == "digest":
        prefs.digest_frequency = DigestFrequency.OFF
        prefs.save(update_fields=["digest_frequency"])
    elif scope == "notifications":
        prefs.email_on_mention = prefs.email_on_reply = prefs.email_on_badge = False
        prefs.save(update_fields=["email_on_mention", "email_on_reply", "email_on_badge"])
    elif scope == "review":
        prefs.email_on_review = False
        prefs.save(update_fields=["email_on_review"])
    elif scope == "messages":
        prefs.email_on_message = False
        prefs.save(update_fields=["email_on_message"])
    else:
        raise ValueError(scope)
    return prefs


# Mail clients POST here without a session or a CSRF token (RFC 8058): the signed token is what
# authorises the change, and the change only ever turns email off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    found = read_token(token)
    member = User.objects.filter(pk=found[0]).first() if found else None
    if member is None:
        raise Http404("This unsubscribe link is not valid.")
    scope = found[1]
    done = request.method == "POST"
    if done:
        unsubscribe(member, scope=scope)
    return render(
        request,
        "email/unsubscribe.html",
        {"member": member, "scope": scope, "done": done, "token": token},
    )


urlpatterns = [
    path("email/unsubscribe/<str:token>/", unsubscribe_view, name="unsubscribe"),
]

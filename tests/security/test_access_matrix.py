"""The access-control matrix: every URL of the site, for every role and object state.

The URL list comes from the resolver, so a new view cannot escape: ``SITE`` must name every
pattern outside the admin and allauth (those two are covered by one rule each, below), or
``test_every_site_url_pattern_has_expectations`` fails.

Each row gives the expected status for GET then POST, one code per role in ``ROLES`` order
(visitor, member, verified professional, author, moderator, suspended). ``L`` is a redirect to
the sign-in page; ``302`` any other redirect. A POST carries no form data unless ``data`` says
so: what is checked is who may act, not what a form accepts. Every request runs in a savepoint
rolled back afterwards, so one cell never changes the next.

The rules the table encodes (accounts/permissions.py, forums/permissions.py,
cases/permissions.py): what a role may not see answers 404, never 403, so IDs of hidden,
pending, members-only or verified-only objects do not leak; what a role may see but not do
answers 403; signed-out requests to member pages go to the sign-in page (a signed-out POST to
a composer answers 403 and gives the text back).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from forums.models import Notification
from forums.posting import following
from tests.html import elements
from tests.security.world import (
    HIDDEN_CASE_REPLY,
    HIDDEN_CASE_TITLE,
    REDACTED_SECRET,
    ROLES,
    World,
    build_world,
)

LOGIN_PATH = "/accounts/login/"
ADMIN_LOGIN_PATH = "/admin/login/"


@dataclass(frozen=True)
class Spec:
    """Expectations for one URL name: kwargs per object state, and a row per state."""

    kwargs: Callable[[World, str], dict]
    rows: dict[str, str]
    data: Callable[[World, str], dict] = field(default=lambda w, s: {})


def none(w: World, s: str) -> dict:
    return {}


def forum(w: World, s: str) -> dict:
    return {"slug": w.forums[s].slug}


def tag(w: World, s: str) -> dict:
    return {"slug": "ecg"}


def thread(w: World, s: str) -> dict:
    return {"pk": w.threads[s].pk, "slug": w.threads[s].slug}


def post(w: World, s: str) -> dict:
    p = w.posts[s]
    return {"pk": p.thread_id, "slug": p.thread.slug, "number": p.number}


def case(w: World, s: str) -> dict:
    return {"pk": w.cases[s].pk}


def case_page(w: World, s: str) -> dict:
    return {"pk": w.cases[s].pk, "slug": w.cases[s].slug}


def image(w: World, s: str) -> dict:
    if s == "other_case":  # a visible case's URL with an image of another (draft) case
        return {"pk": w.cases["published"].pk, "image_pk": w.images["draft"].pk}
    return {"pk": w.cases[s].pk, "image_pk": w.images[s].pk}


def post_image(w: World, s: str) -> dict:
    image = w.post_images[s]
    return {"key": image.key, "ext": image.extension}


def writing_in(w: World, s: str) -> dict:
    """The composer's helpers name the thread they write in (mentions read it from the query
    string, uploads from the form): a thread of each state."""
    return {"thread": w.threads[s].pk, "q": "au"}


def profile(w: World, s: str) -> dict:
    return {"handle": "author" if s == "active" else w.gone_member.handle}


def avatar(w: World, s: str) -> dict:
    owner = w.users["author"] if s == "own" else w.users["member"]
    return {"user_id": owner.pk, "name": w.avatar_name}


def evidence(w: World, s: str) -> dict:
    return {"pk": w.evidence_request_id}


def notification(w: World, s: str) -> dict:
    return {"pk": (w.hidden_case_notification if s == "hidden case" else w.notification).pk}


def learning_entry(w: World, s: str) -> dict:
    return {"pk": w.learning_entry.pk}


def learning_thread(w: World, s: str) -> dict:
    return {"thread_id": w.threads[s].pk}


def learning_token(w: World, s: str) -> dict:
    token = w.learning_token if s == "signed" else w.learning_token[:-4] + "AAAA"
    return {"token": token}


def learning_stop(w: World, s: str) -> dict:
    token = w.learning_stop_token if s == "signed" else w.learning_stop_token[:-4] + "AAAA"
    return {"token": token}


def conversation(w: World, s: str) -> dict:
    return {"pk": w.conversations[s].pk}


def message(w: World, s: str) -> dict:
    return {"pk": w.conversations[s].pk, "number": 1}


def message_image(w: World, s: str) -> dict:
    image = w.message_images[s]
    return {"key": image.key, "ext": image.extension}


def handle(w: World, s: str) -> dict:
    return {"handle": "author" if s == "active" else w.gone_member.handle}


def unsubscribe(w: World, s: str) -> dict:
    token = w.unsubscribe_token if s == "signed" else w.unsubscribe_token[:-4] + "AAAA"
    return {"token": token}


ANY = "-"  # the state of pages about no object
#          visitor member  pro  author  mod  suspended
ALL_200 = "200 200 200 200 200 200"
MEMBERS_200 = "L 200 200 200 200 200"
MEMBERS_302 = "L 302 302 302 302 302"
NOT_GET = "L 405 405 405 405 405"

SITE: dict[str, Spec] = {
    # --- site-wide -------------------------------------------------------------------------
    "home": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    # The home page's Following tab (issue 24): members only.
    "forums:home_following": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "healthz": Spec(none, {ANY: f"{ALL_200} | 405 405 405 405 405 405"}),
    "hello": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "security_txt": Spec(none, {ANY: f"{ALL_200} | 405 405 405 405 405 405"}),
    # Browsers post CSP violation reports without a session or a token: anyone, always 204.
    "csp_report": Spec(none, {ANY: "405 405 405 405 405 405 | 204 204 204 204 204 204"}),
    # The language switcher (issue 27): anyone may choose; a POST goes back where it came from.
    "set_language": Spec(none, {ANY: f"{ALL_200} | 302 302 302 302 302 302"}),
    # The scripts' translations, the same for everyone in one language.
    "javascript-catalog": Spec(none, {ANY: f"{ALL_200} | 405 405 405 405 405 405"}),
    "unsubscribe": Spec(
        unsubscribe,
        {
            # The signed token is the authority (RFC 8058 one-click), not the session.
            "signed": f"{ALL_200} | {ALL_200}",
            "forged": "404 404 404 404 404 404 | 404 404 404 404 404 404",
        },
    ),
    # --- forums: lists and forums --------------------------------------------------------
    "forums:index": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "forums:category": Spec(
        forum,
        {
            "public": f"{ALL_200} | {ALL_200}",
            "members": "404 200 200 200 200 200 | 404 200 200 200 200 200",
            "verified": "404 404 200 200 200 200 | 404 404 200 200 200 200",
        },
    ),
    "forums:new_thread": Spec(
        forum,
        {
            "public": "L 200 200 200 200 403 | 403 400 400 400 400 403",
            "members": "L 200 200 200 200 403 | 403 400 400 400 400 403",
            "verified": "L 404 200 200 200 403 | 403 404 400 400 400 403",
        },
    ),
    "forums:follow_forum": Spec(
        forum,
        {
            "public": f"{NOT_GET} | {MEMBERS_302}",
            "members": f"{NOT_GET} | {MEMBERS_302}",
            "verified": f"{NOT_GET} | L 404 302 302 302 302",
        },
    ),
    "forums:tag": Spec(tag, {"ecg": f"{ALL_200} | {ALL_200}"}),
    "forums:follow_tag": Spec(tag, {"ecg": f"{NOT_GET} | {MEMBERS_302}"}),
    "forums:search": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "forums:similar_threads": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "forums:save_draft": Spec(none, {ANY: f"{NOT_GET} | L 400 400 400 400 400"}),
    # The composer's helpers (issue 22). The live preview renders what it is sent (nothing
    # here); a suspended member may not post, so gets no preview either.
    "forums:preview": Spec(none, {ANY: f"{NOT_GET} | L 200 200 200 200 403"}),
    # Mention completion, for the thread being written in: 404 where the writer may not read.
    "forums:mentions": Spec(
        none,
        {
            "public": f"{MEMBERS_200} | L 405 405 405 405 405",
            "members": f"{MEMBERS_200} | L 405 405 405 405 405",
            "verified": "L 404 200 200 200 200 | L 405 405 405 405 405",
            "hidden": "L 404 404 404 200 404 | L 405 405 405 405 405",
            "case_hidden": "L 404 404 200 200 404 | L 405 405 405 405 405",
        },
        data=writing_in,
    ),
    # An upload with no file is refused (400) where the writer may add images; 404 where they
    # may not read, 403 where they read but may not write.
    "forums:upload_image": Spec(
        none,
        {
            "public": f"{NOT_GET} | L 400 400 400 400 403",
            "members": f"{NOT_GET} | L 400 400 400 400 403",
            "verified": f"{NOT_GET} | L 404 400 400 400 403",
            "hidden": f"{NOT_GET} | L 404 404 404 400 404",
            "case_hidden": f"{NOT_GET} | L 404 404 403 400 404",
        },
        data=writing_in,
    ),
    # Images in posts: whoever may read the post; before a post shows it, its uploader only.
    "forums:post_image": Spec(
        post_image,
        {
            "public": f"{ALL_200} | 405 405 405 405 405 405",
            "members": "404 200 200 200 200 200 | 405 405 405 405 405 405",
            "verified": "404 404 200 200 200 200 | 405 405 405 405 405 405",
            "hidden": "404 404 404 404 200 404 | 405 405 405 405 405 405",
            "hidden_post": "404 404 404 404 200 404 | 405 405 405 405 405 405",
            "case": "404 404 200 200 200 200 | 405 405 405 405 405 405",
            "unattached": "404 404 404 200 404 404 | 405 405 405 405 405 405",
        },
    ),
    "forums:notifications": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "forums:notifications_read_all": Spec(none, {ANY: f"{NOT_GET} | {MEMBERS_302}"}),
    "forums:notification_open": Spec(
        notification,
        # The author's own notification; anyone else's pk is unknown to them.
        {
            "author's": f"{NOT_GET} | L 404 404 302 404 404",
            # The professional's, about a hidden case's discussion: gone until the case is back.
            "hidden case": f"{NOT_GET} | L 404 404 404 404 404",
        },
    ),
    "forums:following": Spec(none, {ANY: f"{MEMBERS_200} | L 400 400 400 400 400"}),
    "forums:bookmarks": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    # Feeds are for readers without a session: only public forums, for everyone alike.
    "forums:feed_latest": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "forums:feed_latest_atom": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "forums:feed_forum": Spec(
        forum,
        {
            "public": f"{ALL_200} | {ALL_200}",
            "members": "404 404 404 404 404 404 | 404 404 404 404 404 404",
            "verified": "404 404 404 404 404 404 | 404 404 404 404 404 404",
        },
    ),
    "forums:feed_forum_atom": Spec(
        forum,
        {
            "public": f"{ALL_200} | {ALL_200}",
            "members": "404 404 404 404 404 404 | 404 404 404 404 404 404",
            "verified": "404 404 404 404 404 404 | 404 404 404 404 404 404",
        },
    ),
    "forums:feed_tag": Spec(tag, {"ecg": f"{ALL_200} | {ALL_200}"}),
    "forums:feed_tag_atom": Spec(tag, {"ecg": f"{ALL_200} | {ALL_200}"}),
    # --- forums: threads ---------------------------------------------------------------------
    "forums:thread": Spec(
        thread,
        {
            "public": f"{ALL_200} | {ALL_200}",
            "members": "404 200 200 200 200 200 | 404 200 200 200 200 200",
            "verified": "404 404 200 200 200 200 | 404 404 200 200 200 200",
            "hidden": "404 404 404 404 200 404 | 404 404 404 404 200 404",
            "case": "404 404 200 200 200 200 | 404 404 200 200 200 200",
            "redacted": "404 404 200 200 200 200 | 404 404 200 200 200 200",
            # The discussion of a hidden case (a privacy flag waits for review): its author and
            # moderators open it; only moderators act in it (reply, react, accept, edit).
            "case_hidden": "404 404 404 200 200 404 | 404 404 404 200 200 404",
        },
    ),
    "forums:first_unread": Spec(
        thread,
        {
            "public": "302 302 302 302 302 302 | 302 302 302 302 302 302",
            "members": "404 302 302 302 302 302 | 404 302 302 302 302 302",
            "verified": "404 404 302 302 302 302 | 404 404 302 302 302 302",
            "hidden": "404 404 404 404 302 404 | 404 404 404 404 302 404",
            "case": "404 404 302 302 302 302 | 404 404 302 302 302 302",
            "case_hidden": "404 404 404 302 302 404 | 404 404 404 302 302 404",
        },
    ),
    # A suspended member gets the suspension notice (403) before any lookup: same for any id.
    "forums:reply": Spec(
        thread,
        {
            "public": "L 200 200 200 200 403 | 403 400 400 400 400 403",
            "members": "L 200 200 200 200 403 | 403 400 400 400 400 403",
            "verified": "L 404 200 200 200 403 | 403 404 400 400 400 403",
            "hidden": "L 404 404 404 200 403 | 403 404 404 404 400 403",
            "case": "L 404 200 200 200 403 | 403 404 400 400 400 403",
            "case_hidden": "L 404 404 403 200 403 | 403 404 404 403 400 403",
        },
    ),
    "forums:watch": Spec(
        thread,
        {
            "public": f"{NOT_GET} | {MEMBERS_302}",
            "members": f"{NOT_GET} | {MEMBERS_302}",
            "verified": f"{NOT_GET} | L 404 302 302 302 302",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "case": f"{NOT_GET} | L 404 302 302 302 302",
            "case_hidden": f"{NOT_GET} | L 404 404 302 302 404",
        },
        data=lambda w, s: {"level": "watching"},
    ),
    "forums:moderate": Spec(
        thread,
        {
            "public": f"{NOT_GET} | L 403 403 403 302 403",
            "members": f"{NOT_GET} | L 403 403 403 302 403",
            "verified": f"{NOT_GET} | L 404 403 403 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "case": f"{NOT_GET} | L 404 403 403 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
        data=lambda w, s: {"action": "lock", "reason": "Matrix"},
    ),
    "forums:report_thread": Spec(
        thread,
        {
            "public": "L 200 200 200 200 200 | L 400 400 400 400 400",
            "members": "L 200 200 200 200 200 | L 400 400 400 400 400",
            "verified": "L 404 200 200 200 200 | L 404 400 400 400 400",
            "hidden": "L 404 404 404 200 404 | L 404 404 404 400 404",
            "case": "L 404 200 200 200 200 | L 404 400 400 400 400",
            "case_hidden": "L 404 404 200 200 404 | L 404 404 400 400 404",
        },
    ),
    # --- forums: polls (each thread has one by the author, "hidden_post"'s has none) --------
    # Who may reply may vote (not the suspended); the author or a moderator closes or removes
    # (in a hidden case's discussion only a moderator). Without a poll: 404 to everyone.
    "forums:poll_vote": Spec(
        thread,
        {
            "public": f"{NOT_GET} | L 302 302 302 302 403",
            "members": f"{NOT_GET} | L 302 302 302 302 403",
            "verified": f"{NOT_GET} | L 404 302 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 404 404 404 404 404",
            "case": f"{NOT_GET} | L 404 302 302 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
        data=lambda w, s: {"choice": "1"},
    ),
    "forums:poll_close": Spec(
        thread,
        {
            "public": f"{NOT_GET} | L 403 403 302 302 403",
            "members": f"{NOT_GET} | L 403 403 302 302 403",
            "verified": f"{NOT_GET} | L 404 403 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 404 404 404 404 404",
            "case": f"{NOT_GET} | L 404 403 302 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
    ),
    "forums:poll_remove": Spec(
        thread,
        {
            "public": f"{NOT_GET} | L 403 403 302 302 403",
            "members": f"{NOT_GET} | L 403 403 302 302 403",
            "verified": f"{NOT_GET} | L 404 403 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 404 404 404 404 404",
            "case": f"{NOT_GET} | L 404 403 302 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
        data=lambda w, s: {"reason": "Matrix"},
    ),
    # --- forums: posts (reply #2, written by the author) -------------------------------------
    "forums:post": Spec(
        post,
        {
            "public": "302 302 302 302 302 302 | 302 302 302 302 302 302",
            "members": "404 302 302 302 302 302 | 404 302 302 302 302 302",
            "verified": "404 404 302 302 302 302 | 404 404 302 302 302 302",
            "hidden": "404 404 404 404 302 404 | 404 404 404 404 302 404",
            "hidden_post": "302 302 302 302 302 302 | 302 302 302 302 302 302",
            "case": "404 404 302 302 302 302 | 404 404 302 302 302 302",
            "case_hidden": "404 404 404 302 302 404 | 404 404 404 302 302 404",
        },
    ),
    # Editing or deleting another member's post is refused; only moderators touch a hidden one.
    "forums:edit": Spec(
        post,
        {
            "public": "L 403 403 200 200 403 | 403 403 403 400 400 403",
            "members": "L 403 403 200 200 403 | 403 403 403 400 400 403",
            "verified": "L 404 403 200 200 403 | 403 404 403 400 400 403",
            "hidden": "L 404 404 404 200 403 | 403 404 404 404 400 403",
            "hidden_post": "L 403 403 403 200 403 | 403 403 403 403 400 403",
            "case": "L 404 403 200 200 403 | 403 404 403 400 400 403",
            "case_hidden": "L 404 404 403 200 403 | 403 404 404 403 400 403",
        },
    ),
    "forums:history": Spec(
        post,
        {
            "public": "403 403 403 200 200 403 | 403 403 403 200 200 403",
            "members": "404 403 403 200 200 403 | 404 403 403 200 200 403",
            "verified": "404 404 403 200 200 403 | 404 404 403 200 200 403",
            "hidden": "404 404 404 404 200 404 | 404 404 404 404 200 404",
            "hidden_post": "403 403 403 200 200 403 | 403 403 403 200 200 403",
            "case": "404 404 403 200 200 403 | 404 404 403 200 200 403",
            # The redacted reply is the professional's own, edited once before redaction.
            "redacted": "404 404 200 403 200 403 | 404 404 200 403 200 403",
            "case_hidden": "404 404 404 403 200 404 | 404 404 404 403 200 404",
        },
    ),
    "forums:delete": Spec(
        post,
        {
            "public": f"{NOT_GET} | L 403 403 302 302 403",
            "members": f"{NOT_GET} | L 403 403 302 302 403",
            "verified": f"{NOT_GET} | L 404 403 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 403 403 403 302 403",
            "case": f"{NOT_GET} | L 404 403 302 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
    ),
    "forums:react": Spec(
        post,
        {
            "public": f"{NOT_GET} | L 302 302 403 302 403",
            "members": f"{NOT_GET} | L 302 302 403 302 403",
            "verified": f"{NOT_GET} | L 404 302 403 302 403",
            # Moderators open hidden threads, and may react there; hidden posts take none.
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 403 403 403 403 403",
            "case": f"{NOT_GET} | L 404 302 403 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
    ),
    "forums:accept": Spec(
        post,
        {
            "public": f"{NOT_GET} | L 403 403 302 302 403",
            "members": f"{NOT_GET} | L 403 403 302 302 403",
            "verified": f"{NOT_GET} | L 404 403 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 403 403 403 403 403",
            "case": f"{NOT_GET} | L 404 403 302 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
    ),
    "forums:bookmark": Spec(
        post,
        {
            "public": f"{NOT_GET} | {MEMBERS_302}",
            "members": f"{NOT_GET} | {MEMBERS_302}",
            "verified": f"{NOT_GET} | L 404 302 302 302 302",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 403 403 403 302 403",
            "case": f"{NOT_GET} | L 404 302 302 302 302",
            "case_hidden": f"{NOT_GET} | L 404 404 302 302 404",
        },
    ),
    "forums:hide_post": Spec(
        post,
        {
            "public": f"{NOT_GET} | L 403 403 403 302 403",
            "members": f"{NOT_GET} | L 403 403 403 302 403",
            "verified": f"{NOT_GET} | L 404 403 403 302 403",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "hidden_post": f"{NOT_GET} | L 403 403 403 302 403",
            "case": f"{NOT_GET} | L 404 403 403 302 403",
            "case_hidden": f"{NOT_GET} | L 404 404 403 302 404",
        },
    ),
    "forums:report_post": Spec(
        post,
        {
            "public": "L 200 200 200 200 200 | L 400 400 400 400 400",
            "members": "L 200 200 200 200 200 | L 400 400 400 400 400",
            "verified": "L 404 200 200 200 200 | L 404 400 400 400 400",
            "hidden": "L 404 404 404 200 404 | L 404 404 404 400 404",
            "hidden_post": "L 200 200 200 200 200 | L 400 400 400 400 400",
            "case": "L 404 200 200 200 200 | L 404 400 400 400 400",
            "case_hidden": "L 404 404 200 200 404 | L 404 404 400 400 404",
        },
    ),
    # --- cases ----------------------------------------------------------------------------
    "cases:list": Spec(none, {ANY: f"{ALL_200} | {ALL_200}"}),
    "cases:new": Spec(none, {ANY: "L 403 200 200 200 403 | L 403 200 200 200 403"}),
    "cases:detail": Spec(
        case_page,
        {
            "draft": "404 404 404 200 200 404 | 404 404 404 200 200 404",
            "pending": "404 404 404 200 200 404 | 404 404 404 200 200 404",
            "published": "404 404 200 200 200 200 | 404 404 200 200 200 200",
            "hidden": "404 404 404 200 200 404 | 404 404 404 200 200 404",
            "redacted": "404 404 200 200 200 200 | 404 404 200 200 200 200",
        },
    ),
}

# The case pages only its author works on: edit, quiz, images, outcome.
for _name in ("cases:quiz", "cases:images"):
    SITE[_name] = Spec(
        case,
        {
            "draft": "L 404 404 200 403 404 | L 404 404 200 403 404",
            "pending": "L 404 404 200 403 404 | L 404 404 200 403 404",
            "published": "L 404 403 200 403 403 | L 404 403 200 403 403",
            "hidden": "L 404 404 200 403 404 | L 404 404 200 403 404",
            "redacted": "L 404 403 200 403 403 | L 404 403 200 403 403",
        },
    )
# Where a suspended member could be writing (edit, outcome), they get the page that says why
# and keeps their text before any case is looked up: 403 for every id, so none leaks.
for _name in ("cases:edit", "cases:outcome"):
    SITE[_name] = Spec(
        case,
        {
            "draft": "L 404 404 200 403 403 | L 404 404 200 403 403",
            "pending": "L 404 404 200 403 403 | L 404 404 200 403 403",
            "published": "L 404 403 200 403 403 | L 404 403 200 403 403",
            "hidden": "L 404 404 200 403 403 | L 404 404 200 403 403",
            "redacted": "L 404 403 200 403 403 | L 404 403 200 403 403",
        },
    )
SITE["cases:report"] = Spec(
    case,
    {
        "draft": "L 404 404 200 200 404 | L 404 404 400 400 404",
        "pending": "L 404 404 200 200 404 | L 404 404 400 400 404",
        "published": "L 404 200 200 200 200 | L 404 400 400 400 400",
        "hidden": "L 404 404 200 200 404 | L 404 404 400 400 404",
        "redacted": "L 404 200 200 200 200 | L 404 400 400 400 400",
    },
)

SITE |= {
    # Submitting: a published or pending case goes back to its page with a message.
    "cases:submit": Spec(
        case,
        {
            "draft": "L 404 404 200 403 404 | L 404 404 200 403 404",
            "pending": "L 404 404 302 403 404 | L 404 404 302 403 404",
            "published": "L 404 403 302 403 403 | L 404 403 302 403 403",
            "hidden": "L 404 404 302 403 404 | L 404 404 302 403 404",
            "redacted": "L 404 403 302 403 403 | L 404 403 302 403 403",
        },
    ),
    # Taking part (vote, reply, flag): verified professionals who may post, published cases.
    "cases:vote": Spec(
        case,
        {
            "draft": f"{NOT_GET} | L 404 404 403 403 404",
            "pending": f"{NOT_GET} | L 404 404 403 403 404",
            "published": f"{NOT_GET} | L 404 302 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 403 403 404",
            "redacted": f"{NOT_GET} | L 404 302 302 302 403",
        },
    ),
    "cases:reply": Spec(
        case,
        {
            "draft": "L 404 404 403 403 403 | L 404 404 403 403 403",
            "pending": "L 404 404 403 403 403 | L 404 404 403 403 403",
            "published": "L 404 200 200 200 403 | L 404 200 200 200 403",
            "hidden": "L 404 404 403 403 403 | L 404 404 403 403 403",
            "redacted": "L 404 200 200 200 403 | L 404 200 200 200 403",
        },
    ),
    "cases:flag": Spec(
        lambda w, s: case(w, "published" if s == "foreign_post" else s),
        {
            "draft": f"{NOT_GET} | L 404 404 403 403 404",
            "pending": f"{NOT_GET} | L 404 404 403 403 404",
            "published": f"{NOT_GET} | L 404 302 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 403 403 404",
            "redacted": f"{NOT_GET} | L 404 302 302 302 403",
            # A post id from a forum thread, not this case's discussion: not found.
            "foreign_post": f"{NOT_GET} | L 404 404 404 404 403",
        },
        data=lambda w, s: (
            {"reason": "Names the ward", "post": w.posts["public"].pk}
            if s == "foreign_post"
            else {}
        ),
    ),
    # Revealing the answer: the author or a moderator, on a published case.
    "cases:reveal": Spec(
        case,
        {
            "draft": f"{NOT_GET} | L 404 404 403 403 404",
            "pending": f"{NOT_GET} | L 404 404 403 403 404",
            "published": f"{NOT_GET} | L 404 403 302 302 403",
            "hidden": f"{NOT_GET} | L 404 404 302 302 404",
            "redacted": f"{NOT_GET} | L 404 403 302 302 403",
        },
    ),
    # Images: served to whoever may see the case; never through another case's URL.
    "cases:image": Spec(
        image,
        {
            "published": "404 404 200 200 200 200 | 405 405 405 405 405 405",
            "draft": "404 404 404 200 200 404 | 405 405 405 405 405 405",
            "other_case": "404 404 404 404 404 404 | 405 405 405 405 405 405",
        },
    ),
    "cases:image_delete": Spec(
        image,
        {
            "published": f"{NOT_GET} | L 404 403 302 403 403",
            "draft": f"{NOT_GET} | L 404 404 302 403 404",
            "other_case": f"{NOT_GET} | L 404 403 404 403 403",
        },
    ),
    # The author blacks out or keeps an image's findings; an empty form comes back with errors.
    "cases:image_review": Spec(
        image,
        {
            "published": f"{NOT_GET} | L 404 403 200 403 403",
            "draft": f"{NOT_GET} | L 404 404 200 403 404",
            "other_case": f"{NOT_GET} | L 404 403 404 403 403",
        },
    ),
    # --- the learning log (issue 26): each member's own, nobody else's ----------------------
    "learning:log": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "learning:suggestions": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "learning:summary": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "learning:prompt": Spec(none, {ANY: f"{NOT_GET} | {MEMBERS_302}"}),
    # An empty export form comes back with its errors.
    "learning:export": Spec(none, {ANY: f"{MEMBERS_200} | L 400 400 400 400 400"}),
    # Any thread the member may read goes in their log (a suspended member reads, and logs).
    "learning:add": Spec(
        learning_thread,
        {
            "public": f"{NOT_GET} | {MEMBERS_302}",
            "members": f"{NOT_GET} | {MEMBERS_302}",
            "verified": f"{NOT_GET} | L 404 302 302 302 302",
            "hidden": f"{NOT_GET} | L 404 404 404 302 404",
            "case": f"{NOT_GET} | L 404 302 302 302 302",
            "case_hidden": f"{NOT_GET} | L 404 404 302 302 404",
        },
    ),
    # The author's entry: theirs alone, moderators included (an empty save is refused: 400).
    "learning:entry": Spec(
        learning_entry, {"author's": "L 404 404 200 404 404 | L 404 404 400 404 404"}
    ),
    "learning:delete": Spec(learning_entry, {"author's": f"{NOT_GET} | L 404 404 302 404 404"}),
    # For an appraiser without an account: the signed link is the authority, reads only.
    "learning:verify": Spec(
        learning_token,
        {
            "signed": f"{ALL_200} | 405 405 405 405 405 405",
            "forged": "404 404 404 404 404 404 | 405 405 405 405 405 405",
        },
    ),
    # The weekly prompt's one-click stop (RFC 8058), like the unsubscribe link.
    "learning:stop_prompt": Spec(
        learning_stop,
        {
            "signed": f"{ALL_200} | {ALL_200}",
            "forged": "404 404 404 404 404 404 | 404 404 404 404 404 404",
        },
    ),
    # --- private consults (issue 25) -------------------------------------------------------
    # Members only; a conversation answers its current participants alone (404 to everyone
    # else, moderators included: they see reported messages in the admin, each look logged).
    # "participant": the author's, with the professional and the suspended member; "left":
    # one the author left. A suspended participant reads but does not write (403).
    "forums:consults": Spec(none, {ANY: f"{MEMBERS_200} | {NOT_GET}"}),
    "forums:consult_new": Spec(none, {ANY: f"{MEMBERS_200} | L 400 400 400 400 403"}),
    "forums:consult_search": Spec(none, {ANY: f"{MEMBERS_200} | {NOT_GET}"}),
    "forums:consult_blocked": Spec(none, {ANY: f"{MEMBERS_200} | {NOT_GET}"}),
    # Blocking a member: POST only; the author blocking themselves is told why, on the profile.
    "forums:consult_block": Spec(
        handle,
        {
            "active": f"{NOT_GET} | {MEMBERS_302}",
            "deleted": f"{NOT_GET} | L 404 404 404 404 404",
        },
    ),
    "forums:consult": Spec(
        conversation,
        {
            "participant": f"L 404 200 200 404 200 | {NOT_GET}",
            "left": f"L 404 200 404 404 404 | {NOT_GET}",
        },
    ),
    # An empty reply or "add" comes back with its error (400).
    "forums:consult_reply": Spec(
        conversation,
        {
            "participant": f"{NOT_GET} | L 404 400 400 404 403",
            "left": f"{NOT_GET} | L 404 400 404 404 404",
        },
    ),
    "forums:consult_add": Spec(
        conversation,
        {
            "participant": f"{NOT_GET} | L 404 400 400 404 400",
            "left": f"{NOT_GET} | L 404 400 404 404 404",
        },
    ),
    "forums:consult_leave": Spec(
        conversation,
        {
            "participant": f"{NOT_GET} | L 404 302 302 404 302",
            "left": f"{NOT_GET} | L 404 302 404 404 404",
        },
    ),
    "forums:consult_archive": Spec(
        conversation,
        {
            "participant": f"{NOT_GET} | L 404 302 302 404 302",
            "left": f"{NOT_GET} | L 404 302 404 404 404",
        },
    ),
    "forums:consult_delete": Spec(
        conversation,
        {
            "participant": f"{NOT_GET} | L 404 302 302 404 302",
            "left": f"{NOT_GET} | L 404 302 404 404 404",
        },
    ),
    # Images in messages: the participants who can see the message; unsent, its uploader.
    "forums:consult_image": Spec(
        message_image,
        {
            "participant": f"L 404 200 200 404 200 | {NOT_GET}",
            "unattached": f"L 404 404 200 404 404 | {NOT_GET}",
        },
    ),
    # Reporting a message (an empty report names its missing reason: 400).
    "forums:consult_report": Spec(
        message,
        {
            "participant": "L 404 200 200 404 200 | L 404 400 400 404 400",
            "left": "L 404 200 404 404 404 | L 404 400 404 404 404",
        },
    ),
    # --- accounts ---------------------------------------------------------------------------
    "accounts:profile": Spec(
        profile,
        {
            "active": f"{ALL_200} | {ALL_200}",
            "deleted": "404 404 404 404 200 404 | 404 404 404 404 200 404",
        },
    ),
    # Following a member (issue 24): POST only; following oneself or a deactivated member
    # comes back to the profile with a message.
    "accounts:follow": Spec(
        profile,
        {
            "active": f"{NOT_GET} | {MEMBERS_302}",
            "deleted": f"{NOT_GET} | L 404 404 404 302 404",
        },
    ),
    # A member's list of followers: theirs alone (others see the count on the profile).
    "accounts:followers": Spec(
        profile,
        {
            "active": "L 404 404 200 404 404 | L 404 404 200 404 404",
            "deleted": "L 404 404 404 404 404 | L 404 404 404 404 404",
        },
    ),
    "accounts:directory": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "accounts:avatar": Spec(
        avatar,
        {
            "own": f"{ALL_200} | 405 405 405 405 405 405",
            "other_member": "404 404 404 404 404 404 | 405 405 405 405 405 405",
        },
    ),
    "accounts:settings": Spec(none, {ANY: f"{MEMBERS_302} | {MEMBERS_302}"}),
    "accounts:settings_profile": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "accounts:settings_preferences": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "accounts:settings_verification": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "accounts:verification_evidence": Spec(
        evidence, {"member's": "L 403 403 403 200 403 | L 403 403 403 200 403"}
    ),
    "accounts:settings_data": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_200}"}),
    "accounts:export_data": Spec(none, {ANY: f"{NOT_GET} | {MEMBERS_200}"}),
    # A member's own warnings; posting marks them read and comes back to the page.
    "accounts:warnings": Spec(none, {ANY: f"{MEMBERS_200} | {MEMBERS_302}"}),
}


# --- walking the resolver ---------------------------------------------------------------------


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(route, name) for every pattern the site answers, allauth and admin included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name


def is_admin(route: str) -> bool:
    return route.startswith("admin/")


def is_allauth(route: str) -> bool:
    return route.startswith("accounts/")


def site_patterns() -> dict[str | None, str]:
    """URL name -> route for every pattern of our own apps (an unnamed one maps None)."""
    return {
        name: route
        for route, name in url_patterns()
        if not is_admin(route) and not is_allauth(route)
    }


def rows_missing() -> tuple[list[str], list[str], list]:
    """(unnamed routes, URL names without a row, rows for URLs that are gone)."""
    site = site_patterns()
    unnamed = [route for route, name in url_patterns() if not name and not is_admin(route)]
    return unnamed, sorted(set(site) - set(SITE)), sorted(set(SITE) - set(site))


def test_every_site_url_pattern_has_expectations():
    unnamed, missing, stale = rows_missing()
    assert not unnamed, f"name these URL patterns so the matrix can cover them: {unnamed}"
    assert not missing, f"add these URLs to the access matrix (SITE): {missing}"
    assert not stale, f"these URLs are gone; remove them from SITE: {stale}"


@override_settings(ROOT_URLCONF="tests.security.extra_urls")
def test_a_new_view_without_a_row_is_caught():
    assert rows_missing() == ([], ["surprise"], [])


def test_the_walk_finds_admin_and_allauth_patterns_too():
    routes = [route for route, _name in url_patterns()]
    assert any(is_admin(r) for r in routes)
    assert any(is_allauth(r) for r in routes)
    assert len(site_patterns()) == len(SITE)


# --- the world and the requests ---------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, in a transaction rolled back at the end (files under tmp)."""
    root = tmp_path_factory.mktemp("matrix")
    private = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "private": {**private, "OPTIONS": {"location": root / "private", "base_url": None}},
    }
    with (
        override_settings(
            MEDIA_ROOT=root / "media", CASES_PRIVATE_ROOT=root / "cases", STORAGES=storages
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
    shutil.rmtree(root, ignore_errors=True)


def parse(row: str) -> tuple[list[str], list[str]]:
    get, post_ = (half.split() for half in row.split("|"))
    assert len(get) == len(post_) == len(ROLES), row
    return get, post_


def observed(response) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(LOGIN_PATH):
            return "L"
        if location.startswith(ADMIN_LOGIN_PATH):
            return "A"
    return str(response.status_code)


def fetch(client, method: str, url: str, data: dict):
    """One request in a savepoint that is rolled back: the next cell sees the same world."""
    with transaction.atomic():
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def inline_code(response) -> list[str]:
    """Markup a strict CSP would block, or that runs code, in an HTML page."""
    if response.status_code not in {200, 400} or "text/html" not in response["Content-Type"]:
        return []
    problems = []
    for tag, attributes in elements(response.content.decode()):
        names = {name for name, _value in attributes}
        if tag == "script" and "src" not in names:
            problems.append("an inline <script>")
        if tag == "style":
            problems.append("a <style> element")
        for name, value in attributes:
            if name.startswith("on") or name == "style":
                problems.append(f"a {name} attribute on <{tag}>")
            scheme = value.strip().lower().split(":", 1)[0]
            if name in URL_ATTRIBUTES and ":" in value and scheme in BAD_SCHEMES:
                problems.append(f"{name}={value!r} on <{tag}>")
    return problems


REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def missing_headers(response) -> list[str]:
    """The security headers every answer carries, whatever its status (test_headers.py checks
    the directives of the site CSP in detail; uploads carry their own sandboxing one)."""
    problems = [
        f"{name}: {response.get(name)!r}"
        for name, value in REQUIRED_HEADERS.items()
        if response.get(name) != value
    ]
    csp = response.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" not in csp or "unsafe-" in csp:
        problems.append(f"Content-Security-Policy: {csp!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("Permissions-Policy")
    return problems


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "xlink:href", "data"}
BAD_SCHEMES = {"javascript", "vbscript", "data"}


def leaks_redacted_text(response) -> bool:
    content = b"" if response.streaming else response.content
    return REDACTED_SECRET.encode() in content


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SITE))
def test_access_matrix(world, name):
    spec = SITE[name]
    wrong = []
    for state, row in spec.rows.items():
        url = reverse(name, kwargs=spec.kwargs(world, state))
        data = spec.data(world, state)
        for method, expected in zip(("get", "post"), parse(row), strict=True):
            for role, want in zip(ROLES, expected, strict=True):
                response = fetch(world.clients[role], method, url, data)
                got = observed(response)
                if got != want:
                    wrong.append(f"{method.upper()} {url} [{state}] as {role}: {got}, want {want}")
                if leaks_redacted_text(response):
                    wrong.append(f"{method.upper()} {url} as {role} shows redacted text")
                for problem in inline_code(response):
                    wrong.append(f"{method.upper()} {url} as {role} carries {problem}")
                for problem in missing_headers(response):
                    wrong.append(f"{method.upper()} {url} as {role} lacks {problem}")
    assert not wrong, "\n".join(wrong)


# --- a hidden case, beyond its thread page ---------------------------------------------------
#
# Per role, in ROLES order: "+" the role is shown something of the hidden case's discussion
# there, "-" nothing, "L" sent to sign in. Its thread page and every action on it are rows of
# SITE (state "case_hidden"). Lists, search, feeds, digests and email are shared or leave the
# site, so they show it to nobody; the notifications page shows each member their own, and the
# author may still open the discussion, so theirs stay.
HIDDEN_CASE_ELSEWHERE = {
    "search": "- - - - - -",
    "feeds": "- - - - - -",
    "forum page": "- - - - - -",
    "notifications": "L - - + - -",
    "digest": "- - - - - -",
    "email": "- - - - - -",
}


def _shows_hidden_case(world, text: str, *, title: bool = True) -> bool:
    """Whether ``text`` shows the hidden case's discussion: its reply (a search snippet marks
    the words it matched, so its end), a link to it, or, where only the discussion could bring
    it, the case's title, which is the thread's."""
    thread = world.threads["case_hidden"]
    needles = [HIDDEN_CASE_REPLY.split("bolus ")[1], f"/t/{thread.pk}-"]
    return any(needle in text for needle in [*needles, *([HIDDEN_CASE_TITLE] if title else [])])


def _hidden_case_elsewhere(world, role: str) -> dict[str, str]:
    from forums.mail import digests

    client, user = world.clients[role], world.users[role]
    thread = world.threads["case_hidden"]

    def page(url: str, *, title: bool = True) -> str:
        response = fetch(client, "get", url, {})
        if observed(response) == "L":
            return "L"
        return "+" if _shows_hidden_case(world, response.content.decode(), title=title) else "-"

    feeds = [reverse(name) for name in ("forums:feed_latest", "forums:feed_latest_atom")]
    feeds += [
        reverse(name, kwargs={"slug": thread.category.slug})
        for name in ("forums:feed_forum", "forums:feed_forum_atom")
    ]
    found = {
        # Its reply's words and its title, typed by anyone. The case itself, which its author
        # and moderators may see, may come up by its title: only the discussion is looked for.
        "search": max(
            page("/search/?q=amiodarone+bolus", title=False),
            page("/search/?q=flagged+case", title=False),
        ),
        "feeds": "+" if any(page(url) == "+" for url in feeds) else "-",
        "forum page": page(thread.category.get_absolute_url()),
        "notifications": page(reverse("forums:notifications")),
        "digest": "-",
        "email": "-",
    }
    if user.is_authenticated:
        now = timezone.now() + timedelta(minutes=1)
        window = digests.Window(user=user, since=now - timedelta(days=2), until=now)
        with transaction.atomic():
            # Everyone watches it, as the professional and the author already do.
            following.set_watch_level(thread, user=user, level="watching")
            built = digests.build_digests([window]).get(user.pk)
            transaction.set_rollback(True)
        items = [] if built is None else [*built.new_threads, *built.watched, *built.active]
        if any(_shows_hidden_case(world, f"{item.title} {item.url}") for item in items):
            found["digest"] = "+"
    return found


@pytest.mark.django_db
def test_a_hidden_case_shows_nowhere_but_its_thread_page_for_its_author_and_moderators(world):
    wrong = []
    for i, role in enumerate(ROLES):
        got = _hidden_case_elsewhere(world, role)
        for where, row in HIDDEN_CASE_ELSEWHERE.items():
            if where == "email":
                continue
            if got[where] != row.split()[i]:
                wrong.append(f"{where} as {role}: {got[where]}, want {row.split()[i]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_nothing_is_emailed_about_a_hidden_case_discussion(
    world, django_capture_on_commit_callbacks
):
    """The professional watches it and the author started it; a moderator replies there and
    mentions every role: nobody gets an email (it is the "email" row of the table above)."""
    from forums.posting import create_reply

    handles = " ".join(f"@{u.handle}" for u in world.users.values() if u.is_authenticated)
    hidden = world.threads["case_hidden"]
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            create_reply(
                thread=hidden,
                author=world.users["moderator"],
                body=f"Reviewing this now, {handles}.",
            )
        about_hidden = set(Notification.objects.filter(thread=hidden).values_list("pk", flat=True))
        transaction.set_rollback(True)
    assert HIDDEN_CASE_ELSEWHERE["email"] == "- - - - - -"
    assert about_hidden  # the reply notified the watcher, the author and the mentioned
    # A member's waiting notifications go as one email (issue 23's batching), so the world's
    # earlier, visible ones may go now; none about the hidden discussion may.
    carried = {
        int(pk)
        for message in mail.outbox
        for pk in message.extra_headers.get("X-Rounds-Notifications", "").split()
    }
    assert not carried & about_hidden
    assert all("Reviewing this now" not in message.body for message in mail.outbox)


# --- admin and allauth: one rule each -------------------------------------------------------


def fill(route: str) -> str:
    """A concrete path for a route: every converter gets "1", regex groups a plausible value."""
    path = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1-x", path)
    return "/" + path.replace("^", "").replace("$", "")


@pytest.mark.django_db
def test_admin_answers_no_one_but_staff(world):
    """Every admin URL, GET and POST, sends non-staff to the admin sign-in (which hands over to
    allauth and its two-factor step) or answers 404."""
    wrong = []
    admin_routes = [route for route, _name in url_patterns() if is_admin(route)]
    assert len(admin_routes) > 20
    for route in admin_routes:
        url = fill(route)
        if url.startswith(ADMIN_LOGIN_PATH) or url.startswith("/admin/logout/"):
            continue
        # Non-staff roles share one code path; the most trusted of them stands for the rest.
        for role in ("visitor", "professional"):
            for method in ("get", "post"):
                got = observed(fetch(world.clients[role], method, url, {}))
                if got not in {"A", "404"}:
                    wrong.append(f"{method.upper()} {url} as {role}: {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_moderators_in_admin_hold_only_the_moderation_permissions(world):
    """Staff are moderators, not admins: they may not raise anyone's rights, their own included."""
    moderator = world.clients["moderator"]
    member_page = f"/admin/accounts/user/{world.users['member'].pk}/change/"
    own_page = f"/admin/accounts/user/{world.users['moderator'].pk}/change/"
    assert fetch(moderator, "get", "/admin/", {}).status_code == 200
    assert fetch(moderator, "get", member_page, {}).status_code == 200  # view only
    for page in (member_page, own_page):
        escalate = {"is_superuser": "on", "is_staff": "on", "email": "x@example.org"}
        assert fetch(moderator, "post", page, escalate).status_code == 403
    for url in ("/admin/auth/group/", "/admin/auth/group/add/", "/admin/accounts/user/add/"):
        assert fetch(moderator, "get", url, {}).status_code == 403, url
    world.users["moderator"].refresh_from_db()
    assert not world.users["moderator"].is_superuser


ALLAUTH_SIGNED_IN_ONLY = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}


@pytest.mark.django_db
def test_allauth_pages_never_fail_and_keep_signed_in_pages_for_members(world):
    wrong = []
    routes = [(route, name) for route, name in url_patterns() if is_allauth(route)]
    assert {name for _route, name in routes} >= ALLAUTH_SIGNED_IN_ONLY
    for route, name in routes:
        url = fill(route)
        for role in ("visitor", "member"):
            for method in ("get", "post"):
                response = fetch(world.clients[role], method, url, {})
                got = observed(response)
                if response.status_code >= 500:
                    wrong.append(f"{method.upper()} {url} as {role}: {got}")
                # Visitors are sent to sign in (a POST may instead be refused outright).
                allowed = {"L"} if method == "get" else {"L", "400", "403"}
                if role == "visitor" and name in ALLAUTH_SIGNED_IN_ONLY and got not in allowed:
                    wrong.append(f"{method.upper()} {url} as visitor: {got}, want L")
    assert not wrong, "\n".join(wrong)


# --- contributions on profiles, the professions-taking-part filter (issue 24) -----------------


def _contribution_counts(html: str) -> dict[str, str]:
    section = html[html.index('<section class="contributions"') :]
    return dict(
        re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", section[: section.index("</section>")])
    )


@pytest.mark.django_db
def test_every_role_sees_the_same_contribution_counts_of_published_content_only(world):
    """The author's profile, for every role: the published cases (the "published" one and the
    "redacted" one, restored) count; the draft, the pending case and the hidden case do not,
    and their titles never show. The same numbers for everyone: counts of published items."""
    seen = set()
    for role in ROLES:
        response = fetch(world.clients[role], "get", "/u/author/", {})
        assert response.status_code == 200, role
        html = response.content.decode()
        counts = _contribution_counts(html)
        assert counts["Cases shared"] == "2", (role, counts)
        # (Published cases may show among forums' recent threads, to those who may read them.)
        for state in ("draft", "pending", "hidden"):
            assert world.cases[state].title not in html, (role, state)
        seen.add(tuple(sorted(counts.items())))
    assert len(seen) == 1


@pytest.mark.django_db
def test_the_profession_filter_lists_only_what_each_role_may_read(world):
    """``?profession=`` on the case list and a forum page narrows what the role already sees;
    it never adds a hidden case or a hidden thread."""
    with transaction.atomic():  # the world is shared by the module: put it back after
        wrong = _profession_filter_leaks(world)
        transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)


def _profession_filter_leaks(world) -> list[str]:
    from accounts.models import Profile
    from forums.models import Thread
    from forums.posting.activity import recount_participants

    # The author (of every case and thread here) is a nurse: every filter matches them.
    Profile.objects.update_or_create(user=world.users["author"], defaults={"profession": "nurse"})
    recount_participants(list(Thread.objects.values_list("pk", flat=True)))
    wrong = []
    for role in ROLES:
        client = world.clients[role]
        # The listed rows (an author also sees their own hidden cases, apart, as theirs).
        cases = {
            c.title for c in fetch(client, "get", "/cases/?profession=nurse", {}).context["cases"]
        }
        everything = {c.title for c in fetch(client, "get", "/cases/", {}).context["cases"]}
        if HIDDEN_CASE_TITLE in cases:
            wrong.append(f"hidden case listed to {role}")
        if cases - everything:
            wrong.append(f"{cases - everything} added for {role}")
        url = world.forums["public"].get_absolute_url() + "?profession=nurse"
        forum = fetch(client, "get", url, {}).content.decode()
        if "A hidden thread" in forum:
            wrong.append(f"hidden thread listed to {role}")
        if role != "visitor" and "One reply hidden" not in forum:
            wrong.append(f"the author's thread missing for {role}")
    shown = fetch(world.clients["professional"], "get", "/cases/?profession=nurse", {})
    if world.cases["published"].title not in {c.title for c in shown.context["cases"]}:
        wrong.append("the professional does not find the nurse's published case")
    return wrong

"""Reads for the case pages: one selector per page owns every join and prefetch."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from accounts.permissions import is_moderator, is_verified_professional, visible_forum_levels
from cases.models import (
    Case,
    CaseImage,
    CaseStatus,
    ImageCheck,
    KeptFinding,
    QuizOption,
    QuizVote,
)
from forums.models import Post
from forums.selectors.common import AUTHOR_DEFERRED, Page, prefetch_tags, reads_for
from forums.selectors.thread_pages import thread_posts
from forums.sharing.cache import shared_by_level

CASES_PER_PAGE = 20
SORTS = {
    "newest": ("-published_at", "-pk"),
    # Most active: most replies first, then the most recent reply.
    "active": ("-thread__post_count", "-thread__last_posted_at", "-pk"),
}
STATUS_FILTERS = {
    "unanswered": Q(thread__post_count__lte=1),
    "revealed": Q(revealed_at__isnull=False, outcome_posted_at=None),
    "outcome": Q(outcome_posted_at__isnull=False),
}


@dataclass
class CaseFilters:
    specialty: str = ""
    tag: str = ""
    status: str = ""
    sort: str = "newest"
    profession: str = ""  # one of accounts.models.Profession, checked by the page


def case_list(*, user, filters: CaseFilters, page: int) -> tuple[list[Case], Page]:
    """Published cases the user may read, filtered and sorted. No COUNT: one extra row tells
    whether a next page exists (counting 10,000 cases cost more than reading the page)."""
    qs = Case.objects.visible_to(user).published()
    if filters.specialty:
        qs = qs.filter(specialty=filters.specialty)
    if filters.tag:
        qs = qs.filter(tags__slug=filters.tag)
    if filters.status in STATUS_FILTERS:
        qs = qs.filter(STATUS_FILTERS[filters.status])
    if filters.profession:
        # Kept on the discussion thread by the posting services (GIN-indexed): the author and
        # everyone who replied.
        qs = qs.filter(thread__participant_professions__contains=[filters.profession])
    page = max(page, 1)
    start = (page - 1) * CASES_PER_PAGE
    rows = list(
        qs.select_related("author", "thread").order_by(*SORTS.get(filters.sort, SORTS["newest"]))[
            start : start + CASES_PER_PAGE + 1
        ]
    )
    more = len(rows) > CASES_PER_PAGE
    return prefetch_tags(rows[:CASES_PER_PAGE]), Page(page, page + 1 if more else page)


def my_cases(*, user) -> list[Case]:
    """The author's own cases readers do not see: drafts, waiting, returned, and published ones
    hidden by a patient-privacy flag (shown to them as under review, not gone), with what the
    list shows of each (cases/includes/my_cases.html). One query; plain SQL, like the forums'
    ``own_state``: it runs on every case list a member opens (cases.pages.browse.CaseListPage).
    """
    if not user.is_authenticated:
        return []
    with reads_for(Case).cursor() as cursor:
        cursor.execute(_MY_CASES_SQL, {"author": user.pk, "published": CaseStatus.PUBLISHED})
        return [
            Case(pk=pk, title=title, slug=slug, status=status, is_hidden=is_hidden)
            for pk, title, slug, status, is_hidden in cursor.fetchall()
        ]


_MY_CASES_SQL = f"""
SELECT id, title, slug, status, is_hidden FROM {Case._meta.db_table}
 WHERE author_id = %(author)s AND NOT (status = %(published)s AND NOT is_hidden)
 ORDER BY created_at DESC LIMIT 50
"""  # noqa: S608 - the table name from the model, values bound as parameters


@dataclass
class CasePage:
    case: Case
    posts: list[Post]
    page: Page | None
    my_vote: QuizVote | None
    total_votes: int
    kept_findings: list[KeptFinding] = field(default_factory=list)


def case_page(*, case_id: int, user, page: int, with_kept: bool = False) -> CasePage | None:
    """Everything the case page shows, or None when the user may not see the case.

    A published case that is not hidden reads the same for every verified reader, so for them
    (moderators apart: they see kept findings and hidden cases) the case, its images, quiz and
    page of replies are shared from the cache like the forum pages
    (``forums.sharing.cache.shared_by_level``: retired by any change to a case or a post, votes and
    reveals included). Only the reader's own vote is read per request.
    """
    loaded = None
    if is_verified_professional(user) and not is_moderator(user):
        loaded = shared_by_level(
            f"case-page:{case_id}:{page}",
            visible_forum_levels(user),
            lambda: _load_case(Case.objects.published(), case_id=case_id, page=page),
        )
    if loaded is None:  # not published, hidden, or a reader the shared page is not for
        loaded = _load_case(Case.objects.visible_to(user), case_id=case_id, page=page)
    if loaded is None:
        return None
    case, posts, posts_page = loaded
    my_vote = None
    options = list(case.quiz_options.all())
    if options and user.is_authenticated:
        my_vote = QuizVote.objects.filter(case=case, voter=user).first()
    kept = (
        list(case.kept_findings.select_related("kept_by").order_by("created_at"))
        if with_kept
        else []
    )
    return CasePage(
        case=case,
        posts=posts,
        page=posts_page,
        my_vote=my_vote,
        total_votes=sum(option.vote_count for option in options),
        kept_findings=kept,
    )


def published_case_page(*, case_id: int, page: int) -> CasePage | None:
    """The case page as every verified reader who neither wrote the case nor voted sees it (the
    shared case page, ``cases.pages.browse.CasePage``): a published case that no privacy flag
    hides, or None."""
    loaded = _load_case(Case.objects.published(), case_id=case_id, page=page)
    if loaded is None:
        return None
    case, posts, posts_page = loaded
    options = list(case.quiz_options.all())
    return CasePage(
        case=case,
        posts=posts,
        page=posts_page,
        my_vote=None,
        total_votes=sum(option.vote_count for option in options),
    )


def my_vote_option(*, case_id: int, user) -> int | None:
    """The option ``user`` voted for on the case's quiz, or None. One query; plain SQL, like
    ``my_cases``: it runs on every case page a member opens (cases.pages.browse.CasePage)."""
    with reads_for(QuizVote).cursor() as cursor:
        cursor.execute(_MY_VOTE_SQL, {"case": case_id, "voter": user.pk})
        row = cursor.fetchone()
    return row[0] if row else None


_MY_VOTE_SQL = f"""
SELECT option_id FROM {QuizVote._meta.db_table} WHERE case_id = %(case)s AND voter_id = %(voter)s
"""  # noqa: S608 - the table name from the model, values bound as parameters


def _load_case(cases, *, case_id: int, page: int) -> tuple[Case, list[Post], Page | None] | None:
    """The case among ``cases`` with its author, images, quiz options, tags and a page of its
    discussion; None when it is not among them."""
    case = (
        cases.select_related("author", "thread")
        # Shared from the cache: none of the author's account fields come along.
        .defer(*(f"author__{name}" for name in AUTHOR_DEFERRED))
        .prefetch_related(
            Prefetch("images", queryset=CaseImage.objects.shown().order_by("position", "pk")),
            Prefetch("quiz_options", queryset=QuizOption.objects.order_by("position", "pk")),
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return None
    prefetch_tags([case])
    posts: list[Post] = []
    posts_page = None
    if case.thread is not None:
        posts, posts_page = thread_posts(thread=case.thread, page=page)
    return case, posts, posts_page


def newest_cases_for_home(request) -> dict | None:
    """The home page's case section: the newest published cases the viewer may read.

    Plugged into the forums' home page by ``cases/plugins.py`` (forums never imports cases).
    Visitors and members who are not verified professionals see nothing (cases are for
    verified professionals only).
    """
    user = request.user

    def newest() -> list[Case]:
        return list(
            Case.objects.visible_to(user)
            .published()
            .only("id", "title", "slug", "specialty", "published_at")
            .order_by("-published_at")[:5]
        )

    # Every verified reader sees the same newest cases (shared until a case changes); others
    # see only their own, never shared.
    if is_verified_professional(user):
        cases = shared_by_level("home-cases", visible_forum_levels(user), newest)
    else:
        cases = newest()
    return {"cases": cases} if cases else None


# Images a moderator must look at: held because their text could not be read (no OCR engine
# on the server), on cases a moderator is meant to see (submitted or published; a draft is
# still the author's, and it is counted once it is submitted). The admin's filter and the
# dashboard's queue (cases/plugins.py) read the same rule.
HELD_IMAGES = Q(check_state=ImageCheck.HELD) & ~Q(
    case__status__in=[CaseStatus.DRAFT, CaseStatus.RETURNED]
)


def held_images():
    return CaseImage.objects.filter(HELD_IMAGES)


def followed_members_cases(*, user, authors, before, limit: int) -> list:
    """The Following tab's cases: published cases by the members ``user`` follows, only those
    ``user`` may read (``Case.objects.visible_to``: verified professionals), newest first.
    Plugged into forums by ``cases/plugins.py``; the title is shown on the site only."""
    from django.utils.translation import gettext as _

    from forums.extensions import FollowedItem

    cases = Case.objects.visible_to(user).published().filter(author_id__in=authors)
    if before is not None:
        cases = cases.filter(published_at__lt=before)
    return [
        FollowedItem(
            created_at=case.published_at,
            title=case.title,
            url=case.get_absolute_url(),
            author=case.author,
            kind=_("Case study"),
        )
        for case in cases.select_related("author").order_by("-published_at", "-pk")[:limit]
    ]

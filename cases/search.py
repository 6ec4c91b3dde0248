"""Case studies in site search (issue 8): stored vectors, and the provider ``forums.search`` calls.

``index_cases`` is the ONE function that writes ``Case.search_vector`` and ``answer_vector``;
the authoring, review and redaction services call it after each change. The answer (diagnosis,
quiz explanation) has its own vector so it matches only for those who may see it: after the
reveal (by hand or at the set time), for the author, and for moderators; the same rule as
``cases.permissions.can_see_answer``, applied in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case as Choose
from django.db.models import F, FloatField, Q, Value, When
from django.utils import timezone

from accounts.permissions import is_moderator, is_verified_professional, visible_forum_levels
from cases.models import HIDEABLE_FIELDS, QUIZ_SPOILERS, TEXT_FIELD_NAMES, Case, CaseStatus
from forums.recognition.badges import FIRST_CASE
from forums.sharing.cache import shared_by_level

CONFIG = "english"
CANDIDATES = 200
# The three cases previewed above a search's posts are ranked among fewer: a quoted phrase
# reads each newest case's vector in turn, and 200 candidates cost ~15 ms at 10,000 cases.
PREVIEW_CANDIDATES = 40
# The open text: everything but the answer, which is weighed and shown apart. A field the case
# hides until the reveal (``Case.hidden_until_reveal``: with a quiz, QUIZ_SPOILERS; any the
# author picks) goes with the answer instead, so search never gives the answer away.
_ALWAYS_OPEN = [n for n in TEXT_FIELD_NAMES if n != "diagnosis" and n not in HIDEABLE_FIELDS]


def _hidden_sql(name: str) -> str:
    """SQL true when the case hides ``name`` until the reveal (jsonb ``?``: holds the name)."""
    picked = f"spoiler_fields ? '{name}'"
    return f"(has_quiz OR {picked})" if name in QUIZ_SPOILERS else f"({picked})"


# Column names come from the model, never from input.
_VECTOR_SQL = """
UPDATE cases_case SET
    search_vector = setweight(to_tsvector(%(config)s, title), 'A')
        || setweight(to_tsvector(%(config)s, concat_ws(' ', {open_fields})), 'B'),
    answer_vector = setweight(to_tsvector(%(config)s, diagnosis), 'A')
        || setweight(to_tsvector(%(config)s, concat_ws(' ', quiz_explanation, {hidden})), 'B')
WHERE id = ANY(%(ids)s)
""".format(
    open_fields=", ".join(
        [
            *_ALWAYS_OPEN,
            *(f"CASE WHEN {_hidden_sql(n)} THEN NULL ELSE {n} END" for n in HIDEABLE_FIELDS),
        ]
    ),
    hidden=", ".join(f"CASE WHEN {_hidden_sql(n)} THEN {n} END" for n in HIDEABLE_FIELDS),
)


def index_cases(*, case_ids: Iterable[int]) -> int:
    """Recompute the stored vectors of these cases (inside the caller's transaction)."""
    ids = [pk for pk in case_ids if pk is not None]
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_VECTOR_SQL, {"config": CONFIG, "ids": ids})
        return cursor.rowcount


def answer_visible_q(user) -> Q:
    """Cases whose answer ``user`` may read: ``can_see_answer`` as a filter."""
    if is_moderator(user):
        return Q()
    return _revealed_q() | Q(author_id=user.pk) if user.is_authenticated else _revealed_q()


def _revealed_q() -> Q:
    """Cases whose answer everybody who may read them may read: revealed, or hiding nothing."""
    hides_nothing = Q(hide_diagnosis=False, has_quiz=False, spoiler_fields=[])
    return hides_nothing | Q(revealed_at__isnull=False) | Q(reveal_at__lte=timezone.now())


def search_cases(
    *,
    user,
    query: str,
    tag: str = "",
    author: str = "",
    after=None,
    before=None,
    sort: str = "",
    preview: bool = False,
):
    """The cases ``user`` may see that match ``query``, ranked: an unsliced queryset, or for
    ``preview`` a list of the best few.

    Only published cases are searched (drafts live on the author's own pages). ``preview``:
    ranked among the newest ``PREVIEW_CANDIDATES`` matches instead of ``CANDIDATES``.
    """
    ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    filters = {"tag": tag, "author": author, "after": after, "before": before, "sort": sort}
    if preview and is_verified_professional(user) and not is_moderator(user):
        return _verified_preview(user=user, query=query, ts_query=ts_query, filters=filters)
    bound = PREVIEW_CANDIDATES if preview else CANDIDATES
    return _ranked(
        Case.objects.visible_to(user), ts_query, answer_visible_q(user), bound=bound, **filters
    )


def _ranked(cases, ts_query, answer_visible: Q, *, bound: int, tag, author, after, before, sort):
    """Published ``cases`` matching ``ts_query`` (the answer only where ``answer_visible``),
    ranked among the newest ``bound`` matches, or newest first."""
    matches = cases.filter(
        Q(search_vector=ts_query) | (Q(answer_vector=ts_query) & answer_visible),
        status=CaseStatus.PUBLISHED,
    )
    if tag:
        matches = matches.filter(tags__slug=tag.strip().lower())
    if author:
        matches = matches.filter(author__handle__iexact=author.strip().lstrip("@"))
    if after:
        matches = matches.filter(published_at__date__gte=after)
    if before:
        matches = matches.filter(published_at__date__lte=before)
    if sort == "newest":
        return matches.select_related("author").order_by("-published_at", "-pk")
    # Only the newest matches are ranked (as for posts): a common word matched most of the
    # 10,000 seeded cases and ranking them all took ~160 ms.
    candidates = matches.order_by("-published_at", "-pk").values("pk")[:bound]
    matches = Case.objects.filter(pk__in=candidates).select_related("author")
    # The answer adds to the rank only where it may match at all.
    answer_rank = SearchRank(F("answer_vector"), ts_query)
    if answer_visible:  # an empty Q (moderators) is no valid When() condition
        answer_rank = Choose(
            When(answer_visible, then=answer_rank), default=Value(0.0), output_field=FloatField()
        )
    return matches.annotate(rank=SearchRank(F("search_vector"), ts_query) + answer_rank).order_by(
        F("rank").desc(), "-published_at", "-pk"
    )


def _verified_preview(*, user, query: str, ts_query, filters: dict) -> list[Case]:
    """The few cases previewed above a verified reader's search results.

    Every verified reader (moderators apart) sees the same published cases and the same
    revealed answers; only their own cases differ (a hidden one, an answer before the reveal).
    So the published part is ranked once and shared from the cache like the posts found
    (``forums.sharing.cache.shared_by_level``: retired by any change to a case), and only an
    author's own matching cases are ranked per request, by the author index, and merged in: a
    reader who never had a case published gets the shared preview with no query at all.
    """
    from forums.search.query import SOURCE_PREVIEW

    def best(cases, answer_visible: Q) -> list[Case]:
        ranked = _ranked(cases, ts_query, answer_visible, bound=PREVIEW_CANDIDATES, **filters)
        fields = ("id", "title", "slug", "published_at")  # what a preview shows, no case text
        return list(ranked.select_related(None).only(*fields)[:SOURCE_PREVIEW])

    shared = shared_by_level(
        "case-preview",
        visible_forum_levels(user),
        lambda: best(Case.objects.published(), _revealed_q()),
        vary=(query, sorted(filters.items(), key=lambda kv: kv[0])),
    )
    own = []
    # Authors differ: they read their own answers before the reveal and their own cases while
    # a privacy flag hides them, so their own published cases are ranked too (an EXISTS first:
    # a fifth of the ranking query's time). Whether a member ever had a case published is on
    # the member already (the "Case author" badge, ``User.badges``: granted by ``approve_case``,
    # the one way to publish, and current on the next request: accounts.sessions): everybody
    # else has nothing of their own to add and asks no query.
    if FIRST_CASE in (user.badges or ()):
        own_cases = Case.objects.filter(author_id=user.pk, status=CaseStatus.PUBLISHED)
        own = best(own_cases, Q()) if own_cases.exists() else []
    by_pk = {case.pk: case for case in shared}
    by_pk.update((case.pk, case) for case in own)
    if filters["sort"] == "newest":
        order = lambda case: (-case.published_at.timestamp(), -case.pk)  # noqa: E731
    else:
        order = lambda case: (-case.rank, -case.published_at.timestamp(), -case.pk)  # noqa: E731
    return sorted(by_pk.values(), key=order)[:SOURCE_PREVIEW]

"""Reading the search index: ``search`` matches ``websearch_to_tsquery`` against the stored
vectors, applies the permission rules in the same query (the scope lexemes and
``Thread.objects.visible_to``), ranks only a bounded set of candidates, and computes
``ts_headline`` only for the rows on the page shown. Also ``similar_threads`` (titles like the
one being written) and the search sources other apps plug in (``forums.extensions``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from psycopg.errors import QueryCanceled

from forums import extensions
from forums.models import Category, Post, Thread, Visibility
from forums.rendering import plain_text
from forums.search.index import CONFIG
from forums.selectors.common import AUTHOR_DEFERRED
from forums.sharing.cache import shared_by_level

T = TypeVar("T")
MAX_QUERY_CHARS = 200
PAGE_SIZE = 20
# Only this many of the newest matches are ranked: ranking reads every candidate's vector, so
# a common word over a million posts would otherwise rank them all. Older matches stay
# reachable by narrowing the query or the filters.
CANDIDATES = 400
# A quoted phrase is looked for among this many of the newest posts holding all its words (and
# passing the filters): reading them is most of a phrase search's time (2,000 took 40-60 ms at
# a million posts, over the 50 ms target; a common phrase still fills pages from 1,000:
# "chest pain" is in 41 of them).
PHRASE_CANDIDATES = 1000
# ts_headline re-parses the text; long posts are cut first so a 100 KB post costs no more.
HEADLINE_CHARS = 5000
# The weights of D, C, B, A (PostgreSQL's order): titles count five times body text.
WEIGHTS = [0.1, 0.2, 0.2, 1.0]


class ScopeQuery(SearchQuery):
    """A tsquery of scope lexemes, written as a literal: no parser or dictionary touches it."""

    def __init__(self, *lexemes: str):
        super().__init__(" | ".join(f"'{lexeme}'" for lexeme in lexemes))

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.source_expressions[0].value]


def scope(query: SearchQuery, user, *, type: str = "") -> SearchQuery:
    """``query`` narrowed to what ``user`` may find, with scope lexemes: the forum levels of
    ``visible_forum_levels`` (the permission module), and optionally replies only. A reader of
    every level needs no level lexeme (each indexed post has one): leaving it out spares the
    GIN index a three-way OR on every search they make. One forum is a column, not a lexeme
    (``narrowed``)."""
    from accounts.permissions import visible_forum_levels

    levels = visible_forum_levels(user)
    if set(levels) != set(Visibility.values):
        query &= ScopeQuery(*(f"~scope vis:{level}" for level in levels))
    # Threads only: ``number = 1`` on the query instead (``thread_openers``), which reads the
    # thread openers' own index.
    if type == SearchType.POST:
        query &= ScopeQuery("~scope reply")
    return query


@contextmanager
def search_session(milliseconds: int):
    """Run a search's statements in one transaction, with PostgreSQL settings of their own.

    A time limit: PostgreSQL cancels the statements inside after ``milliseconds`` (0: none), so
    one search may not hold a database connection for long, whatever words it holds; the caller
    turns the cancellation into a message (``TOO_SLOW``). And plans made for each search's own
    words: the site's prepared statements reuse one generic plan, and for search that plan was
    up to 3x slower (a common word among verified members: 40 -> 124 ms), because how many
    posts a word matches varies by orders of magnitude.

    The settings go to PostgreSQL with the first statement, not before: a search answered from
    the shared cache (a member's search page: the posts and the previews) runs none, and
    costs no round trip (a transaction with no statement sends nothing either).
    """
    pending = [str(int(milliseconds))]

    def settings_first(execute, sql, params, many, context):
        if pending:
            context["cursor"].execute(_SESSION_SETTINGS, [pending.pop()])
        return execute(sql, params, many, context)

    with transaction.atomic(), connection.execute_wrapper(settings_first):
        yield


_SESSION_SETTINGS = (
    "SELECT set_config('statement_timeout', %s, true),"
    " set_config('plan_cache_mode', 'force_custom_plan', true)"
)


TOO_SLOW = _(
    "That search took too long and was stopped. Add a word, drop the quotes, or narrow it "
    "with a forum, tag, author or dates."
)


def within_time_limit(run: Callable[[], T], *, too_slow: Callable[[], T]) -> T:
    """``run()`` inside one ``search_session``; ``too_slow()`` instead when PostgreSQL cancels
    it past ``SEARCH_TIMEOUT_MS`` (any other database error is raised)."""
    try:
        with search_session(settings.SEARCH_TIMEOUT_MS):
            return run()
    except OperationalError as exc:
        if not isinstance(exc.__cause__, QueryCanceled):
            raise
        return too_slow()


class SearchType:
    THREAD = "thread"
    POST = "post"
    CASE = "case"


# Shown above the post results when no type is chosen (apps above forums add their own
# searchable types through ``forums.extensions.SearchSource``).
SOURCE_PREVIEW = 3


@dataclass
class SearchPage:
    results: list[Post] = field(default_factory=list)
    page: int = 1
    has_next: bool = False
    notice: str = ""
    ran: bool = False  # False when the input held nothing to search for (see ``notice``)
    kind: str = "post"  # what ``results`` holds: posts, or a plugged-in source's items
    # Page 1 of an "everything" search: the best few items of each plugged-in source.
    previews: list[tuple[str, str, list]] = field(default_factory=list)


# ts_headline works on the text of the stored HTML (tags dropped by _TAGS, entities by plain_text):
# it marks matches with control characters, the snippet is escaped, then marks become <mark>.
_START, _STOP = "\x02", "\x03"
_TAGS = (Value("<[^>]*(>|$)"), Value(" "), Value("g"))  # a tag (or one cut off) becomes a space


def _safe_snippet(text: str) -> str:
    html = escape(plain_text(text)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped on the line above


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def check_query(raw: str) -> tuple[str, str]:
    """The query to run and a notice for the searcher: ("", why) when there is nothing to run."""
    query = raw.strip()
    if not query:
        return "", str(_("Type a few words to search for."))
    notice = ""
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        notice = str(_("Your search was long, so only its first %(n)d characters were used."))
        notice %= {"n": MAX_QUERY_CHARS}
    if not any(ch.isalnum() for ch in query):
        return "", str(_("Search needs at least one word or number, not only punctuation."))
    return query, notice


def search(
    *,
    user,
    query: str,
    forum: str = "",
    tag: str = "",
    author: str = "",
    type: str = "",
    after=None,
    before=None,
    sort: str = "relevance",
    page: int = 1,
    previews: bool = True,
) -> SearchPage:
    """One page of posts matching ``query`` that ``user`` may read, with ``snippet`` HTML
    (and, unless ``previews`` is False, the other sources' previews: ``search_previews``).

    Two queries: the ranked page (permissions, filters and ranking in SQL), then headlines for
    the rows shown only; page 1 of an unfiltered search adds a preview of each other source
    (cases). Nothing runs when the query holds no words. All of it runs in one
    ``search_session``: past ``SEARCH_TIMEOUT_MS`` the page asks to narrow the search.
    """
    query, notice = check_query(query)
    if not query:
        return SearchPage(notice=notice)
    return within_time_limit(
        lambda: _search(
            user=user,
            query=query,
            notice=notice,
            forum=forum,
            type=type,
            page=page,
            filters=dict(tag=tag, author=author, after=after, before=before, sort=sort),
            previews=previews,
        ),
        too_slow=lambda: SearchPage(page=page, notice=str(TOO_SLOW), ran=True, kind=type),
    )


def _search(
    *,
    user,
    query: str,
    notice: str,
    forum: str,
    type: str,
    page: int,
    filters: dict,
    previews: bool = True,
):
    from accounts.permissions import visible_forum_levels

    start = (page - 1) * PAGE_SIZE
    sources = extensions.search_sources()
    if type in sources:
        found_items = sources[type].search(user=user, query=query, **filters)
        items = list(found_items[start : start + PAGE_SIZE + 1])
        return SearchPage(
            results=items[:PAGE_SIZE],
            page=page,
            has_next=len(items) > PAGE_SIZE,
            notice=notice,
            ran=True,
            kind=type,
        )
    shown = (
        _previews(user=user, query=query, forum=forum, type=type, page=page, filters=filters)
        if previews
        else []
    )
    # The posts found depend only on the reader's forum levels (the scope lexemes and
    # ``Post.visible_to``), so a search asked again is shared like a list page. Each preview
    # source decides what of its own it shares (cases: an author also finds their own).
    found = shared_by_level(
        "search",
        visible_forum_levels(user),
        lambda: _search_posts(
            user=user, query=query, forum=forum, type=type, page=page, filters=filters
        ),
        vary=(query, forum, type, page, sorted(filters.items(), key=lambda kv: kv[0])),
    )
    if found is None:  # no such forum
        return SearchPage(page=page, notice=notice, ran=True, previews=shown)
    rows, has_next = found
    return SearchPage(
        results=rows, page=page, has_next=has_next, notice=notice, ran=True, previews=shown
    )


def _previews(*, user, query: str, forum: str, type: str, page: int, filters: dict) -> list:
    """Page 1 of an unfiltered search: the best few items of each plugged-in source, as
    (kind, label, items). Each source decides what of its own it shares (cases: an author
    also finds their own), so these are the reader's own, never part of a shared page."""
    previews = []
    if not type and not forum and page == 1:
        for kind, source in extensions.search_sources().items():
            matches = source.search(user=user, query=query, preview=True, **filters)
            items = list(matches[:SOURCE_PREVIEW])
            if items:
                previews.append((kind, source.label, items))
    return previews


def search_previews(
    *,
    user,
    query: str,
    forum: str = "",
    type: str = "",
    page: int = 1,
    tag: str = "",
    author: str = "",
    after=None,
    before=None,
    sort: str = "relevance",
) -> list:
    """What ``search`` shows above the posts for this reader (``_previews``), alone: for a
    search page shared between readers, whose previews are each reader's own. Nothing when
    the query holds no words or takes too long."""
    query, _notice = check_query(query)
    if not query:
        return []
    filters = dict(tag=tag, author=author, after=after, before=before, sort=sort)
    return within_time_limit(
        lambda: _previews(
            user=user, query=query, forum=forum, type=type, page=page, filters=filters
        ),
        too_slow=list,
    )


def thread_openers(posts, type: str):
    """``posts`` narrowed to the threads' first posts when only threads are searched: a
    condition PostgreSQL matches to the partial index of their ids (``forums_post_openers``,
    5% of the posts), which it reads newest first, checking each against the words. With the
    scope lexeme "first" instead it walked every post newest first (46 ms for "heparin" at a
    million posts, under load; 11 ms now)."""
    return posts.filter(number=1) if type == SearchType.THREAD else posts


def narrowed(posts, *, type: str, forum_id: int | None, filters: dict):
    """``posts`` narrowed by the type, forum, tag, author and dates a search asks for.

    One forum is the posts' own copy of it (``Post.category``): PostgreSQL then either walks
    that forum's posts newest first on their index (``forums_post_forum_newest``), checking each
    against the words, or, for a rare word, takes the word's few posts from the GIN index. With
    a forum lexeme in the tsquery instead it walked every post newest first ("patient" in the
    busiest forum: 18,000 rows of other forums, 25 ms; "chest pain": 120 ms), and the lexeme's
    skewed estimate could pick a bitmap of every match (190 ms); the column takes 2-9 ms for
    each (issue 28).
    """
    posts = thread_openers(posts, type)
    if forum_id is not None:
        posts = posts.filter(category_id=forum_id)
    if tag := filters["tag"]:
        posts = posts.filter(thread__tags__slug=tag.strip().lower())
    if author := filters["author"]:
        posts = posts.filter(author__handle__iexact=author.strip().lstrip("@"))
    if after := filters["after"]:
        posts = posts.filter(created_at__gte=_day_start(after))
    if before := filters["before"]:
        posts = posts.filter(created_at__lt=_day_start(before) + timedelta(days=1))
    return posts


def phrase_candidates(with_words, phrase: SearchQuery) -> RawSQL:
    """The ids of the posts holding ``phrase`` among the newest PHRASE_CANDIDATES posts of
    ``with_words`` (those holding all its words), newest first, at most CANDIDATES.

    Checking word positions costs a read of each post's vector, so the phrase is looked for
    among the newest posts holding its words (one index walk), not across every such post
    (~420 ms at a million posts). It is checked on each row as the walk reads it: a second
    reading of each row by id to check it cost 5-8 ms more (at 2,000 rows). A row's check must
    come after the walk's LIMIT, which the ORM cannot filter on: the one raw statement here,
    around the ORM's own SQL and parameters.
    """
    newest = (
        with_words.annotate(hit=ExpressionWrapper(Q(search_vector=phrase), BooleanField()))
        .order_by("-pk")
        .values("pk", "hit")[:PHRASE_CANDIDATES]
    )
    sql, params = newest.query.sql_with_params()
    return RawSQL(  # noqa: S611 - the ORM's SQL, its values parameters
        f"SELECT pk FROM ({sql}) AS newest WHERE hit ORDER BY pk DESC LIMIT {CANDIDATES}",  # noqa: S608
        params,
    )


def _search_posts(*, user, query: str, forum: str, type: str, page: int, filters: dict):
    """One page of matching posts with snippets, and whether more follow; None: no such forum."""
    start = (page - 1) * PAGE_SIZE
    ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    forum_id = None
    if forum:
        forum_id = Category.objects.filter(slug=forum).values_list("pk", flat=True).first()
        if forum_id is None:
            return None
    narrowing = dict(type=type, forum_id=forum_id, filters=filters)
    # The shortlist comes from the GIN index alone (words and scope lexemes), newest first
    # and capped; permissions are applied again, as joins, to the few rows that remain.
    if '"' not in query:
        matches = narrowed(
            Post.objects.filter(search_vector=scope(ts_query, user, type=type)), **narrowing
        )
        # Bounded candidates: the newest CANDIDATES matches (post ids grow with time).
        candidates = matches.order_by("-pk").values("pk")[:CANDIDATES]
    else:
        words = SearchQuery(query.replace('"', " "), search_type="websearch", config=CONFIG)
        with_words = narrowed(
            Post.objects.filter(search_vector=scope(words, user, type=type)), **narrowing
        )
        candidates = phrase_candidates(with_words, scope(ts_query, user, type=type))
    ranked = (
        Post.objects.visible_to(user)
        .filter(pk__in=candidates)
        # Shared from the cache (``_search``): none of the author's account fields come along.
        .defer("source", "html", "search_vector", *(f"author__{n}" for n in AUTHOR_DEFERRED))
        .select_related("thread", "thread__category", "author")
    )
    if filters["sort"] == "newest":
        ranked = ranked.order_by("-created_at", "-pk")
    else:
        ranked = ranked.annotate(
            rank=SearchRank(F("search_vector"), ts_query, weights=WEIGHTS)
        ).order_by(F("rank").desc(), "-created_at", "-pk")
    rows = list(ranked[start : start + PAGE_SIZE + 1])
    has_next, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    if rows:
        snippets = dict(
            Post.objects.filter(pk__in=[post.pk for post in rows])
            .annotate(
                snippet=SearchHeadline(
                    Func(Left("html", HEADLINE_CHARS), *_TAGS, function="regexp_replace"),
                    ts_query,
                    config=CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                )
            )
            .values_list("pk", "snippet")
        )
        for post in rows:
            post.snippet = _safe_snippet(snippets.get(post.pk, ""))
    return rows, has_next


def search_posts(*, user, query: str, limit: int = PAGE_SIZE) -> list[Post]:
    """The first page of matches for ``query`` (kept for callers from before issue 8)."""
    return search(user=user, query=query).results[:limit]


# --- Similar threads while a new title is typed -----------------------------------------------

SIMILAR_LIMIT = 5
SIMILAR_MIN_CHARS = 4
# pg_trgm similarity above which a title counts as similar (PostgreSQL's own default is 0.3).
SIMILARITY = 0.3
_trigram_available: bool | None = None


def trigram_available() -> bool:
    """Whether pg_trgm is installed here (migration 0003 adds it wherever it is available;
    the embedded pgserver lacks it). Asked once per process."""
    global _trigram_available
    if _trigram_available is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_available = cursor.fetchone() is not None
    return _trigram_available


def similar_threads(*, user, title: str, limit: int = SIMILAR_LIMIT) -> list[Thread]:
    """Threads ``user`` may read whose titles resemble ``title``, most similar first.

    Trigram similarity (typo tolerant, GIN-indexed) where pg_trgm exists; elsewhere any of the
    title's words matched against the stored title vectors, so it still suggests something.
    """
    title = title.replace("\x00", "").strip()[:MAX_QUERY_CHARS]
    if len(title) < SIMILAR_MIN_CHARS or not any(ch.isalnum() for ch in title):
        return []
    # Suggestions are a help, never worth a wait or an error.
    return within_time_limit(
        lambda: _similar_threads(user=user, title=title, limit=limit), too_slow=list
    )


def _similar_threads(*, user, title: str, limit: int) -> list[Thread]:
    threads = Thread.objects.visible_to(user).only("id", "title", "slug")
    if trigram_available():
        from django.contrib.postgres.search import TrigramDistance

        # The nearest titles first, straight off the GiST index (a KNN scan reads only these),
        # then only those similar enough: the same answer as a threshold test, at bounded cost.
        # Ordered by distance alone: a second sort key would make PostgreSQL score every title.
        nearest = threads.annotate(distance=TrigramDistance("title", title)).order_by("distance")[
            :limit
        ]
        return [thread for thread in nearest if 1 - thread.distance >= SIMILARITY]
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in title).split() if w]
    # Title lexemes only (weight A); words are letters and digits only, so raw syntax is safe.
    ts_query = SearchQuery(" | ".join(f"{w}:A" for w in words), search_type="raw", config=CONFIG)
    firsts = Post.objects.filter(search_vector=ts_query, number=1).values("thread_id")
    return list(threads.filter(pk__in=firsts).order_by("-last_posted_at")[:limit])

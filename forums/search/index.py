"""Writing the search index: every post stores a ``search_vector`` (thread title weight A on
the first post, body weight B, and scope lexemes) behind a GIN index.

``index_posts`` is the ONE function that writes it (``vector_of_new_post``, the same
expression, for a post being inserted); the posting, moderation and redaction services call it
after every change, so a redacted word stops finding the post in the same
transaction. ``manage.py rebuild_search`` rewrites them all (``index_all_posts``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models.expressions import RawSQL

from forums.models import Post

CONFIG = "english"


# Besides the words, each vector holds "scope" lexemes: the forum's visibility and whether the
# post opens its thread. A search then narrows by permission and type inside the GIN index
# itself, instead of joining every matching post to its thread first (which made a rare word
# ~100 ms at a million posts). Each holds a space, which the text parser never leaves inside a
# word, so no typed text can match one. One forum is the post's own column (``Post.category``,
# ``forums.search.query.narrowed``): vectors written before it hold a forum lexeme no search
# reads.
def _vector(*, hidden: str, number: str, source: str) -> str:
    """The vector of a post, given SQL for its flags, number and text, and ``t`` and ``c``, its
    thread and forum."""
    return f"""CASE
    WHEN {hidden} OR t.is_hidden OR t.hidden_by_case THEN NULL
    ELSE CASE WHEN {number} = 1
              THEN setweight(to_tsvector('{CONFIG}', t.title), 'A') ELSE ''::tsvector END
         || setweight(to_tsvector('{CONFIG}', left({source}, 100000)), 'B')
         || array_to_tsvector(ARRAY[
                '~scope vis:' || c.visibility,
                CASE WHEN {number} = 1 THEN '~scope first' ELSE '~scope reply' END
            ])
END"""


_VECTOR_SQL = (
    "UPDATE forums_post p SET search_vector = "  # noqa: S608 - ours; values are parameters
    + _vector(hidden="p.is_hidden OR p.is_deleted", number="p.number", source="p.source")
    + """
FROM forums_thread t JOIN forums_category c ON c.id = t.category_id
WHERE t.id = p.thread_id AND {where}
"""
)


def vector_of_new_post(*, thread_id: int, number: int, source: str) -> RawSQL:
    """The vector ``index_posts`` would write for a post being written (shown, at ``number`` in
    ``thread_id``, with ``source``): the posting services give it to the INSERT, which saves an
    UPDATE of the new row (and a second version of it in every index of the table)."""
    sql = (
        "SELECT "  # noqa: S608 - the SQL is ours; values are parameters
        + _vector(hidden="%s", number="%s", source="%s")
        + " FROM forums_thread t JOIN forums_category c ON c.id = t.category_id WHERE t.id = %s"
    )
    params = [False, number, source, number, thread_id]  # in the order of the %s above
    return RawSQL(sql, params, SearchVectorField())  # noqa: S611 - values are parameters


def index_posts(*, post_ids: Iterable[int] = (), thread_ids: Iterable[int] = ()) -> int:
    """Recompute the stored vectors of these posts and of every post in these threads.

    Hidden or deleted posts, and posts of hidden threads (a case's discussion while the case is
    hidden too), get NULL: nothing indexes them, so search finds them for nobody.
    Call it inside the service's transaction, after the rows are written; it retires no cached
    page: the service says what it changed (``forums.sharing.cache.retire``). Returns the count.
    """
    post_ids, thread_ids = list(post_ids), list(thread_ids)
    if not post_ids and not thread_ids:
        return 0
    sql = _VECTOR_SQL.format(where="(p.id = ANY(%(posts)s) OR p.thread_id = ANY(%(threads)s))")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"posts": post_ids, "threads": thread_ids})
        return cursor.rowcount


def index_all_posts(*, batch: int = 5000, progress=None) -> int:
    """Rewrite every post's vector in id batches (short transactions); ``progress(done, total)``."""
    ids = Post.objects.order_by("pk").values_list("pk", flat=True)
    total, done, last = Post.objects.count(), 0, 0
    sql = _VECTOR_SQL.format(where="p.id > %(after)s AND p.id <= %(upto)s")
    while True:
        chunk = list(ids.filter(pk__gt=last)[:batch])
        if not chunk:
            break
        upto = chunk[-1]
        with connection.cursor() as cursor:
            cursor.execute(sql, {"after": last, "upto": upto})
            done += cursor.rowcount
        last = upto
        if progress:
            progress(done, total)
    return done

"""Search over what the viewer may read, in PostgreSQL.

This first version ranks posts and thread titles with ``websearch_to_tsquery``
on the fly; stored vectors with a GIN index come with the search issue.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F

from forums.models import Post, Thread

MAX_QUERY_CHARS = 200


def search_posts(*, user, query: str, limit: int = 20) -> list[Post]:
    query = query.strip()[:MAX_QUERY_CHARS]
    if not any(ch.isalnum() for ch in query):
        return []
    ts_query = SearchQuery(query, search_type="websearch", config="english")
    vector = SearchVector("thread__title", weight="A", config="english") + SearchVector(
        "source", weight="B", config="english"
    )
    return list(
        Post.objects.filter(
            thread__in=Thread.objects.visible_to(user), is_hidden=False, is_deleted=False
        )
        .annotate(rank=SearchRank(vector, ts_query))
        .filter(rank__gt=0)
        .select_related("thread", "thread__category", "author")
        .order_by(F("rank").desc(), "-created_at")[:limit]
    )

"""Site search in PostgreSQL: ``index`` writes each post's stored vector (the one writer,
called by every write service), ``query`` reads them (what the viewer may find, ranked, with
headlines; similar titles), ``form`` is the search page's form.

The names below are the package's public face for callers written before the split; new code
imports from the module that holds the name.
"""

from forums.search.form import SearchForm
from forums.search.index import index_all_posts, index_posts
from forums.search.query import (
    PAGE_SIZE,
    SOURCE_PREVIEW,
    search,
    search_posts,
    search_session,
    similar_threads,
    trigram_available,
)

__all__ = [
    "PAGE_SIZE",
    "SOURCE_PREVIEW",
    "SearchForm",
    "index_all_posts",
    "index_posts",
    "search",
    "search_posts",
    "search_session",
    "similar_threads",
    "trigram_available",
]

"""Reads for the forum pages: one selector per page owns every join and prefetch.

What every reader of the same forum levels sees alike (a page of threads or posts, with their
forums, tags and authors) is shared from the cache (``forums.sharing.cache.shared_by_level``):
``forum_lists``, ``thread_pages``. The viewer's own state (read position, watch level, follows,
reactions, bookmarks) is read after it in one small plain-SQL query (``own_state``), so a
signed-in page costs the same number of queries as an anonymous one plus a constant, whatever
its rows or its depth. ``common``: page sizes and what the others share.
"""

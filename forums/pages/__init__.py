"""The forum's pages, one module per family (thin views over selectors and services).

``home``, ``forums`` (the forum index, a forum, a tag), ``thread`` (a thread's pages, a post,
its history), ``composer`` (new thread, reply, edit; what ``cases`` shares with it), ``actions``
(small POST actions), ``member`` (a member's own lists), ``search``, ``reports``; ``rows``,
``common`` and ``shared`` hold what several families use. URLs: ``forums.urls``.
"""

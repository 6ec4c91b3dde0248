"""Everything that makes pages fast, in one place.

``cache``: the named generations (``CONTENT``, ``FORUMS``) the services retire, the visitors'
page cache, and what every reader of the same forum levels shares (``shared_by_level``).
``fragments``: row fragments (a thread row, a post) cached by everything they show.
``slots``: the ``{% slot %}`` marks a template leaves where a member's own parts go, and the
page rendered to be shared, cut at them. ``member_pages``: how a shared member page is declared
(its key, how it is built, who may be served it, the one query for the member's state, a
filler per slot) and served.
"""

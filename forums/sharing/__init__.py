"""What makes member pages fast: pages shared by the readers of the same forum levels, each
member's own parts filled in per request.

``slots``: the ``{% slot %}`` marks a template leaves where a member's own parts go, and the
page rendered to be shared, cut at them. ``member_pages``: how a shared member page is
declared (its key, how it is built, who may be served it, the one query for the member's
state, a filler per slot) and served.
"""

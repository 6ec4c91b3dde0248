"""Case pages, one module per page family: ``browse`` (list, case page), ``writing`` (the
case form, submitting), ``quiz``, ``images``, ``discussion`` (replies, outcome), ``flags``
(privacy flags, reports); ``common`` holds what they share. Thin: forms check shape, services
decide and write, selectors read.

Every response from this app carries ``X-Robots-Tag: noindex`` (and the pages a robots meta):
cases are for verified professionals and must never reach a search engine.
"""

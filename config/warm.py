"""Keep the cyclic garbage collector off what a long-lived process loaded at startup.

``config/wsgi.py`` (and ``asgi.py``) read the identifier scanner's lexicon, then call
``freeze_startup``: ``gc.freeze()`` moves everything loaded so far (Django, the URL and template
machinery, the lexicon's sets of names and towns) out of the collector's reach. Those objects
live as long as the process; without the freeze, each full collection walks all of them again:
about one in 200 replies, and it stopped that reply for 70-145 ms (measured in ``manage.py
bench``'s reply loop, issue 28). Frozen, a full collection walks only what requests made.
Objects are still freed by reference counting as before; only a reference cycle among startup
objects would stay in memory, and ``gc.collect()`` first frees the cycles startup dropped.
"""

from __future__ import annotations

import gc


def freeze_startup() -> None:
    gc.collect()
    gc.freeze()

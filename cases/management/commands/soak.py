"""``manage.py soak``: the whole stack under a mixed load, then what it kept (``make soak``).

The code lives in ``cases.benchmarks.soak``, outside what the running site imports.
"""

from cases.benchmarks.soak import Soak as Command

__all__ = ["Command"]

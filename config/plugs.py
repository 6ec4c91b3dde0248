"""What the apps' extension points share (``accounts/extensions.py``, ``forums/extensions.py``):
the extensions plugged into one lower app, by name, in the order they were plugged in.

A name makes plugging in again harmless (``AppConfig.ready`` may run twice in tests); a second
extension under a name replaces the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    @property
    def name(self) -> str: ...


E = TypeVar("E", bound=Named)


class Plugs(Generic[E]):
    def __init__(self) -> None:
        self._by_name: dict[str, E] = {}

    def plug_in(self, extension: E) -> None:
        self._by_name[extension.name] = extension

    def unplug(self, name: str) -> None:
        self._by_name.pop(name, None)

    def all(self) -> tuple[E, ...]:
        return tuple(self._by_name.values())

    def __iter__(self) -> Iterator[E]:
        return iter(self.all())

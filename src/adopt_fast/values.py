"""Immutable value classes for the hooks' path, without `dataclasses`.

`dataclasses` imports `inspect`, and each frozen dataclass costs about a millisecond to create
(its methods are generated and compiled): the dozen on the fix hook's path cost every commit
that removes an import some 20 ms. A `Value` subclass names its fields in `__slots__` and sets
them in its `__init__` (nothing assigns them afterwards); `Value` gives it equality and hashing
by type and field values, and a repr.
"""

from __future__ import annotations


class Value:
    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, Value)
            and (self._fields() == other._fields())
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

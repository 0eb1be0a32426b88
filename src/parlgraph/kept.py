"""What a server of a read-only store computes once and then answers from memory: rendered
resource pages, SPARQL answers. The entries asked for last are kept within a budget (a count, or
bytes); an entry being computed is computed once, however many requests ask for it meanwhile
(the others wait for it and get its value, or its error).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Flight(Generic[V]):
    """One computation in progress, and what it came to."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None


class Kept(Generic[K, V]):
    """Entries by key, the least recently used going first once their weights pass ``budget``;
    safe to share between request threads. ``weigh`` gives an entry's weight (default 1)."""

    def __init__(self, budget: int, weigh: Callable[[V], int] | None = None) -> None:
        self.budget = budget
        self.weigh = weigh or (lambda _: 1)
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._flights: dict[K, _Flight[V]] = {}
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry[0] if entry is not None else None

    def fetch(self, key: K, make: Callable[[], V]) -> V:
        """The entry of ``key``; made by ``make`` if it is not kept, once for all who ask."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:  # the value itself may be None
                self._entries.move_to_end(key)
                self.hits += 1
                return entry[0]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
                self.misses += 1
            else:
                self.hits += 1
        if not leader:
            return self._await(flight)
        try:
            flight.value = make()
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self._lock:
                del self._flights[key]
                if flight.error is None:
                    self._put(key, flight.value)  # type: ignore[arg-type]
            flight.done.set()
        return flight.value

    @staticmethod
    def _await(flight: _Flight[V]) -> V:
        flight.done.wait()
        if flight.error is not None:
            raise flight.error
        return flight.value  # type: ignore[return-value]

    def _put(self, key: K, value: V) -> None:
        weight = self.weigh(value)
        if weight > self.budget:
            return  # larger than all the room there is: answered, not kept
        self._entries[key] = (value, weight)
        self._weight += weight
        while self._weight > self.budget:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._weight -= dropped

    def __len__(self) -> int:
        return len(self._entries)

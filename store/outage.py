"""The store's repositories raise the domain's StoreOutage, never their client's own errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from domain.errors import StoreOutage

from .connection import OUTAGES

P = ParamSpec("P")
T = TypeVar("T")


def outage_of(error: Exception) -> StoreOutage:
    """The domain's outage for a client's error (its reason kept on one line)."""
    return StoreOutage(" ".join(str(error).split()) or type(error).__name__)


def translated(method: Callable[P, T]) -> Callable[P, T]:
    """`method` whose client outages (store.OUTAGES) surface as StoreOutage (chained to the original)."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except StoreOutage:
            raise
        except OUTAGES as error:
            raise outage_of(error) from error

    return call

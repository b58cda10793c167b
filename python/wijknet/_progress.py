"""Progress display for long native calls.

``progress=None`` (the default) shows a tqdm bar only when a call has run for more than a
second and tqdm is installed; ``progress=False`` never shows one; a callable receives
``(done, total)`` about every 50 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeAlias

ProgressArg: TypeAlias = None | bool | Callable[[int, int], object]


class _AutoBar:
    def __init__(self, desc: str, force: bool) -> None:
        self.desc = desc
        self.start = time.monotonic()
        self.bar: Any = None  # a tqdm bar once shown
        self.force = force

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.force and time.monotonic() - self.start < 1.0:
                return
            if done == 0 and total == 0:
                return  # the kernel reports no progress (yet): an empty bar says nothing
            try:
                from tqdm.auto import tqdm
            except ImportError:  # no tqdm: stay silent
                self.force = False
                self.start = float("inf")
                return
            # shown late: what was done before it appeared is not counted in its rate
            self.bar = tqdm(total=total or None, desc=self.desc, leave=False, initial=done)
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def callback(progress: ProgressArg, desc: str) -> Callable[[int, int], object] | None:
    """The callable passed to the native layer for ``progress=`` (None for no display)."""
    if progress is False:
        return None
    if progress is None or progress is True:
        return _AutoBar(desc, force=progress is True)
    if callable(progress):
        return progress
    from ._errors import ArgumentError

    raise ArgumentError(f"progress= must be None, True, False or a callable(done, total), not {progress!r}")


def close(cb: object) -> None:
    """Closes an automatic bar, if one was shown."""
    if isinstance(cb, _AutoBar):
        cb.close()

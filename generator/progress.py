"""Progress of long work: the core reports what it is doing and how far it is to a
callback its caller passes (cli_support.py draws one updating line on a terminal; the MkDocs
plugin logs milestones). Nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: (what, done, total): "validating records", 3400, 10000. total 0: not known; done 0
#: with total 0: a stage that says only what it is doing.
Report = Callable[[str, int, int], None]


def quiet(what: str, done: int, total: int) -> None:
    """The report of work nobody watches."""


class Milestones:
    """A Report that tells `say` each stage once it is over, when it took at least
    `after` seconds: "validating records: 10,000 in 11.9 s". For a log that must not
    receive every step."""

    def __init__(self, say: Callable[[str], None], after: float = 2.0) -> None:
        self.say = say
        self.after = after
        self.what = ""
        self.done = self.total = 0
        self.started = 0.0

    def __call__(self, what: str, done: int, total: int) -> None:
        if what != self.what:
            self.finish()
            self.what, self.started = what, time.perf_counter()
        self.done, self.total = done, total

    def finish(self) -> None:
        """The current stage is over (a new one starts, or the work is done)."""
        if self.what:
            seconds = time.perf_counter() - self.started
            if seconds >= self.after:
                count = self.done or self.total
                took = f"{count:,} in {seconds:.1f} s" if count else f"{seconds:.1f} s"
                self.say(f"{self.what}: {took}")
        self.what = ""

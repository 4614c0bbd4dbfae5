"""member_of within one record: who belongs to whom, walked without recursion.

checks.py reports self-membership, cycles and nesting deeper than model.MAX_MEMBERSHIP_DEPTH;
networks.py seats members beside their organisation. Both walk member_of through here or
with loops of their own, never by recursion: an unchecked chain of any length (a build
with validation bypassed) cannot exhaust the stack. Pure; never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.model import Actor

#: Depth of an actor whose chain runs into a cycle: never within a limit.
CYCLIC = 1 << 30


@dataclass(frozen=True)
class Problem:
    """One actor's member_of to report: it names the actor itself, closes a cycle, or
    puts the actor more levels below the top of its chain than allowed."""

    key: str
    kind: Literal["self", "cycle", "depth"]
    chain: tuple[str, ...]  # from key upwards; a cycle ends where it started


def depths(actors: Mapping[str, Actor]) -> dict[str, int]:
    """Levels of member_of above each actor (0: a member of nobody, or of an unknown key,
    which checks.py reports as such); CYCLIC for actors in or below a cycle. Each actor is
    walked once: linear in the number of actors."""
    found: dict[str, int] = {}
    for start in actors:
        path: list[str] = []
        on_path: set[str] = set()
        key: str | None = start
        while key is not None and key in actors and key not in found and key not in on_path:
            path.append(key)
            on_path.add(key)
            key = actors[key].member_of
        if key is not None and key in on_path:
            above = CYCLIC
        elif key is not None and key in found:
            above = min(found[key] + 1, CYCLIC)
        else:
            above = 0
        for step in reversed(path):
            found[step] = above
            above = min(above + 1, CYCLIC)
    return found


def chain(actors: Mapping[str, Actor], key: str, steps: int) -> tuple[str, ...]:
    """key and the actors above it, at most steps + 1 keys; a cycle is closed by its first
    key repeated."""
    found = [key]
    seen = {key}
    current = actors[key].member_of if key in actors else None
    while current is not None and len(found) <= steps:
        found.append(current)
        if current in seen or current not in actors:
            break
        seen.add(current)
        current = actors[current].member_of
    return tuple(found)


def problems(actors: Mapping[str, Actor], max_depth: int) -> list[Problem]:
    """Self-membership and each cycle once (at its first actor in record order), and each
    actor max_depth + 1 levels down (the first over the limit in its branch), in record
    order."""
    levels = depths(actors)
    found: list[Problem] = []
    in_reported_cycle: set[str] = set()
    for key, actor in actors.items():
        if actor.member_of == key:
            found.append(Problem(key, "self", (key, key)))
        elif levels.get(key) == CYCLIC and key not in in_reported_cycle:
            loop = chain(actors, key, len(actors))
            if loop[-1] == key:  # key is on the cycle, not below it
                in_reported_cycle.update(loop)
                found.append(Problem(key, "cycle", loop))
        elif levels.get(key) == max_depth + 1:
            found.append(Problem(key, "depth", chain(actors, key, max_depth + 1)))
    return found

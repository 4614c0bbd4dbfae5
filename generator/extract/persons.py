"""Extraction of named people: "Sergei Naryshkin, the Director of the Foreign Intelligence
Service", "Pakistan's Foreign Office spokesperson Mohammad Faisal", "his Togolese
counterpart Elise Mavrou". Helpers of mentions.py; the actor registry is actors.py.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from functools import cache

from generator.extract import lexicon, places
from generator.extract.actors import ActorBook, ActorDraft, sector_of

_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
PNAME = re.compile(
    rf"(?<![\w⟦:])(?:{lexicon.HONORIFICS}\s+)?{_WORD}(?:\s+(?:{_WORD}|al-\w+|bin|van|von|de|da)){{1,3}}"
    r"(?![\w-])"
)
_KIN = r"sister|brother|mother|father|son|daughter|wife|husband|widow|relative|cousin|uncle|aunt"
TITLE_WORD = re.compile(rf"(?i:{lexicon.POSITIONS}|{_KIN})$")
_RANKS = {"brigadier", "general", "colonel", "major", "captain", "lieutenant", "sergeant"}
_QUALIFIER = re.compile(
    r"^(?:[A-Z][\w-]*(?:'s)?|police|army|military|intelligence|security|hospital|border|"
    r"his|her|their|the|a|an|[a-z]+'s|government)$"
)
_TITLE_MODIFIERS = {
    "deputy", "vice", "chief", "acting", "senior", "regional", "local", "provincial",
    "district", "foreign", "defence", "defense", "interior", "justice", "finance", "prime",
    "home", "health", "information", "intelligence", "press", "army", "police",
}  # fmt: skip
_GENERIC_ORG = {"police", "army", "military", "government", "intelligence", "security"}


@cache
def _stop_words() -> set[str]:
    words = {
        "The", "A", "An", "However", "But", "According", "In", "On", "At", "Meanwhile", "Also",
        "After", "Before", "When", "While", "Police", "Government", "Army", "Local", "Regional",
        "Senior", "Officials", "Read", "More", "Some", "Many", "Around", "About", "His", "Her",
        "Their", "This", "That", "These", "It", "He", "She", "They", "We", "Our", "Its", "If",
        "Spy", "Security", "Intelligence", "Foreign", "Interior", "Justice", "Defence",
        "Defense", "Prime", "Deputy", "Acting", "Former", "Islamic", "State", "Radio",
    }  # fmt: skip
    words |= {w.capitalize() for w in lexicon.ORG_WORDS}
    words |= set(places.country_names()) | set(places.demonyms())
    words |= {m for m in calendar.month_name if m}
    words |= {d for d in calendar.day_name}
    return words


def trim_name(text: str) -> tuple[int, str] | None:
    """Drop leading words that cannot start a name; None when no two-word name is left."""
    words = text.split()
    skipped = 0
    while words and (
        words[0] in _stop_words()
        or TITLE_WORD.match(words[0])
        or re.fullmatch(lexicon.HONORIFICS, words[0])
    ):
        skipped += len(words[0]) + 1
        words = words[1:]
    if len(words) < 2 or any(w in _stop_words() for w in words):
        return None
    return skipped, " ".join(words)


def title_before(prefix: str) -> tuple[int, list[str], list[str]] | None:
    """The title words right before a name, and the qualifiers before them.

    Returns (length of the matched text, qualifier words, title words)."""
    tokens = list(re.finditer(r"[^\s,]+|,", prefix))
    title: list[str] = []
    index = len(tokens) - 1
    if index >= 0 and tokens[index].group() == "," and index > 0:
        index -= 1  # "the city's mayor, Ines Carvallo"
    while index >= 0 and (
        TITLE_WORD.match(tokens[index].group())
        or tokens[index].group().lower() in _RANKS
        or (tokens[index].group().lower() in _TITLE_MODIFIERS and title)
    ):
        title.insert(0, tokens[index].group())
        index -= 1
    if not title or all(w.lower() in _RANKS for w in title):
        return None
    qualifiers: list[str] = []
    while index >= 0 and _QUALIFIER.match(tokens[index].group()) and len(qualifiers) < 5:
        qualifiers.insert(0, tokens[index].group())
        index -= 1
    start = tokens[index + 1].start() if index + 1 < len(tokens) else len(prefix)
    return len(prefix) - start, qualifiers, title


APPOSITIVE = re.compile(
    r"^,\s+(?:(?:the|a|an)\s+)?(?P<body>[^,.]*?)(?=\s*,|\s*\.|\s+(?:who|which|was|is|had|has|"
    r"said|says|told|confirm\w*|represent\w*|[a-z]+ed|[a-z]+ing)\b|$)"
)
_BODY = re.compile(
    r"^(?P<title>.+?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<org>.+?)(?:'s\s+(?P<unit>.+))?$"
)


def _finish(
    book: ActorBook, title: str, member_of: str, country: str | None
) -> tuple[str | None, str | None, str | None]:
    position = title[:1].upper() + title[1:] if title else None
    return position, member_of, country or book.items[member_of].country


def generic_org(book: ActorBook, noun: str, country: str | None) -> str | None:
    """The article's police, army or government, if it has one."""
    return next(
        (a.key for a in book.items.values()
         if a.kind != "person" and a.name.lower().split()[-1] == noun
         and (country is None or a.country == country)),
        None,
    )  # fmt: skip


def starts_with_title(body: str) -> bool:
    words = body.split()
    for word in words[:3]:
        if TITLE_WORD.match(word):
            return True
        if word.lower() not in _TITLE_MODIFIERS:
            return False
    return False


def person_key(book: ActorBook, name: str) -> str:
    return book.key_for(name.split()[-1] if len(name.split()) > 1 else name)


def add_person(
    book: ActorBook,
    name: str,
    evidence: str,
    *,
    position: str | None = None,
    member_of: str | None = None,
    country: str | None = None,
) -> str:
    known = book.find(name, kind="person") or book.by_surname(name.split()[-1])
    if known:
        actor = book.items[known]
        actor.position = actor.position or position
        actor.member_of = actor.member_of or member_of
        actor.country = actor.country or country
        return known
    org = book.items.get(member_of) if member_of else None
    sector = (org.sector if org else None) or sector_of(position or "")
    actor = ActorDraft(
        person_key(book, name),
        name,
        "person",
        sector=sector,
        country=country or (org.country if org else None),
        position=position,
        member_of=member_of,
        evidence=evidence,
    )
    return book.add(actor, name)


def describe(
    book: ActorBook,
    qualifiers: list[str],
    title: list[str],
    org_of: Callable[[str], str | None],
) -> tuple[str | None, str | None, str | None]:
    """Position, member_of and country from "Pakistan's Foreign Office spokesperson"."""
    country = None
    rest: list[str] = []
    for word in qualifiers:
        bare = word.removesuffix("'s")
        mention = places.find_countries(bare)
        if mention and mention[0].text == bare:
            country = mention[0].code
        elif word in ("group's", "movement's", "organisation's", "organization's"):
            reb = [a for a in book.items.values() if a.sector == "reb" and a.kind != "person"]
            member_from_owner = reb[-1].key if reb else None
            if member_from_owner:
                rest, country = [], country
                return _finish(book, " ".join(title), member_from_owner, country)
        elif word.lower() not in ("his", "her", "their", "the", "a", "an") and not word.endswith(
            "'s"
        ):
            rest.append(word)
    titles = [w for w in title if w.lower() not in _RANKS or len(title) == 1]
    position = " ".join(titles)
    member_of = None
    generic = [w for w in rest if w.lower() in _GENERIC_ORG]
    if generic and not any(w[:1].isupper() and w.lower() not in _GENERIC_ORG for w in rest[1:]):
        surface = generic[0].lower()
        member_of = generic_org(book, surface, country)
        words = [w for w in (*rest, *titles) if member_of is None or w.lower() != surface]
        position = " ".join(words)
    elif rest:
        surface = " ".join(rest)
        member_of = org_of(surface if not country else f"{qualifiers[0]} {surface}")
        if member_of is None:
            position = f"{surface} {position}"
    if member_of is None:
        for word in titles:
            if word.lower() in _GENERIC_ORG:
                member_of = generic_org(book, word.lower(), country)
                break
    if position.lower() == "counterpart":
        previous = [a for a in book.persons() if a.position]
        position = previous[-1].position if previous else position
    position = position[:1].upper() + position[1:] if position else None
    return position, member_of, country

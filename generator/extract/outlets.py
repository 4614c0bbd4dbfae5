"""Extraction of cited outlets: "TASS news agency quoted", "Pakistan's daily The Nation
reported", "told the state broadcaster Radio Lome Une". Names are resolved against the
outlet registry (seeds/outlets.yaml); an outlet it lacks becomes a new entry for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract import places
from generator.model import Outlet

NAME = r"(?:[A-Z][\w.&'-]*|al-\w+|de|del|la|El|Le)(?:\s+(?:[A-Z][\w.&'-]*|de|del|la|of|the))*"
_KIND_CUES = [
    ("news_agency", r"news agency|news service|wire service|agency"),
    ("newspaper", r"daily|newspaper|weekly|paper|tabloid"),
    (
        "broadcaster",
        r"state broadcaster|broadcaster|television|TV channel|TV station|"
        r"channel|radio station|radio|station|TV",
    ),
    ("news_site", r"news site|news website|website|news portal|portal|outlet|blog"),
]
_KIND = "|".join(f"(?:{p})" for _, p in _KIND_CUES)
_MODS = (
    r"(?:(?:another|local|regional|national|state|state-run|state-owned|private|"
    r"independent|popular|leading|online|influential|English-language|[A-Z][\w'-]*(?:'s)?)\s+)*"
)
# "the Norwegian daily Fjordposten", "Pakistan's daily The Nation", "Radio Andina Sur".
NEW_BEFORE = re.compile(rf"(?:\b[Tt]he\s+)?{_MODS}\b(?P<cue>{_KIND})\s+(?P<name>{NAME})")
NEW_AFTER = re.compile(
    r"(?P<name>(?:[A-Z][\w.&'-]*\s+){0,3}[A-Z][\w.&'-]*)\s+(?P<cue>news agency|newspaper)\b"
)
# Names that end like a newspaper's: "the Northgate Times", "Lakeside Courier".
_MASTHEAD = (
    r"Times|Post|News|Herald|Courier|Wire|Tribune|Gazette|Journal|Mirror|Express|Telegraph|"
    r"Guardian|Observer|Monitor|Chronicle|Standard|Sentinel|Ledger|Dispatch|Daily|Press|Radio"
)
MASTHEAD = re.compile(rf"(?<![\w⟦:])(?:[A-Z][\w'-]*\s+){{0,3}}(?:{_MASTHEAD})(?![\w-])")
ANAPHOR = re.compile(
    r"\b(?:the|that|this) (?:newspaper|paper|daily|station|broadcaster|agency|channel|"
    r"news agency|outlet|report)\b(?!\s+[A-Z])"
)
# A registry name counts as a citation only near such words.
_CITING = re.compile(
    rf"^(?:\s*(?:news agency|newspaper|daily|,? quoting|'s report|{_KIND_WORDS})|\s*,?\s*"
    rf"(?:reported|reports|said|says|quoted|quoting|carried|cited|citing|wrote|writes|added|"
    rf"published|claimed|confirmed|denied)\b)"
    if (_KIND_WORDS := "TV|television|radio")
    else ""
)
_BEFORE_CITING = re.compile(
    r"(?:according to|told|to|by|quoted by|with|in|daily|newspaper|agency|broadcaster|"
    r"station|channel|reported by|contacted by|citing|quoting)\s+(?:the\s+)?$",
    re.I,
)


@dataclass
class OutletRef:
    """An outlet the article cites: a registry key, or a new entry to review."""

    key: str
    name: str
    country: str | None = None
    kind: str = "news_site"
    new: bool = False
    cue: str = ""
    evidence: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", places.fold(name))
    words = [w for w in words if w != "the"] or ["outlet"]
    key = "_".join(words)[:40].strip("_")
    return key if key[0].isalpha() else f"outlet_{key}"


class OutletFinder:
    """Finds outlet mentions in sentences; remembers the ones it has seen."""

    def __init__(self, registry: dict[str, Outlet]) -> None:
        self.registry = registry
        self.by_name: dict[str, str] = {}
        for key, outlet in registry.items():
            for name in self._names(outlet.name):
                self.by_name.setdefault(name, key)
        self.seen: dict[str, OutletRef] = {}
        self.last: str | None = None

    @staticmethod
    def _names(name: str) -> list[str]:
        names = [name]
        inner = re.search(r"\(([^)]+)\)", name)
        base = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if inner and not re.search(r"[.\s]", inner.group(1)):
            names.append(inner.group(1))
        names.append(base)
        names.append(re.sub(r"^The\s+", "", base))
        names.append(re.sub(r"\s+(News Agency|Agency|TV|Online|\.com)$", "", base))
        return [n for n in dict.fromkeys(names) if len(n) >= 2]

    def resolve(self, name: str, cue: str = "", country: str | None = None) -> OutletRef:
        """The registry entry of that name or key, else a new outlet entry."""
        name = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", name.strip()) if name else name
        key = name if name in self.registry else self.by_name.get(name)
        key = key or self.by_name.get(f"The {name}")
        if key is None:
            key = next((k for n, k in self.by_name.items() if n.lower() == name.lower()), None)
        if key is not None:
            outlet = self.registry[key]
            ref = self.seen.get(key) or OutletRef(key, outlet.name, outlet.country, outlet.kind)
        else:
            kind = next((k for k, p in _KIND_CUES if cue and re.fullmatch(p, cue, re.I)), None)
            key = _slug(name)
            while key in self.registry:
                key += "_new"
            ref = self.seen.get(key) or OutletRef(key, name, country, kind or "news_site", True)
            if country and not ref.country:
                ref.country = country
        ref.cue = ref.cue or cue
        self.seen.setdefault(ref.key, ref)
        if ref.new:
            self.by_name.setdefault(ref.name, ref.key)
        return self.seen[ref.key]

    def find(self, text: str) -> list[tuple[int, int, OutletRef]]:
        """Outlet mentions in a sentence: (start, end, outlet), in order."""
        found: list[tuple[int, int, OutletRef]] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        for match in NEW_BEFORE.finditer(text):
            name = self._trim(match.group("name"))
            if not name or not free(match.start(), match.end()):
                continue
            start = self._start(text, match.start(), match.start("cue"))
            country = self._country(text[start : match.start("cue")])
            ref = self.resolve(name, match.group("cue"), country)
            end = match.start("name") + len(name)
            found.append((start, end, ref))
            taken.append((start, end))
        for match in NEW_AFTER.finditer(text):
            name = re.sub(r"^(?:The|the)\s+", "", match.group("name"))
            if free(match.start(), match.end()) and not places.find_countries(name):
                ref = self.resolve(name, match.group("cue"))
                found.append((match.start(), match.end(), ref))
                taken.append((match.start(), match.end()))
        for name in sorted(self.by_name, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-])(?:[Tt]he\s+)?{re.escape(name)}(?![\w-])", text):
                if not free(match.start(), match.end()):
                    continue
                key = self.by_name[name]
                kind = self.seen[key].kind if key in self.seen else self.registry[key].kind
                news = kind in ("news_agency", "newspaper", "broadcaster", "news_site")
                after, before = text[match.end() :], text[: match.start()]
                if (
                    _CITING.match(after)
                    or _BEFORE_CITING.search(before)
                    or (news and name.isupper() and len(name) > 3)
                ):
                    ref = self.seen.get(key) or self.resolve(name)
                    found.append((match.start(), match.end(), ref))
                    taken.append((match.start(), match.end()))
        for match in MASTHEAD.finditer(text):
            name = re.sub(r"^(?:The|the)\s+", "", match.group())
            if (
                free(match.start(), match.end())
                and len(name.split()) > 1
                and not self._names_known(name)
            ):
                found.append((match.start(), match.end(), self.resolve(name)))
                taken.append((match.start(), match.end()))
        for match in ANAPHOR.finditer(text):
            if self.last and free(match.start(), match.end()):
                found.append((match.start(), match.end(), self.seen[self.last]))
        found.sort(key=lambda item: item[0])
        if found:
            self.last = found[-1][2].key
        return found

    def _names_known(self, name: str) -> bool:
        return any(n.lower() == name.lower() for n in self.by_name)

    def add_known(self, name: str, key: str) -> None:
        """Treat a name as this outlet wherever it appears (the article's own outlet)."""
        self.by_name.setdefault(name, key)

    @staticmethod
    def _start(text: str, start: int, cue: int) -> int:
        """Skip capitalised words before the cue that are not places ("However")."""
        for word in re.finditer(r"\S+", text[start:cue]):
            bare = word.group().removesuffix("'s")
            if bare[:1].islower() or bare in ("The",) or places.find_countries(bare):
                return start + word.start()
            if places.find_city(bare) is not None:
                return start + word.start()
        return cue

    @staticmethod
    def _trim(name: str) -> str:
        words = name.split()
        while words and (words[-1] in ("of", "the", "de", "del", "la") or words[-1].endswith(",")):
            words.pop()
        return " ".join(words).rstrip(".,")

    @staticmethod
    def _country(prefix: str) -> str | None:
        mentions = places.find_countries(prefix)
        if mentions:
            return mentions[-1].code
        for word in re.findall(r"[A-Z][\w-]+", prefix):
            city = places.find_city(word)
            if city and city.population > 100_000:
                return city.country
        return None

"""Extraction of cited outlets: "TASS news agency quoted", "Pakistan's daily The Nation
reported", "told the state broadcaster Radio Lome Une". Names are resolved against the
outlet registry (seeds/outlets.yaml); an outlet it lacks becomes a new entry for review.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from generator.extract import places
from generator.extract.article import Article
from generator.model import Outlet

_NEWS_KINDS = ("news_agency", "newspaper", "broadcaster", "news_site")

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
    r"station|channel|reported by|contacted by|citing|quoting|"
    r"(?:on|via)(?:\s+(?:the|its|his|her|their))?(?:\s+(?:messaging app|social media(?: "
    r"platform)?|platform|account))?)\s+(?:the\s+)?$",
    re.I,
)


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9/&-]*[A-Z0-9]")
# The last word of a name that is a publisher's ("Anadolu Agency", "Sahel Daily Star"), or
# its web address ("24.kg", "bdnews24.com"). A name the parser tags as an organisation and
# that ends so is an outlet wherever it appears.
MEDIA_HEADS = frozenset(
    {
        *("Agency", "News", "TV", "Radio", "Times", "Post", "Daily", "Herald", "Tribune"),
        *("Press", "Gazette", "Journal", "Channel", "Television", "Telegraph"),
        *("Mirror", "Express", "Observer", "Chronicle", "Standard", "Courier", "Dispatch"),
        *("Monitor", "Wire", "Online", "Today", "Star", "Sun", "Review", "Insider"),
        *("Broadcaster", "Broadcasting", "Newspaper", "Magazine", "Weekly", "Ledger"),
        *("Sentinel", "Bulletin", "Reporter"),
    }
)
MEDIA_FIRST = frozenset({"Radio", "Agence", "Agencia", "Agenzia"})
# Heads that make a publisher's name only after a media word: "Al Jazeera Media Network",
# not "the Haqqani Network".
MEDIA_GROUPS = frozenset({"Network", "Group", "Corporation", "Company"})
_WEB_NAME = re.compile(r"[\w-]+\.(?:com|net|org|info|tv|news|[a-z]{2})$", re.I)
_WEB_SUFFIX = re.compile(r"\.(?:com|net|org|info|tv|news|[a-z]{2})$", re.I)
_NOT_OUTLET_WORDS = re.compile(
    r"\b(?:Ministry|Department|Office|Council|Committee|Commission|Army|Force|Forces|Police|"
    r"Party|Front|Movement|Union|Government|Embassy|University|Institute|Bank|Court)\b"
)
# "in Kurram Agency", "near Radio Station": an organisation's name used as a place.
_LOCATIVE = frozenset({"in", "near", "at", "inside", "outside", "across", "into", "through"})
# Between two outlets in a sentence: the first relays the second ("A, citing B"), or the
# second relays the first ("B, as quoted by A").
_RELAYS = re.compile(r"^\s*(?:\w+\s*)?,?\s*(?:citing|quoting|quoted|cited)\s+(?:the\s+)?$")
_RELAYED_BY = re.compile(
    r"^\s*,?\s*(?:as\s+)?(?:quoted|cited|reported|relayed|carried)\s+by\s+(?:the\s+)?$"
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
    derived_from: list[str] = field(default_factory=list)  # keys of outlets it relays


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
        self.always: set[str] = set()  # names that are this outlet wherever they appear
        self.pending: dict[str, OutletRef] = {}  # new outlets named, not yet cited

    @staticmethod
    def _names(name: str) -> list[str]:
        names = [name]
        inner = re.search(r"\(([^)]+)\)", name)
        base = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if inner and _ACRONYM.fullmatch(inner.group(1)):  # "(AFP)", not "(Pakistan)"
            names.append(inner.group(1))
        names.append(base)
        names.append(re.sub(r"^The\s+", "", base))
        names.append(re.sub(r"\s+(News Agency|Agency|TV|Online|\.com)$", "", base))
        capitals = [w for w in base.split() if w[:1].isupper()]
        if len(capitals) >= 3 and len(capitals) == len([w for w in base.split() if w != "of"]):
            names.append("".join(w[0] for w in capitals))  # "Saudi Press Agency": "SPA"
        return [
            n
            for n in dict.fromkeys(names)
            if len(n) >= 2 and not (n != name and places.is_country_word(n))
        ]

    def resolve(
        self, name: str, cue: str = "", country: str | None = None, cited: bool = True
    ) -> OutletRef:
        """The registry entry of that name or key, else a new outlet entry; `cited`: the
        article cites it (it becomes a source), else it is only known by name."""
        name = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", name.strip()) if name else name
        key = name if name in self.registry else self.by_name.get(name)
        key = key or self.by_name.get(f"The {name}")
        if key is None:
            bare = _WEB_SUFFIX.sub("", name).lower()  # "DAWN.COM": Dawn
            key = next((k for n, k in self.by_name.items() if n.lower() in (name.lower(), bare)),
                       None)  # fmt: skip
            key = key or (bare if bare in self.registry else None)
        if key in self.registry:
            outlet = self.registry[key]
            ref = self.seen.get(key) or OutletRef(key, outlet.name, outlet.country, outlet.kind)
        else:
            kind = next((k for k, p in _KIND_CUES if cue and re.fullmatch(p, cue, re.I)), None)
            if key is None:
                key = _slug(name)
                while key in self.registry:
                    key += "_new"
            ref = self.seen.get(key) or self.pending.get(key)
            ref = ref or OutletRef(key, name, country, kind or "news_site", True)
            if country and not ref.country:
                ref.country = country
        ref.cue = ref.cue or cue
        if cited:
            self.seen.setdefault(ref.key, ref)
            self.pending.pop(ref.key, None)
        elif ref.key not in self.seen:
            self.pending[ref.key] = ref
        if ref.new:
            self.by_name.setdefault(ref.name, ref.key)
        return ref

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
                known = self.seen.get(key) or self.pending.get(key) or self.registry.get(key)
                kind = known.kind if known else "news_site"
                news = kind in ("news_agency", "newspaper", "broadcaster", "news_site")
                after, before = text[match.end() :], text[: match.start()]
                if (
                    name in self.always
                    or _CITING.match(after)
                    or _BEFORE_CITING.search(before)
                    or (news and name.isupper() and len(name) > 3)
                ):
                    ref = self.seen.get(key) or self.resolve(name)
                    found.append((match.start(), match.end(), ref))
                    taken.append((match.start(), match.end()))
        for match in ANAPHOR.finditer(text):
            if self.last and free(match.start(), match.end()):
                found.append((match.start(), match.end(), self.seen[self.last]))
        found.sort(key=lambda item: item[0])
        if found:
            self.last = found[-1][2].key
        self._relays(text, found)
        return found

    @staticmethod
    def _relays(text: str, found: list[tuple[int, int, OutletRef]]) -> None:
        """Chains within a sentence: "A, citing B" and "B, as quoted by A"."""
        for (_, end, first), (start, _, second) in itertools.pairwise(found):
            between = text[end:start]
            relay, source = (
                (first, second)
                if _RELAYS.match(between)
                else (second, first)
                if _RELAYED_BY.match(between)
                else (None, None)
            )
            if relay and source and source.key not in (relay.key, *relay.derived_from):
                relay.derived_from.append(source.key)

    # -- what the whole article says about its outlets ----------------------------------
    def read_article(self, article: Article, own: str) -> None:
        """Outlets named by the parser's entities, and the outlets the page credits."""
        for sentence in article.sentences:
            for entity in sentence.span.ents if sentence.span is not None else ():
                head = entity.root.head
                placed = entity.root.dep_ == "pobj" and head.lower_ in _LOCATIVE
                if entity.label_ == "ORG" and not placed and self._media_name(entity.text):
                    name = self._trim(re.sub(r"^(?:[Tt]he)\s+", "", entity.text))
                    ref = self.resolve(name, _kind_cue(name), cited=False)
                    self.by_name.setdefault(name, ref.key)
                    self.always.add(name)
        for credit in article.credits:
            self.credit(credit.names, credit.cue, credit.line, own)
        for line in article.preamble:
            self._preamble(line, own)

    def _media_name(self, name: str) -> bool:
        """Whether an organisation's name is a publisher's: registered as one, or named
        like one ("Anadolu Agency", "Radio Andina Sur", "bdnews24.com")."""
        name = re.sub(r"^(?:[Tt]he)\s+", "", name.strip())
        words = name.split()
        if not words or _NOT_OUTLET_WORDS.search(name):
            return False
        key = self.by_name.get(name)
        if key in self.registry:
            return self.registry[key].kind in _NEWS_KINDS
        if _WEB_NAME.fullmatch(name):
            return True
        if len(words) > 2 and words[-1] in MEDIA_GROUPS:
            return words[-2] in MEDIA_HEADS or words[-2] == "Media"
        return len(words) > 1 and (words[-1] in MEDIA_HEADS or words[0] in MEDIA_FIRST)

    def credit(self, names: str, cue: str, line: str, own: str) -> list[OutletRef]:
        """The outlets a credit names ("AP and Reuters", "UrduPoint / Point News - 2024");
        none when it credits the article's own outlet (a self-credit or co-brand)."""
        parts = [
            self._trim(re.sub(r"^(?:[Tt]he)\s+", "", p.strip(" .()")))
            for p in re.split(r"\s*(?:,|/|;|&|\band\b|\s-\s)\s*", names)
        ]
        parts = [p for p in parts if p and not re.search(r"\d", p) and p[0].isupper()]
        refs = [self.resolve(p, _kind_cue(p) or "news agency", cited=False) for p in parts]
        if any(r.key == own for r in refs):
            return []
        for ref in refs:
            ref = self.resolve(ref.name, cue)
            ref.cue = ref.cue if ref.cue and ref.cue != "news agency" else cue
            ref.evidence.append(line)
        return [self.seen[r.key] for r in refs]

    def _preamble(self, line: str, own: str) -> None:
        """A byline or masthead line before the story that names a registered outlet
        ("Press Trust of India Islamabad"): the report is that outlet's."""
        if len(line.split()) > 8:
            return
        for name in sorted(self.by_name, key=len, reverse=True):
            key = self.by_name[name]
            if key != own and key in self.registry and re.match(rf"{re.escape(name)}\b", line):
                self.credit(name, "byline", line, own)
                return

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


def _kind_cue(name: str) -> str:
    """The kind a new outlet's own name gives: "Anadolu Agency" is a news agency."""
    words = name.split()
    last = words[-1] if words else ""
    if last == "Agency" or words[:1] == ["Agence"]:
        return "news agency"
    if last in ("TV", "Radio", "Television", "Channel", "Broadcaster") or words[:1] == ["Radio"]:
        return "broadcaster"
    if last in ("Times", "Post", "Daily", "Herald", "Tribune", "Gazette", "Journal", "Star"):
        return "newspaper"
    return ""

"""Stage 2, model: the pydantic schema of event records and the outlet registry.

Shapes and single-field formats only; rules that look across fields, records or files
(references, id versus file name) live in checks.py. Never reads files.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
)
from pydantic_core import PydanticCustomError

from generator import vocab
from generator.dates import PartialDate
from generator.suggest import closest, did_you_mean

ID_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(-[a-z0-9]+)+$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
TAG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+([_-][a-z0-9]+)*$"
URL_SCHEMES = ("http", "https", "mailto")
# Bidirectional overrides and isolates can make text read differently from what it says.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_USER_ASSIGNED = {"XK": "Kosovo"}

# Bounds on the lists that make pages, feeds and pictures: a record within them keeps its
# output small (issue 14: one record of 5,000 tags made a 1.2 GB site). Generous for real
# events; explain.py turns a breach into "at most N ... per record" with the fix.
MAX_TAGS = 50
MAX_ACTORS = 200
MAX_SOURCES = 200
MAX_CLAIMS = 200
MAX_STATEMENTS = 100  # per claim
MAX_ACTIONS = 100
MAX_RELATED = 100
MAX_ALIASES = 20  # per actor
#: Levels of member_of above an actor (a member of a member of ...), checked in checks.py.
MAX_MEMBERSHIP_DEPTH = 8


# Noncharacters are not for interchange, and YAML readers (the theme's front matter) refuse
# U+FFFE and U+FFFF: U+FDD0-U+FDEF and the last two code points of every plane.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_SUSPECT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_NONCHARACTERS}]")


def _code(char: str) -> str:
    """A character as a reader can look it up: 'U+200B ZERO WIDTH SPACE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def _check_text(value: str, *, single_line: bool) -> str:
    # Every _SUSPECT character is unprintable (Cc, Cf or Cn): the C check spares the regex.
    printable = value.isprintable() or value.replace("\n", "").replace("\t", "").isprintable()
    suspect = None if printable else _SUSPECT.search(value)
    for char in suspect.group() if suspect else "":
        if char in _BIDI:
            raise PydanticCustomError(
                "text",
                "contains the invisible bidirectional control {code}, which can make text "
                "read differently from what it says; delete it",
                {"code": _code(char)},
            )
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            raise PydanticCustomError(
                "text",
                "contains the control character {code}; delete it",
                {"code": _code(char)},
            )
        if unicodedata.category(char) == "Cn":
            raise PydanticCustomError(
                "text",
                "contains the noncharacter {code}, which is not meant for text; delete it",
                {"code": _code(char)},
            )
    if single_line and "\n" in value.strip():
        raise PydanticCustomError(
            "text", "must be a single line; join the lines or use a folded scalar (>-)"
        )
    if single_line and (not printable or _VARIATION.search(value)):
        _check_visible(value)
    return value.strip()


# Names, titles and labels identify: each of their characters must show. Format characters
# (Cf: zero-width spaces, bidirectional marks, tag characters), private-use (Co) and
# unassigned (Cn) code points and line or paragraph separators (Zl, Zp) are refused there.
# Prose (Text) keeps directional marks and soft hyphens, which mixed-script text needs.
_INVISIBLE = {"Cf", "Co", "Cn", "Zl", "Zp"}
# Zero-width (non-)joiners spell words of joining scripts (Persian, Indic) and emoji
# sequences: kept between two characters of such a word, never beside Latin or a space.
_JOINERS = "\u200c\u200d"
# A variation selector picks the glyph of the character before it; a run of them shows
# nothing and can smuggle data.
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _in_word(value: str, index: int) -> bool:
    if index == 0 or index == len(value) - 1:
        return False
    return all(
        not (c.isascii() or c.isspace() or unicodedata.name(c, "").startswith("LATIN "))
        for c in (value[index - 1], value[index + 1])
    )


def _check_visible(value: str) -> None:
    value = value.strip()
    for index, char in enumerate(value):
        if _VARIATION.match(char) and (index == 0 or _VARIATION.match(value[index - 1])):
            raise PydanticCustomError(
                "text",
                "contains the variation selector {code} (character {position}) with no "
                "character before it to vary, which can carry hidden text; delete it",
                {"code": _code(char), "position": index + 1},
            )
        if char.isprintable() or unicodedata.category(char) not in _INVISIBLE:
            continue
        if char in _JOINERS and _in_word(value, index):
            continue
        fix = "delete it"
        if char in _JOINERS:
            fix += " (a joiner is kept only inside a word of a non-Latin script or an emoji)"
        what = {
            "Co": "private-use character",
            "Cn": f"code point unassigned in Unicode {unicodedata.unidata_version}",
            "Zl": "line separator",
            "Zp": "paragraph separator",
        }.get(unicodedata.category(char), "invisible character")
        raise PydanticCustomError(
            "text",
            "contains the {what} {code} (character {position}), which a reader cannot see: "
            "names and titles must show every character they hold; {fix}",
            {"what": what, "code": _code(char), "position": index + 1, "fix": fix},
        )


def _text(value: str) -> str:
    return _check_text(value, single_line=False)


def _line(value: str) -> str:
    return _check_text(value, single_line=True)


@lru_cache(maxsize=1024)
def _is_country(value: str) -> bool:
    return value in _USER_ASSIGNED or bool(
        re.fullmatch(r"[A-Z]{2}", value) and pycountry.countries.get(alpha_2=value)
    )


def _country(value: str) -> str:
    if _is_country(value):
        return value
    hint = ""
    if len(value) == 2 and value.isalpha() and pycountry.countries.get(alpha_2=value.upper()):
        hint = f"; write it in capitals: {value.upper()!r}"
    else:
        try:
            match = pycountry.countries.lookup(value)
            hint = f"; {match.name} is {match.alpha_2!r}"
        except LookupError:
            hint = _nearest_country(value)
    raise PydanticCustomError(
        "country",
        "expected an ISO 3166-1 alpha-2 country code such as 'PK' or 'RU', found {value}{hint}",
        {"value": repr(value), "hint": hint},
    )


@lru_cache(maxsize=2)
def _country_words(codes: bool) -> dict[str, str]:
    """Each code (or each name, as pycountry spells them) of a country -> its code."""
    attrs = ("alpha_2", "alpha_3") if codes else ("name", "common_name")
    words: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in attrs:
            word = getattr(country, attr, None)
            if word:
                words[word] = country.alpha_2
    for code, name in _USER_ASSIGNED.items():
        words[code if codes else name] = code
    return words


def _nearest_country(value: str) -> str:
    """'. Did you mean 'PK' (Pakistan)?' for a misspelt country name or code, or ''.
    A code is compared with codes and a name with names ('Rusia' is not 'USA')."""
    words = _country_words(len(value) <= 3)
    word = closest(value, words)
    if word is None:
        return ""
    code = words[word]
    name = _USER_ASSIGNED.get(code) or pycountry.countries.get(alpha_2=code).name
    return f". Did you mean {code!r} ({name})?"


# \s is what str.isspace() matches, and Cc is U+0000-U+001F and U+007F-U+009F.
_URL_REFUSED = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\]")


def _url(value: str) -> str:
    if _URL_REFUSED.search(value):
        raise PydanticCustomError(
            "url", "a URL may not contain spaces, quotes, backslashes or < >; percent-encode them"
        )
    parts = urlsplit(value)
    if parts.scheme not in URL_SCHEMES:  # urlsplit lower-cases the scheme
        raise PydanticCustomError(
            "url",
            "expected an http, https or mailto URL, found scheme {scheme}; other schemes are "
            "never linked",
            {"scheme": repr(parts.scheme) if parts.scheme else "none"},
        )
    if parts.scheme != "mailto" and not parts.netloc:
        raise PydanticCustomError("url", "the URL has no host; write it as https://host/path")
    return value


def _cameo(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            "cameo",
            "CAMEO codes must be quoted, because YAML reads a number and drops leading zeros: "
            'write cameo: "{value}"',
            {"value": f"{int(value):03d}" if isinstance(value, int) else value},
        )
    return value


def _no_number_keys(value: Any) -> Any:
    return value


Text = Annotated[str, AfterValidator(_text)]
Line = Annotated[str, AfterValidator(_line), Field(max_length=300)]
Country = Annotated[str, AfterValidator(_country)]
Url = Annotated[str, AfterValidator(_url), Field(max_length=2000)]
Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=64)]
Tag = Annotated[str, Field(pattern=TAG_PATTERN, max_length=64)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
EventId = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
Number = int | float


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, use_enum_values=False
    )


class Location(Strict):
    """Where the event happened, with ACLED geo-precision."""

    name: Line = Field(description="Place name as a reader knows it, e.g. 'Islamabad'.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code of the country, e.g. 'PK'.")
    admin1: Line | None = Field(None, description="First-level administrative division.")
    admin2: Line | None = Field(None, description="Second-level administrative division.")
    admin3: Line | None = Field(None, description="Third-level administrative division.")
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude, WGS84 decimal degrees.")
    lon: float | None = Field(
        None, ge=-180, le=180, description="Longitude, WGS84 decimal degrees."
    )
    precision: vocab.Precision = Field(description="How exactly the coordinates fit the event.")
    geonames: int | None = Field(None, ge=1, description="GeoNames id of the place.")
    note: Text | None = Field(None, description="How the location was determined.")


class Actor(Strict):
    """A person, organization, group or state that appears in the event."""

    name: Line = Field(description="Full name; for unnamed actors a neutral description.")
    aliases: list[Line] = Field(
        [],
        max_length=MAX_ALIASES,
        description=f"Other names and abbreviations (searchable); at most {MAX_ALIASES}.",
    )
    kind: vocab.ActorKind = Field(description="Person, organization, group or state.")
    sector: vocab.Sector | None = Field(None, description="CAMEO-style sector code.")
    country: Country | None = Field(None, description="ISO 3166-1 alpha-2 code; null if none.")
    member_of: Key | None = Field(
        None,
        description="Key of the actor this one belongs to; not itself, no cycles, at most "
        f"{MAX_MEMBERSHIP_DEPTH} levels up.",
    )
    position: Line | None = Field(None, description="Title or function, e.g. 'Director'.")
    role: vocab.ActorRole = Field(description="The actor's part in the event.")
    unidentified: StrictBool = Field(False, description="True when sources do not name the actor.")
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = Field(
        None, description="Wikidata item id, e.g. 'Q2429253'."
    )
    note: Text | None = Field(None, description="Analyst's note on the actor.")


class Source(Strict):
    """One report, declared once and cited by key from statements."""

    outlet: Key = Field(description="Key of the publisher in outlets.yaml.")
    title: Line | None = Field(None, description="Headline; null when not seen.")
    url: Url | None = Field(None, description="Address of the report (http, https or mailto).")
    published: PartialDate | None = Field(None, description="Publication date.")
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = Field(
        None, description="ISO 639 language code of the report."
    )
    role: vocab.SourceRole = Field(description="What the source contributes.")
    read: vocab.ReadStatus = Field(description="Whether the analyst read it.")
    seen_at: Url | None = Field(None, description="Where a copy was read, if not at url.")
    derived_from: list[Key] = Field([], description="Keys of sources this report relays.")
    note: Text | None = Field(None, description="Analyst's note on the source.")


class Figure(Strict):
    """A number reported in a claim, kept with its attribution."""

    value: Number | None = Field(None, description="The number, when a single value is given.")
    low: Number | None = Field(None, description="Lower end of a range.")
    high: Number | None = Field(None, description="Upper end of a range.")
    qualifier: vocab.Qualifier = Field(vocab.Qualifier.EXACTLY, description="How it bounds.")
    unit: Slug = Field(description="What is counted, snake_case, e.g. 'fighters'.")
    of: Key | None = Field(None, description="Key of the actor the figure is about.")
    place: Country | None = Field(None, description="Country the figure applies to.")
    as_of: PartialDate | None = Field(None, description="Date the figure refers to.")
    note: Text | None = Field(None, description="Analyst's note.")

    @field_validator("high")
    @classmethod
    def _range(cls, high: Number | None, info: Any) -> Number | None:
        low = info.data.get("low")
        if high is not None and low is not None and high < low:
            raise PydanticCustomError("range", "high is below low; swap them")
        return high


class Statement(Strict):
    """Who said a claim, which outlet reported it, via whom, and with what stance."""

    attributed_to: Key | None = Field(
        description="Actor key of the speaker; null when the outlet speaks in its own voice."
    )
    described_as: Line | None = Field(None, description="How the source describes the speaker.")
    relayed_by: Key | None = Field(None, description="Actor who passed the statement on.")
    reported_by: list[Key] = Field(min_length=1, description="Source keys that carry it.")
    via: list[Key] = Field([], description="Source keys through which we read those reports.")
    stance: vocab.Stance = Field(description="What the statement does with the claim.")
    form: vocab.Form = Field(description="Quote or paraphrase.")
    quote: Text | None = Field(None, description="The quoted words, when form is quote.")
    quote_from: Key | None = Field(None, description="Source key the quote is taken from.")
    said: PartialDate | None = Field(None, description="When it was said.")
    note: Text | None = Field(None, description="Analyst's note.")


class Claim(Strict):
    """A proposition, not a fact: what was claimed, how credible, and who said it."""

    id: Key = Field(description="Key of the claim, unique in the record.")
    type: vocab.ClaimType = Field(description="Kind of proposition.")
    text: Text = Field(description="The proposition in neutral words.")
    places: list[Country] = Field([], description="Countries the claim is about.")
    credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        None,
        description="Admiralty credibility 1-6: 1 confirmed, 2 probably true, 3 possibly true, "
        "4 doubtful, 5 improbable, 6 cannot be judged.",
    )
    credibility_note: Text | None = Field(None, description="Why this credibility.")
    figures: list[Figure] = Field([], description="Numbers the claim reports.")
    statements: list[Statement] = Field(
        min_length=1,
        max_length=MAX_STATEMENTS,
        description=f"Who said it, where; at most {MAX_STATEMENTS} per claim.",
    )


class Judgment(Strict):
    """A key judgment: likelihood and confidence kept apart (ICD 203)."""

    id: Key | None = Field(None, description="Key of the judgment.")
    text: Text = Field(description="The judgment, without likelihood words.")
    likelihood: vocab.Likelihood = Field(description="ICD 203 likelihood.")
    confidence: vocab.Confidence = Field(description="ICD 203 analytic confidence.")
    basis: list[Key] = Field(min_length=1, description="Claim ids the judgment rests on.")
    note: Text | None = Field(None, description="Analyst's note.")


class Assessment(Strict):
    """The analytic part of the brief."""

    bluf: Text = Field(description="Bottom line up front: two or three sentences.")
    judgments: list[Judgment] = Field([], description="Key judgments.")
    sourcing: Text | None = Field(None, description="Summary of the sourcing.")
    gaps: list[Text] = Field([], description="What is not known.")
    indicators: list[Text] = Field([], description="What to watch for.")
    alternatives: list[Text] = Field([], description="Alternative explanations.")


class Action(Strict):
    """A PLOVER/CAMEO-coded action, for interoperable export."""

    id: Key | None = Field(None, description="Key of the action.")
    plover: vocab.Plover = Field(description="PLOVER category.")
    mode: Slug | None = Field(None, description="PLOVER mode.")
    context: list[Slug] = Field([], description="PLOVER contexts.")
    cameo: Annotated[str, BeforeValidator(_cameo), Field(pattern=r"^[0-9]{2,4}$")] | None = Field(
        None, description='CAMEO event code, quoted, e.g. "042".'
    )
    actor: list[Key] = Field(min_length=1, description="Actor keys of the source actors.")
    recipient: list[Key] = Field([], description="Actor keys of the targets.")
    about: list[Key] = Field([], description="Actor keys the action is about.")
    claims: list[Key] = Field([], description="Claim ids that support the coding.")
    note: Text | None = Field(None, description="Coding note.")


class Related(Strict):
    """A link to another event record (id) or to an outside report (url)."""

    id: EventId | None = Field(None, description="Id of a record in this archive.")
    url: Url | None = Field(None, description="Address of an outside item.")
    rel: vocab.Relation = Field(description="How it relates.")
    date: PartialDate | None = Field(None, description="Date of the related item.")
    note: Text | None = Field(None, description="What it is.")


class Event(Strict):
    """One event record (schema 1); the file name is the id plus .yaml."""

    schema_version: Literal[1] = Field(alias="schema", description="Schema version: 1.")
    id: EventId = Field(description="YYYY[-MM[-DD]]-place-what; equals the file name.")
    status: vocab.Status = Field(description="draft, reviewed, published or retracted.")
    created: PartialDate | None = Field(None, description="When the record was created.")
    updated: PartialDate | None = Field(None, description="When the record was last changed.")
    title: Line = Field(max_length=200, description="Neutral headline.")
    summary: Text = Field(description="What happened, in neutral words.")
    date: PartialDate = Field(description="Event date; precision follows from its length.")
    date_end: PartialDate | None = Field(None, description="Last day of a multi-day event.")
    date_basis: vocab.DateBasis | None = Field(None, description="How the date was found.")
    date_note: Text | None = Field(None, description="How the date was derived.")
    location: Location = Field(description="Where it happened.")
    event_type: vocab.EventType = Field(description="ACLED event type.")
    sub_event_type: Slug = Field(description="ACLED sub-event type of that event type.")
    fatalities: int | None = Field(None, ge=0, description="Fatalities, ACLED counting rules.")
    actions: list[Action] = Field(
        [],
        max_length=MAX_ACTIONS,
        description=f"PLOVER/CAMEO-coded actions; at most {MAX_ACTIONS}.",
    )
    actors: dict[Key, Actor] = Field(
        {},
        max_length=MAX_ACTORS,
        description=f"Actors by key; required unless draft; at most {MAX_ACTORS}.",
    )
    sources: dict[Key, Source] = Field(
        {},
        max_length=MAX_SOURCES,
        description=f"Sources by key; required unless draft; at most {MAX_SOURCES}.",
    )
    claims: list[Claim] = Field(
        [],
        max_length=MAX_CLAIMS,
        description=f"Claims with statements; required unless draft; at most {MAX_CLAIMS}.",
    )
    assessment: Assessment | None = Field(None, description="Required when published.")
    tags: list[Tag] = Field(
        [], max_length=MAX_TAGS, description=f"Topic tags, kebab-case; at most {MAX_TAGS}."
    )
    related: list[Related] = Field(
        [],
        max_length=MAX_RELATED,
        description=f"Related records or reports; at most {MAX_RELATED}.",
    )
    retraction: Text | None = Field(None, description="Why the record was retracted.")

    @field_validator("sub_event_type")
    @classmethod
    def _sub_type(cls, value: str, info: Any) -> str:
        event_type = info.data.get("event_type")
        if event_type is None:
            return value
        allowed = vocab.SUB_EVENT_TYPES[event_type]
        if value not in allowed:
            raise PydanticCustomError(
                "vocabulary",
                "expected a sub-event type of {event_type}: {allowed}; found {value}{hint}",
                {
                    "event_type": event_type.value,
                    "allowed": ", ".join(allowed),
                    "value": repr(value),
                    "hint": did_you_mean(value, allowed, end="."),
                },
            )
        return value

    @property
    def published(self) -> bool:
        return self.status in (vocab.Status.PUBLISHED, vocab.Status.RETRACTED)

    @property
    def retracted(self) -> bool:
        return self.status is vocab.Status.RETRACTED


class Outlet(Strict):
    """A publisher in the outlet registry, with its editorial reliability grade."""

    name: Line = Field(description="Name of the outlet.")
    country: Country | None = Field(None, description="Country of the outlet; null if none.")
    kind: Slug = Field(description="news_agency, newspaper, broadcaster, news_site, blog, ...")
    ownership: Slug = Field(description="private, state, public_service or unknown.")
    reliability: vocab.Reliability = Field(description="Admiralty reliability A-F (editorial).")
    reliability_note: Text | None = Field(None, description="Why this grade.")
    url: Url | None = Field(None, description="Home page of the outlet.")


class Registry(BaseModel):
    """outlets.yaml: outlet key -> outlet."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    outlets: dict[Key, Outlet]

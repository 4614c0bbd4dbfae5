"""Stage 2, model: the pydantic schema of event records and the outlet registry.

Shapes only; the types and checks of single fields are in model_fields.py and
model_text.py, and rules that look across fields, records or files (references, id
versus file name) live in checks.py. Never reads files.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError

from generator import vocab
from generator.dates import PartialDate
from generator.model_fields import (
    Cameo,
    Country,
    EventId,
    Key,
    Line,
    Number,
    Slug,
    Tag,
    Text,
    Url,
)
from generator.suggest import did_you_mean

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
    cameo: Cameo | None = Field(None, description='CAMEO event code, quoted, e.g. "042".')
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

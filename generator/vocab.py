"""Controlled vocabularies of schema 1, with the labels and definitions readers see.

The model validates against these enums, the methodology page is generated from them and
the JSON Schema lists them: one source, so the site cannot explain a scale the schema
does not enforce.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Vocab(StrEnum):
    """A vocabulary value with a human label and a one-line definition."""

    label: str
    description: str

    def __new__(cls, value: str, label: str = "", description: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value.replace("_", " ")
        obj.description = description
        return obj

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]


class Status(Vocab):
    """Editorial status of a record. Drafts and reviewed records are not published."""

    DRAFT = "draft", "Draft", "Work in progress; never published."
    REVIEWED = "reviewed", "Reviewed", "Checked by a second analyst; not yet published."
    PUBLISHED = "published", "Published", "On the site; requires an assessment."
    RETRACTED = "retracted", "Retracted", "Withdrawn; stays online under a retraction banner."


class Precision(Vocab):
    """ACLED geo-precision: how exactly the coordinates locate the event."""

    EXACT = "exact", "Exact", "The precise place (town, village or site) is known."
    CITY = "city", "City", "The event happened in or around a named city; city coordinates."
    NEAR = "near", "Near", "Near a named place; the place's coordinates are used."
    ADMIN = "admin", "Region", "Only the province or region is known; its centroid is used."
    COUNTRY = "country", "Country", "Only the country is known."


class DateBasis(Vocab):
    """How the event date was established."""

    STATED = "stated", "Stated", "A source gives the date explicitly."
    DERIVED = "derived", "Derived", "Computed from a relative expression and a dateline."
    ESTIMATED = "estimated", "Estimated", "The analyst's estimate; see the date note."


class EventType(Vocab):
    """ACLED event types."""

    BATTLES = "battles", "Battles", "Violent interactions between two organised armed groups."
    EXPLOSIONS_REMOTE_VIOLENCE = (
        "explosions_remote_violence",
        "Explosions/Remote violence",
        "One-sided violence by explosive or remote means (bombs, shelling, air strikes).",
    )
    VIOLENCE_AGAINST_CIVILIANS = (
        "violence_against_civilians",
        "Violence against civilians",
        "Violent attacks by an organised armed group on unarmed non-combatants.",
    )
    PROTESTS = "protests", "Protests", "Public demonstrations that are not violent."
    RIOTS = (
        "riots",
        "Riots",
        "Violent events where demonstrators or mobs engage in disruptive acts.",
    )
    STRATEGIC_DEVELOPMENTS = (
        "strategic_developments",
        "Strategic developments",
        "Non-violent activity by conflict and other agents that shapes political dynamics.",
    )


#: ACLED sub-event types, keyed by the event type they belong to.
SUB_EVENT_TYPES: dict[EventType, dict[str, str]] = {
    EventType.BATTLES: {
        "armed_clash": "Armed clash",
        "government_regains_territory": "Government regains territory",
        "non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
    },
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: {
        "chemical_weapon": "Chemical weapon",
        "air_drone_strike": "Air/drone strike",
        "suicide_bomb": "Suicide bomb",
        "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
        "remote_explosive_landmine_ied": "Remote explosive/landmine/IED",
        "grenade": "Grenade",
    },
    EventType.VIOLENCE_AGAINST_CIVILIANS: {
        "sexual_violence": "Sexual violence",
        "attack": "Attack",
        "abduction_forced_disappearance": "Abduction/forced disappearance",
    },
    EventType.PROTESTS: {
        "peaceful_protest": "Peaceful protest",
        "protest_with_intervention": "Protest with intervention",
        "excessive_force_against_protesters": "Excessive force against protesters",
    },
    EventType.RIOTS: {
        "violent_demonstration": "Violent demonstration",
        "mob_violence": "Mob violence",
    },
    EventType.STRATEGIC_DEVELOPMENTS: {
        "agreement": "Agreement",
        "arrests": "Arrests",
        "change_to_group_activity": "Change to group/activity",
        "disrupted_weapons_use": "Disrupted weapons use",
        "headquarters_or_base_established": "Headquarters or base established",
        "looting_property_destruction": "Looting/property destruction",
        "non_violent_transfer_of_territory": "Non-violent transfer of territory",
        "other": "Other",
    },
}


class ActorKind(Vocab):
    """What sort of actor an entry describes."""

    PERSON = "person", "Person", "A named or unnamed individual."
    ORGANIZATION = "organization", "Organization", "A body with a name: agency, ministry, group."
    GROUP = "group", "Group", "Several people reported together (unnamed officials, sources)."
    STATE = "state", "State", "A country acting as a whole."


class Sector(Vocab):
    """The actor's sector, following CAMEO/PLOVER actor codes."""

    GOV = "gov", "Government", "Executive government and its ministries and diplomats."
    MIL = "mil", "Military", "Armed forces."
    COP = "cop", "Police", "Police and internal security forces."
    SPY = "spy", "Intelligence", "Intelligence services."
    LEG = "leg", "Legislature", "Parliaments and their members."
    JUD = "jud", "Judiciary", "Courts and judges."
    PTY = "pty", "Political party", "Political parties and their leaders."
    REB = "reb", "Armed group", "Rebel, insurgent or militant organisations."
    IGO = "igo", "Intergovernmental", "International organisations of states (UN, NATO)."
    NGO = "ngo", "Non-governmental", "Non-governmental organisations."
    MED = "med", "Media", "Journalists and media organisations."
    REL = "rel", "Religious", "Religious bodies and leaders."
    ELI = "eli", "Elite", "Community leaders and other elites."
    BUS = "bus", "Business", "Companies and business people."
    CVL = "cvl", "Civilian", "Civilians."
    UNK = "unk", "Unknown", "Sector not known."


class ActorRole(Vocab):
    """The actor's part in the event."""

    PARTICIPANT = "participant", "Participant", "Took part in the event."
    HOST = "host", "Host", "Hosted or convened the event."
    PERPETRATOR = "perpetrator", "Perpetrator", "Carried out or claimed an attack."
    TARGET = "target", "Target", "Was targeted by the event."
    SPEAKER = "speaker", "Speaker", "Made a statement about the event."
    SUBJECT = "subject", "Subject", "Was what the event was about."
    MENTIONED = "mentioned", "Mentioned", "Appears in the reporting without a direct part."


class SourceRole(Vocab):
    """What a source contributes to the record."""

    SEED = "seed", "Seed", "The article the record was drawn from."
    PRIMARY = "primary", "Primary", "First-hand report or original statement."
    SECONDARY = "secondary", "Secondary", "Report that relays another report."
    CORROBORATION = (
        "corroboration",
        "Corroboration",
        "Independent or parallel report used to check.",
    )
    CONTEXT = "context", "Context", "Background; not evidence for the event itself."


class ReadStatus(Vocab):
    """Whether the analyst read the source itself."""

    DIRECT = "direct", "Read", "The analyst read the source."
    SECONDHAND = "secondhand", "Read in a copy", "Read as reposted or quoted elsewhere."
    NOT_FOUND = "not_found", "Not found", "Known only through other reports; original not located."


class Reliability(Vocab):
    """Admiralty code: reliability of a source (outlet), graded A-F by editorial policy."""

    A = "A", "Completely reliable", "No doubt of authenticity, trustworthiness or competency."
    B = "B", "Usually reliable", "Minor doubts; a history of valid information most of the time."
    C = "C", "Fairly reliable", "Doubts; has provided valid information in the past."
    D = "D", "Not usually reliable", "Significant doubt; has provided valid information at times."
    E = "E", "Unreliable", "Lacking authenticity, trustworthiness and competency."
    F = "F", "Reliability cannot be judged", "No basis exists for evaluating the source."


class Credibility(Vocab):
    """Admiralty code: credibility of a claim, 1-6."""

    C1 = "1", "Confirmed", "Confirmed by other independent sources; logical; consistent."
    C2 = "2", "Probably true", "Not confirmed; logical; consistent with other information."
    C3 = "3", "Possibly true", "Not confirmed; reasonably logical; agrees with some information."
    C4 = "4", "Doubtful", "Not confirmed; possible but not logical; no other information."
    C5 = "5", "Improbable", "Not confirmed; not logical; contradicted by other information."
    C6 = "6", "Truth cannot be judged", "No basis exists for evaluating the validity."


class ClaimType(Vocab):
    """What kind of proposition a claim is."""

    OCCURRENCE = "occurrence", "Occurrence", "That something happened, when or where."
    PARTICIPATION = "participation", "Participation", "Who took part."
    CONTENT = "content", "Content", "What was discussed or said."
    COMMITMENT = "commitment", "Commitment", "What was agreed or promised."
    RESPONSIBILITY = "responsibility", "Responsibility", "Who carried out or claimed an act."
    CASUALTIES = "casualties", "Casualties", "How many were killed or wounded."
    FIGURE = "figure", "Figure", "A number: a count, an estimate, a total."
    ASSESSMENT = "assessment", "Assessment", "A judgement or characterisation by a source."
    REACTION = "reaction", "Reaction", "A response: condemnation, support, demand."


class Stance(Vocab):
    """What a statement does with a claim."""

    ASSERTS = "asserts", "asserts", "States the claim as true."
    CONFIRMS = "confirms", "confirms", "Confirms a claim first made by someone else."
    DENIES = "denies", "denies", "States the claim is false."
    DISPUTES = "disputes", "disputes", "Gives a contradicting version or questions the claim."
    NO_KNOWLEDGE = "no_knowledge", "no knowledge", "Says they are not aware; not a denial."
    DECLINES_COMMENT = "declines_comment", "declines comment", "Refuses to confirm or deny."


class Form(Vocab):
    """How the words of a statement reached us."""

    QUOTE = "quote", "Quote", "Direct quotation; the quoted words and their source are given."
    PARAPHRASE = "paraphrase", "Paraphrase", "Reported speech or a summary."


class Likelihood(Vocab):
    """ICD 203 expressions of likelihood (probability ranges)."""

    ALMOST_NO_CHANCE = "almost_no_chance", "almost no chance", "Remote: 1-5 %."
    VERY_UNLIKELY = "very_unlikely", "very unlikely", "Highly improbable: 5-20 %."
    UNLIKELY = "unlikely", "unlikely", "Improbable: 20-45 %."
    ROUGHLY_EVEN_CHANCE = (
        "roughly_even_chance",
        "roughly even chance",
        "Roughly even odds: 45-55 %.",
    )
    LIKELY = "likely", "likely", "Probable: 55-80 %."
    VERY_LIKELY = "very_likely", "very likely", "Highly probable: 80-95 %."
    ALMOST_CERTAIN = "almost_certain", "almost certain", "Nearly certain: 95-99 %."


class Confidence(Vocab):
    """ICD 203 analytic confidence: the quality of the sources and reasoning behind a judgment."""

    LOW = "low", "low confidence", "Scant, questionable or fragmented information."
    MODERATE = (
        "moderate",
        "moderate confidence",
        "Credibly sourced and plausible, not corroborated enough.",
    )
    HIGH = "high", "high confidence", "High-quality information from several sources."


class Qualifier(Vocab):
    """How a reported number bounds the true value."""

    EXACTLY = "exactly", "", "The number as given."
    ABOUT = "about", "about", 'Approximately ("around", "some").'
    AT_LEAST = "at_least", "at least", "A lower bound."
    MORE_THAN = "more_than", "more than", "Strictly above."
    AT_MOST = "at_most", "at most", "An upper bound."
    LESS_THAN = "less_than", "less than", "Strictly below."


class Plover(Vocab):
    """PLOVER event categories (actions)."""

    AGREE = "AGREE", "Agree", "Agree to, or sign, an agreement."
    CONSULT = "CONSULT", "Consult", "Meet, visit, talk or negotiate."
    SUPPORT = "SUPPORT", "Support", "Express support or approval."
    CONCEDE = "CONCEDE", "Concede", "Make a concession."
    COOPERATE = "COOPERATE", "Cooperate", "Cooperate (intelligence, security, economy)."
    AID = "AID", "Aid", "Give aid."
    RETREAT = "RETREAT", "Retreat", "Withdraw or de-escalate."
    REQUEST = "REQUEST", "Request", "Appeal, demand or request."
    ACCUSE = "ACCUSE", "Accuse", "Accuse, criticise, condemn."
    REJECT = "REJECT", "Reject", "Reject a proposal or claim."
    THREATEN = "THREATEN", "Threaten", "Threaten."
    PROTEST = "PROTEST", "Protest", "Demonstrate or protest."
    SANCTION = "SANCTION", "Sanction", "Sanction, expel, break relations."
    MOBILIZE = "MOBILIZE", "Mobilize", "Mobilise or raise alert levels."
    COERCE = "COERCE", "Coerce", "Arrest, restrict, seize."
    ASSAULT = "ASSAULT", "Assault", "Use violence."


class Relation(Vocab):
    """How a related item relates to this event."""

    SIMILAR = "similar", "Similar", "A comparable event."
    CONTEXT = "context", "Context", "Background to this event."
    PRECEDES = "precedes", "Precedes", "Happened before and led towards this event."
    FOLLOWS = "follows", "Follows", "Happened after, in response or as a consequence."
    PART_OF = "part_of", "Part of", "This event is part of the related one, or the reverse."
    CONTRADICTS = "contradicts", "Contradicts", "Reporting that contradicts this record."
    UPDATES = "updates", "Updates", "Supersedes or corrects the related item."

"""Extraction: where the event happened, from the places each sentence names with their
role (place_mentions.py). Chooses one place; never invents coordinates, never prints.

The event's place is the most specific site the lead names (a village, area or camp before
a district or city, a city before a province), else the dateline's place, else a place
named further on, and only then a country: never a country when the text names a place.
Names come as the article writes them; coordinates only from the gazetteer's entry for
that place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract import classify, places
from generator.extract.dateline import story_opening
from generator.extract.place_mentions import (
    ATTACK_VERBS,
    LOCATIVE,
    Mention,
    country_of_word,
    find_mentions,
    known_city,
)

if TYPE_CHECKING:
    from generator.extract.article import Article

LEAD_SENTENCES = 4


@dataclass
class Place:
    name: str
    country: str
    precision: str
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    admin1: str | None = None
    note: str = ""
    sentence: str = ""


def main_country(sentences: list[str]) -> str | None:
    """The country the text names most (first named on a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, sentence in enumerate(sentences):
        for mention in places.find_countries(sentence):
            counts[mention.code] += 1
            first.setdefault(mention.code, index)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


# ---- resolution -----------------------------------------------------------------------


def _resolve(mention: Mention, context: list[str]) -> None:
    """Country, province and gazetteer entry of a mention, given the countries around it."""
    countries = list(dict.fromkeys([*mention.countries, *context]))
    mention.subdivision = places.find_subdivision(mention.name, countries)
    town = mention.feature or mention.label in ("GPE", "LOC", "")
    mention.city = (
        None
        if not town
        else (places.find_city(mention.name, countries) if countries else None)
        or known_city(mention.name)  # "the city of Peshawar" in a story that names the US
    )
    if not countries and mention.feature and not (mention.city or mention.subdivision):
        only = places.only_place(mention.name)  # "in the Panjshir valley", no country named
        mention.city = only if isinstance(only, places.City) else None
        mention.subdivision = only if isinstance(only, places.Subdivision) else None
    if mention.city and mention.subdivision and mention.feature == 0:
        # "Kabul" is a city and a province, "Crimea" a region: the larger reading wins
        big = mention.city.population >= 100_000
        mention.city, mention.subdivision = (
            (mention.city, None) if big else (None, mention.subdivision)
        )
    mention.level = mention.feature or (3 if mention.city else 1 if mention.subdivision else 0)
    mention.country = (
        mention.subdivision.country
        if mention.subdivision and mention.level == 1
        else mention.city.country
        if mention.city
        else mention.subdivision.country
        if mention.subdivision
        else countries[0]
        if countries
        else None
    )


def _dateline_place(article: Article) -> tuple[str, list[str]] | None:
    if article.dateline is None:
        return None
    parts = [p.strip() for p in article.dateline.place.replace("/", ",").split(",")]
    codes = [c for c in (country_of_word(p.title()) for p in parts) if c]
    names = [p for p in parts if p and not country_of_word(p.title())]
    if not names:
        return None
    name = names[0].title() if names[0].isupper() else names[0]
    return name, codes


def locate(article: Article, main: str | None) -> Place | None:
    """The event's place (see the module's docstring)."""
    mentions = [m for s in article.sentences for m in find_mentions(s)]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.index, []).append(mention)
    dateline = _dateline_place(article)
    dateline_codes: list[str] = []
    dateline_city = None
    if dateline:
        name, dateline_codes = dateline
        dateline_city = (
            places.find_city(name, dateline_codes) if dateline_codes else known_city(name)
        )
        if dateline_city and not dateline_codes:
            dateline_codes = [dateline_city.country]
    mains = [main] if main else []
    for mention in mentions:  # what the gazetteers know, in the countries the text names
        sentence_codes = [c.code for c in places.find_countries(mention.sentence)]
        _resolve(mention, [*dateline_codes, *sentence_codes, *mains])
    known = [m for m in mentions if m.city or m.subdivision]
    start = story_opening(article.sentences, article.dateline)  # after a caption or teaser
    in_lead = range(start, start + LEAD_SENTENCES)
    lead_codes = [m.country for m in known if m.index in in_lead and m.country]
    for mention in mentions:  # an unknown place: in the country the text puts it in
        if mention.city or mention.subdivision:
            continue
        siblings = [m.country for m in by_sentence[mention.index] if m in known and m.country]
        sentence_codes = [c.code for c in places.find_countries(mention.sentence)]
        codes = [*mention.countries, *siblings, *lead_codes, *dateline_codes, *sentence_codes]
        mention.country = next((c for c in [*codes, *mains] if c), None)
    said = _said_at(article, mentions, in_lead, dateline, dateline_city, dateline_codes, main)
    if said is not None:
        return said
    sites = [m for m in mentions if m.role == "site" and m.index >= start]
    lead = [m for m in sites if m.index in in_lead and m.level >= 1]
    chosen = max(lead, key=lambda m: (m.level, -m.index, -m.start), default=None)
    if chosen is not None and chosen.level < 3:  # a province: a district of it named later
        chosen = _within(chosen, sites) or chosen
    how = "the most specific place the lead names for the event"
    country = _lead_country(article) if chosen is None else None
    if country is not None:
        return Place(places.country_name(country), country, "country",
                     note="The lead places the event in this country and names no place "
                     "in it (a dateline is where the report was filed).")  # fmt: skip
    if chosen is None and dateline:
        return _from_dateline(article, dateline[0], dateline_city, dateline_codes, main)
    seats = [m for m in mentions if m.index in in_lead and m.role in ("seat", "mention")]
    town = next((m for m in seats if m.city and m.level >= 3 and m.country), None)
    if chosen is None and town is not None:  # "officials in the city of Peshawar said"
        chosen, how = town, "the town the lead names (the event's site is not named)"
    if chosen is None:
        later = [m for m in sites if m.level >= 1] or sites
        chosen = later[0] if later else None
        how = "the first place the article names for the event"
    if chosen is None:  # only a reference point: near it
        chosen = next((m for m in mentions if m.role == "reference" and m.level >= 1), None)
        if chosen is not None:
            chosen.near = True
            how = "the only place the article names, as a reference point"
    if chosen is None or chosen.country is None:
        return _country_only(main or next((m.country for m in known if m.country), None), chosen)
    fuller = [m for m in mentions if m.name.startswith(chosen.name + " ") and m.level >= 1]
    name = max((m.name for m in fuller), key=len, default=chosen.name)
    return _place(chosen, name, by_sentence[chosen.index], how)


def _said_at(
    article: Article,
    mentions: list[Mention],
    in_lead: range,
    dateline: tuple[str, list[str]] | None,
    city: places.City | None,
    codes: list[str],
    main: str | None,
) -> Place | None:
    """When the event is a meeting or a statement, not violence: the place the lead gives
    the meeting or briefing ("told reporters at a press briefing in Moscow"); for a
    statement, then the dateline, then the seat that speaks ("the White House said"). The
    places a statement is about are not where it was made."""
    kind = classify.event_type([s.text for s in article.sentences])
    if kind.event_type != "strategic_developments":
        return None
    venue = next(
        (
            m
            for m in mentions
            if m.role == "venue" and m.index in in_lead and m.country
            and not m.sentence.rstrip('"').endswith("?")  # a question's talks are not held
        ),
        None,
    )  # fmt: skip
    if venue is not None and (venue.level >= 1 or venue.label in ("GPE", "")):
        how = "where the meeting or statement the lead reports took place"
        return _place(venue, venue.name, [venue], how)
    lead = [s.text for s in article.sentences[in_lead.start : in_lead.start + 2]]
    if kind.sub_event_type != "other" or classify.reports_deaths(lead):
        return None  # "Gunmen killed three guards" with no type cue is no statement
    if dateline is not None:
        return _from_dateline(article, dateline[0], city, codes, main)
    seat = next((found for text in lead if (found := places.find_seat(text))), None)
    if seat is None:
        return None
    words, name, code = seat
    town = places.find_city(name, [code])
    note = f"The seat of who speaks in the lead ({words}): where the statement was made"
    if town is None:
        return Place(name, code, "city", note=f"{note}; add lat and lon.")
    return Place(name, code, "city", town.lat, town.lon, town.geonames,
                 note=f"{note}; coordinates of {town.name} from the packaged GeoNames "
                 "gazetteer.", sentence=lead[0])  # fmt: skip


def _within(province: Mention, sites: list[Mention]) -> Mention | None:
    """A more specific site of the event that a later sentence puts in the lead's province
    ("the attack, which took place in X district of Nangarhar province")."""
    for mention in sites:
        if (
            mention.index > province.index
            and mention.level > province.level
            and mention.country == province.country
            and province.name in mention.sentence
            and not (mention.subdivision and mention.level == 1)
        ):
            return mention
    return None


def _lead_country(article: Article) -> str | None:
    """A country the lead names as the event's site: "ambushed a convoy in central Mali"."""
    start = story_opening(article.sentences, article.dateline)
    for sentence in article.sentences[start : start + LEAD_SENTENCES]:
        if sentence.span is None:
            continue
        for token in sentence.span:
            code = country_of_word(token.text) if token.pos_ == "PROPN" else None
            if code and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
                governor = token.head.head
                for _ in range(4):  # "ambushed a convoy in central Mali", "the attack on
                    lemma = governor.lemma_.lower()  # peacekeepers in Mali"
                    if governor.pos_ == "VERB" and lemma in _EVENT_VERBS:
                        return code
                    if governor.pos_ == "NOUN" and lemma in _EVENT_NOUNS:
                        return code
                    if governor.pos_ not in ("NOUN", "ADP", "PROPN") or governor.head is governor:
                        break
                    governor = governor.head
    return None


_EVENT_VERBS = ATTACK_VERBS | {
    "kill", "wound", "injure", "die", "clash", "explode", "kidnap", "fire", "shoot"
}  # fmt: skip
_EVENT_NOUNS = frozenset(
    {"attack", "strike", "airstrike", "bombing", "blast", "explosion", "clash", "ambush",
     "raid", "shelling", "massacre", "killing"}
)  # fmt: skip


def _place(chosen: Mention, name: str, siblings: list[Mention], how: str) -> Place:
    assert chosen.country is not None
    admin = next(
        (
            m.name
            for m in siblings
            if m is not chosen and m.subdivision and m.subdivision.country == chosen.country
        ),
        chosen.name if chosen.level == 1 else None,
    )  # fmt: skip
    precision = "near" if chosen.near else "admin" if chosen.level == 1 else "city"
    city = chosen.city if chosen.city and chosen.city.country == chosen.country else None
    if city and chosen.level != 1:
        note = (
            f"{how}; coordinates of {city.name} from the packaged GeoNames gazetteer; the "
            "exact site is not reported."
        )
        return Place(name, chosen.country, precision, city.lat, city.lon, city.geonames,
                     admin, note[:1].upper() + note[1:], chosen.sentence)  # fmt: skip
    what = "a province or region" if chosen.level == 1 else "a place"
    note = (
        f"{how}; {name} is {what} not in the packaged gazetteer (GeoNames places of 1,000 "
        "people or more): add lat and lon, or set precision: admin or country."
    )
    return Place(name, chosen.country, precision, admin1=admin,
                 note=note[:1].upper() + note[1:], sentence=chosen.sentence)  # fmt: skip


def _from_dateline(
    article: Article,
    name: str,
    city: places.City | None,
    codes: list[str],
    main: str | None,
) -> Place | None:
    dateline = article.dateline
    assert dateline is not None
    country = city.country if city else codes[0] if codes else main
    if country is None:
        return None
    note = "The dateline's place: the lead names no place for the event"
    if city:
        return Place(name, country, "city", city.lat, city.lon, city.geonames,
                     note=f"{note}; coordinates of {city.name} from the packaged GeoNames "
                     "gazetteer.", sentence=dateline.text)  # fmt: skip
    return Place(name, country, "city", note=f"{note}; {name} is not in the packaged "
                 "gazetteer: add lat and lon.", sentence=dateline.text)  # fmt: skip


def _country_only(main: str | None, mention: Mention | None) -> Place | None:
    if main is None:
        return None
    if mention is not None:
        note = (
            f"{mention.name} is named but its country is not clear; the country most "
            "mentioned is given: check both."
        )
        return Place(mention.name, main, "city", note=note, sentence=mention.sentence)
    return Place(
        places.country_name(main),
        main,
        "country",
        note="No place named in the text; the country most mentioned.",
    )

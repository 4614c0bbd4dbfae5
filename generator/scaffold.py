"""Creating files for users: `new` (a draft record) and `init` (a new project).

The only code besides write.py that writes files, and it only ever creates: an existing
file is an error, never overwritten, and nothing is written through a symbolic link.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from generator.config import PACKAGE_DIR, Settings
from generator.dates import PartialDate
from generator.errors import BriefingError, display_path
from generator.indexes import slugify
from generator.model_fields import check_country
from generator.suggest import did_you_mean
from generator.vocab import SUB_EVENT_TYPES, EventType

EXAMPLE = PACKAGE_DIR / "example"
SCHEMA_LINE = "# yaml-language-server: $schema={schema}\n"
_STOP = {"a", "an", "the", "of", "on", "in", "and", "to", "for", "at", "by", "with", "from"}


def make_id(date: PartialDate, place: str, title: str, words: int = 4) -> str:
    place_slug = slugify(place)
    title_words = [
        w for w in slugify(title).split("-") if w not in _STOP and w not in place_slug.split("-")
    ]
    return "-".join([date.iso.rstrip("~"), place_slug, *title_words[:words]])


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


#: The workflow of the manual's "Adding a record" (docs/pages/writing-a-record.md).
HEADER = (
    "# Draft event record (schema 1). Fill in actors, sources, claims and an assessment,\n"
    "# and run 'briefing validate' until it is clean. Set status: reviewed once a second\n"
    "# analyst has checked it, and status: published to put it on the site (published\n"
    "# needs an assessment; draft and reviewed records are not published).\n"
)


def _location(place: str, country: str) -> str:
    """The location block: coordinates of the city from the packaged GeoNames gazetteer
    when it knows a place of that name in that country, else a comment saying so."""
    from generator.extract.places import find_city

    city = find_city(place, [country])
    block = f"location:\n  name: {_quote(place)}\n  country: {country}\n"
    if city is None:
        return (
            block + "  precision: city\n"
            f"  # {_quote(place)} is not in the packaged gazetteer (GeoNames places of 15,000\n"
            "  # people or more): add lat: and lon:, or set precision: country.\n\n"
        )
    return block + (
        f"  lat: {city.lat}\n  lon: {city.lon}\n  precision: city\n  geonames: {city.geonames}\n"
        "  note: Coordinates of the city from the packaged GeoNames gazetteer; the exact site "
        "is not known yet.\n\n"
    )


def new_record(
    settings: Settings,
    *,
    title: str,
    date: str,
    place: str,
    country: str,
    event_type: str = EventType.STRATEGIC_DEVELOPMENTS.value,
    sub_event_type: str = "other",
) -> Path:
    """Write a valid draft record at seeds/events/YYYY/<id>.yaml and return its path."""
    try:
        when = PartialDate.parse(date)
    except ValueError as exc:
        raise BriefingError(f"--date: {exc}") from None
    try:
        check_country(country)
    except Exception as exc:  # PydanticCustomError carries the message
        raise BriefingError(f"--country: {exc}") from None
    allowed = list(SUB_EVENT_TYPES[EventType(event_type)])
    if sub_event_type not in allowed:
        hint = did_you_mean(sub_event_type, allowed, end=".")
        raise BriefingError(
            f"--sub-event-type: expected a sub-event type of {event_type}: "
            f"{', '.join(allowed)}; found {sub_event_type!r}{hint}"
        )
    if not title.strip() or "\n" in title:
        raise BriefingError("--title: give a one-line neutral headline")
    event_id = make_id(when, place, title)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(-[a-z0-9]+)+", event_id):
        raise BriefingError(f"cannot make an id from the title and place: {event_id!r}")
    path = settings.events_dir / f"{when.year:04d}" / f"{event_id}.yaml"
    if path.exists() and not path.is_symlink():
        raise BriefingError(f"{path} already exists; choose another title or edit that record")
    schema = "../../../.schema/event.schema.json"
    text = (
        SCHEMA_LINE.format(schema=schema)
        + HEADER
        + f"schema: 1\nid: {_quote(event_id)}\nstatus: draft\n\n"
        + f"title: {_quote(title.strip())}\n"
        + "summary: >-\n  What happened, in neutral words.\n\n"
        + f"date: {_quote(when.iso)}\n\n"
        + _location(place, country)
        + f"event_type: {event_type}\nsub_event_type: {sub_event_type}\n\n"
        + "actors: {}\nsources: {}\nclaims: []\ntags: []\n"
    )
    _create(path, text.encode("utf-8"), settings.root)
    return path


def _create(path: Path, data: bytes, root: Path) -> None:
    """Create path below root with data: never over an existing file, and never through
    a symbolic link (neither a folder on the way from root, made when missing, nor the
    file itself may be one: a link in a pull request must not redirect a write)."""
    folder = root
    for part in path.relative_to(root).parts[:-1]:
        folder = folder / part
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            os.mkdir(folder)
            continue
        if stat.S_ISLNK(status.st_mode):
            raise BriefingError(
                f"{display_path(folder, root)} is a symbolic link; files are created only in "
                "real folders: replace the link with a folder"
            )
        if not stat.S_ISDIR(status.st_mode):
            raise BriefingError(f"{display_path(folder, root)} is a file, not a folder")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o666)
    except FileExistsError:
        shown = display_path(path, root)
        if path.is_symlink():
            raise BriefingError(
                f"{shown} is a symbolic link; a new file is never written through one: "
                "remove the link"
            ) from None
        raise BriefingError(f"{shown} already exists; it is never overwritten") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


MKDOCS_YML = """site_name: {name}
docs_dir: briefs
site_dir: site
# repo_url: https://github.com/<org>/<archive>   # enables "Edit this record" links

theme:
  name: material
  font: false   # no Google Fonts: the site makes no third-party requests
  features:
    - search.highlight
    - content.action.edit

plugins:
  - search
  # A site to read from file:// (search included): briefing build --offline.
  # Off by default: it makes page URLs end in .html.
  - offline:
      enabled: !ENV [BRIEFING_OFFLINE, false]
  - briefing
  # The About page names the publisher: replace '- briefing' above with
  # - briefing:
  #     about:
  #       publisher: The desk that publishes these briefs
  #       contact: mailto:desk@example.org
  #       corrections: How readers ask for a correction, and how it is made.

markdown_extensions:
  - tables
  - admonition
  - toc:
      permalink: true

validation:
  nav:
    omitted_files: ignore
"""


def _schema_bytes(kind: str) -> bytes:
    from generator.schema import json_schema

    return (json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n").encode()


def init_project(target: Path, name: str = "Briefings") -> list[Path]:
    """Create a new project with the example record; refuses a folder with a project."""
    if (target / "mkdocs.yml").exists() or (target / "seeds").exists():
        raise BriefingError(
            f"{target} already holds a project (mkdocs.yml or seeds/); choose an empty folder"
        )
    seed = "2018-07-10-islamabad-intel-chiefs-meeting.yaml"
    article = "2018-07-apnlive-spy-chiefs-islamabad.txt"
    created = {
        target / "mkdocs.yml": MKDOCS_YML.format(name=_quote(name)).encode(),
        target / ".gitignore": b"site/\nbriefs/*\n!briefs/.gitkeep\n.site.*/\n.cache/\n",
        target / "briefs" / ".gitkeep": b"",
        target / "templates" / "README.md": (
            b"Templates here override the packaged ones by name (brief.md.j2, home.md.j2, ...).\n"
        ),
        target / "seeds" / "outlets.yaml": (EXAMPLE / "outlets.yaml").read_bytes(),
        target / "seeds" / "events" / "2018" / seed: (EXAMPLE / seed).read_bytes(),
        target / "seeds" / "articles" / article: (EXAMPLE / article).read_bytes(),
        target / ".schema" / "event.schema.json": _schema_bytes("event"),
        target / ".schema" / "outlets.schema.json": _schema_bytes("outlets"),
    }
    target.mkdir(parents=True, exist_ok=True)
    for path, data in created.items():
        _create(path, data, target)
    return sorted(created)

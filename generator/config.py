"""Settings: one typed, frozen object describing a briefing project, passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError

PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class About:
    """Who publishes the briefs, for the About page (mkdocs.yml: the briefing plugin's
    `about` options). Plain text; contact is an http(s) or mailto: address."""

    publisher: str | None = None
    contact: str | None = None
    corrections: str | None = None


@dataclass(frozen=True)
class Settings:
    """Where a project keeps its parts, and how its site links back to the records."""

    root: Path
    #: Web address of the repository (e.g. https://github.com/org/archive), for edit links.
    repo_url: str | None = None
    #: Path below repo_url that edits a file, as in MkDocs' edit_uri (e.g. "edit/main/").
    edit_uri: str = "edit/main/"
    #: Search backend of the site: "material" (the theme's own) or "pagefind".
    search: str = "material"
    #: Site title used in feeds and page heads.
    site_name: str = "Briefings"
    #: Public address of the site (MkDocs' site_url), for absolute links in feeds; without
    #: it, feeds link relative to their own location.
    site_url: str | None = None
    #: MkDocs' use_directory_urls: pages at events/<id>/ (True) or events/<id>.html.
    use_directory_urls: bool = True
    #: Keep YAML comments in the published record copies (records/<id>.yaml). Off by
    #: default: comments are where analysts leave internal notes.
    record_comments: bool = False
    #: Publisher, contact and corrections policy shown on the About page.
    about: About = About()

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def events_dir(self) -> Path:
        return self.seeds_dir / "events"

    @property
    def outlets_path(self) -> Path:
        return self.seeds_dir / "outlets.yaml"

    @property
    def articles_dir(self) -> Path:
        return self.seeds_dir / "articles"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def briefs_dir(self) -> Path:
        return self.root / "briefs"

    def edit_url(self, relative_path: str) -> str | None:
        """Link that opens a project file in the repository's web editor, if configured."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{relative_path}"


def find_root(start: Path) -> Path:
    """The project root: the nearest folder upwards holding mkdocs.yml and seeds/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "seeds").is_dir():
            return folder
    raise BriefingError(
        f"no briefing project at {start}: expected a folder with mkdocs.yml and seeds/; "
        "run the command there, pass --project DIR, or create one with 'briefing init DIR'"
    )

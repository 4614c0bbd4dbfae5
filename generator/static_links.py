"""Stage 6, site: static files of briefs/ placed in the site as hard links, not copies.
MkDocs' File with another copy step only; never writes into an existing file.
"""

from __future__ import annotations

import contextlib
import os

from mkdocs.structure.files import File


class Linked(File):
    """A static file of briefs/ (record copies, charts, feeds) that the site gets as a hard
    link to the generated file: at 10,000 events MkDocs copied 18,900 such files per build
    (3 to 13 s, by the state of the disk cache); linking them took under 1 s.

    Safe because the writer replaces a changed file with a new one (write.py: os.replace),
    so a link in a published site keeps the bytes it was built with; and this never
    writes into an existing file: what is in the way is unlinked first. Falls back to
    MkDocs' copy where links cannot be made (another file system, no link support).
    """

    @staticmethod
    def suits(file: File, docs_dir: str) -> bool:
        """A real file of briefs/ (the writer's folder) that MkDocs would copy."""
        return (
            file.src_dir == docs_dir
            and file.generated_by is None
            and not file.is_documentation_page()
        )

    @classmethod
    def of(cls, file: File) -> Linked:
        """The same file, state included (a new File costs 15 us: 0.3 s of each rebuild
        of a preview with 18,900 static files)."""
        linked = object.__new__(cls)
        linked.__dict__.update(file.__dict__)
        return linked

    def copy_file(self, dirty: bool = False) -> None:
        source, target = self.abs_src_path, self.abs_dest_path
        if source is None:  # a plugin gave it content after on_files
            super().copy_file(dirty)
            return
        try:
            if os.path.samefile(source, target):
                return  # already this file (a preview's rebuild)
        except OSError:
            pass
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:
            super().copy_file(dirty)

"""Stage 6, site: what the briefing plugin changes in MkDocs' live-preview server (error
pages while the build fails, builds between the watcher's polls). Works on the server
object MkDocs hands to on_serve; imports no MkDocs, never prints.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from generator import preview


def serving_failures(server: Any, current: Callable[[], preview.Failure | None]) -> None:
    """While the last build failed, every page the preview serves is the error page, with
    MkDocs' reload script: it turns back into the site once a rebuild succeeds. Other
    files (styles, pictures) are served as MkDocs serves them."""
    serve = server._serve_request

    def serve_request(environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/livereload/") or not preview.is_page(path):
            return serve(environ, start_response)
        with server._epoch_cond:  # as MkDocs does: first wait for a rebuild under way
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch = server._visible_epoch
            failure = current()
        if failure is None:
            return serve(environ, start_response)
        content = server._inject_js_into_html(preview.page(failure), epoch)
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(content))),
        ]
        start_response("503 Service Unavailable", headers)
        return [content]

    server._serve_request = serve_request


def between_polls(server: Any, build: Any) -> Any:
    """The preview's builder, run while its file watcher waits.

    MkDocs' watcher polls: every half second it lists and stats every watched file (a tenth
    of a second for 10,000 records), and during a rebuild those polls took a quarter of the
    time from the build. Each polling emitter does its work under its own lock: holding
    them, the build runs alone, and the first poll after it reports what was saved
    meanwhile. Emitters of another kind (no such lock) are left as they are.
    """

    def builder(*args: Any, **kwargs: Any) -> Any:
        emitters = getattr(server.observer, "emitters", ())
        locks = [e._lock for e in list(emitters) if isinstance(getattr(e, "_lock", None), _LOCK)]
        with contextlib.ExitStack() as held:
            for lock in locks:
                held.enter_context(lock)
            return build(*args, **kwargs)

    return builder


_LOCK = type(threading.Lock())

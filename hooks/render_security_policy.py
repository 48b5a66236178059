"""MkDocs hook: give every HTML file of the build its Content-Security-Policy.

See [`add_content_security_policy`][handbook.security_policy.add_content_security_policy].
It runs at the very end of the build, over the files on disk, because not
every page passes through ``on_post_page``: print-site writes the print page in
its own ``on_post_build``, and the theme renders ``404.html`` as a template. The
offline copy (Material's ``offline`` plugin on) also allows ``blob:`` workers,
which is how its search starts from ``file://``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook.security_policy import add_content_security_policy


def _worker_sources(config) -> tuple[str, ...]:
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return ("'self'", "blob:") if offline is not None and offline.config.enabled else ("'self'",)


@event_priority(-100)
def on_post_build(config):
    """Add the policy to every ``.html`` file under ``site_dir`` that lacks one."""
    workers = _worker_sources(config)
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        secured = add_content_security_policy(html, workers)
        if secured != html:
            path.write_text(secured, encoding="utf-8")

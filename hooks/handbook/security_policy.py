"""The Content-Security-Policy every page carries: nothing from another origin.

A static host such as GitHub Pages cannot send headers, so the policy travels
in the page as ``<meta http-equiv="Content-Security-Policy">``, placed before
the first script. Scripts, styles, fonts, images, workers and fetches may come
only from the site itself. The few inline scripts the theme and plugins write
(Material's palette and scope set-up, mermaid2's configuration) are allowed by
their SHA-256 hash, computed from the built page, so no ``'unsafe-inline'`` is
needed for scripts. Inline *styles* are allowed: Mermaid and KaTeX set them.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: ``<script ...>body</script>``; ``attributes`` and ``body`` as written in the page.
SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
#: Script types a browser executes (data blocks such as ``application/json`` are not scripts).
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
POLICY_META = '<meta http-equiv="Content-Security-Policy"'


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources (``'sha256-...'``) of the page's executable inline scripts, in order, without repeats."""
    hashes: list[str] = []
    for match in SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        kind = TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in EXECUTABLE_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def content_security_policy(html: str, worker_sources: tuple[str, ...] = ("'self'",)) -> str:
    """The policy for one built page: same-origin only, inline scripts by hash.

    ``worker_sources`` widens ``worker-src`` where a build needs it (the offline
    copy starts its search worker from a ``blob:`` URL).
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline_script_hashes(html)],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": list(worker_sources),
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_content_security_policy(html: str, worker_sources: tuple[str, ...] = ("'self'",)) -> str:
    """Insert the page's policy as a ``<meta>`` right after ``<meta charset>`` (before any script).

    A page without ``<meta charset>`` (not a theme page) or with a policy already
    is returned unchanged.
    """
    charset = CHARSET_META.search(html)
    if charset is None or POLICY_META in html:
        return html
    policy = content_security_policy(html, worker_sources)
    meta = f'\n    {POLICY_META} content="{policy}">'
    return html[: charset.end()] + meta + html[charset.end() :]

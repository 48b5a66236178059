"""Debian Chromium driven by Playwright, kept on 127.0.0.1.

Used by the browser tests and ``scripts/build_pdf.py``. The browser context
aborts any request to another host and records it, so a caller can prove that
nothing left the machine, and records every Content-Security-Policy violation
the pages report. Never ``playwright install``: the browser is Debian's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class Session:
    """One browser page with everything it logged.

    Attributes:
        page: The Playwright page.
        errors: Console errors and uncaught exceptions, in order.
        blocked: URLs of requests to hosts other than 127.0.0.1, all aborted.
        violations: Content-Security-Policy violations, one line each:
            ``page URL: directive blocked what (source:line)``.
    """

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


#: Reports each ``securitypolicyviolation`` event of a document to Python.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__handbookReportViolation(
    `${e.documentURI}: ${e.effectiveDirective} blocked ${e.blockedURI} ` +
    `(${e.sourceFile || e.documentURI}:${e.lineNumber})`);
});
"""


def open_session(browser, **context_options) -> Session:
    """A fresh context and page that block and record every non-local request.

    ``context_options`` go to Playwright's ``new_context`` (``color_scheme="light"``...).
    """
    context = browser.new_context(**context_options)
    page = context.new_page()
    session = Session(page)

    def route(route_, request):
        if urlparse(request.url).hostname in LOCAL_HOSTS or request.url.startswith(("data:", "blob:", "file:")):
            return route_.continue_()
        session.blocked.append(request.url)
        return route_.abort()

    context.route("**/*", route)
    context.expose_function("__handbookReportViolation", lambda line: session.violations.append(line))
    context.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda msg: session.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: session.errors.append(f"exception: {exc}"))
    return session


def search_and_wait(page, query: str, result_fragment: str, timeout_ms: int = 30_000) -> None:
    """Type ``query`` into Material's search box and wait for a result whose link contains ``result_fragment``."""
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    page.wait_for_function(
        "(fragment) => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => a.href.includes(fragment))", arg=result_fragment, timeout=timeout_ms)

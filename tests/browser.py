"""Real-browser helpers for the tests: Debian Chromium and page probes.

Everything stays on 127.0.0.1: the browser context aborts any request to another
host and records it, so a test can assert that nothing left the machine.
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
RENDER_TIMEOUT_MS = 20_000


@dataclass
class Session:
    """One browser page with everything it logged.

    Attributes:
        page: The Playwright page.
        errors: Console errors and uncaught exceptions, in order.
        blocked: URLs of requests to hosts other than 127.0.0.1, all aborted.
    """

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def open_session(browser) -> Session:
    """A fresh context and page that block and record every non-local request."""
    context = browser.new_context()
    page = context.new_page()
    session = Session(page)

    def route(route_, request):
        if urlparse(request.url).hostname in LOCAL_HOSTS or request.url.startswith(("data:", "blob:")):
            return route_.continue_()
        session.blocked.append(request.url)
        return route_.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: session.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: session.errors.append(f"exception: {exc}"))
    return session


RENDER_STATE = """
() => {
  const pending = document.querySelectorAll('pre.mermaid').length;
  const hosts = [...document.querySelectorAll('div.mermaid')];
  const sized = hosts.filter(h => h.getBoundingClientRect().width > 0 && h.getBoundingClientRect().height > 0).length;
  const leftovers = [...document.querySelectorAll('[id^="d__mermaid"], [id^="i__mermaid"]')].length;
  const maths = [...document.querySelectorAll('.arithmatex')];
  const mathsDone = maths.filter(m => m.querySelector('.katex')).length;
  const mathErrors = document.querySelectorAll('.katex-error').length;
  return {pending, rendered: hosts.length, sized, leftovers, maths: maths.length, mathsDone, mathErrors};
}
"""


def wait_for_rendering(session: Session, diagrams: int, maths: int) -> dict:
    """Wait until ``diagrams`` diagrams and ``maths`` formulas have rendered, or time out.

    Returns the last render state; never sleeps a fixed time.
    """
    page = session.page
    try:
        page.wait_for_function(
            f"""() => {{ const s = ({RENDER_STATE})();
                return (s.rendered >= {diagrams} && s.pending === 0 && s.mathsDone >= {maths}) || s.leftovers > 0; }}""",
            timeout=RENDER_TIMEOUT_MS,
        )
    except Exception:  # noqa: BLE001 - the state below says what did not render
        pass
    return page.evaluate(RENDER_STATE)


def render_problems(url: str, state: dict, diagrams: int, maths: int) -> list[str]:
    """What did not render on a page, one line per problem (empty when all is well)."""
    problems = []
    if state["rendered"] != diagrams or state["pending"]:
        problems.append(f"{url}: {state['rendered']} of {diagrams} diagrams rendered ({state['pending']} left as source)")
    if state["sized"] != state["rendered"]:
        problems.append(f"{url}: {state['rendered'] - state['sized']} diagram(s) rendered with zero size")
    if state["leftovers"]:
        problems.append(f"{url}: Mermaid left {state['leftovers']} error element(s) in the page")
    if state["mathsDone"] != maths or state["mathErrors"]:
        problems.append(f"{url}: {state['mathsDone']} of {maths} formulas rendered, {state['mathErrors']} KaTeX error(s)")
    return problems

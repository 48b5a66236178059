"""Wait for Mermaid diagrams and KaTeX formulas to render in a page, and say what did not.

Shared by the browser tests and ``scripts/build_pdf.py``. Nothing here waits a
fixed time: it polls the page until everything expected has rendered, or until
``RENDER_TIMEOUT_MS`` passes, and then reports the state it found.

Diagrams render only when they near the viewport (``diagram-loader.js``), so
while waiting it scrolls each diagram still shown as source into view, as a
reader would, and scrolls back to the top when done.
"""

from __future__ import annotations

RENDER_TIMEOUT_MS = 20_000

RENDER_STATE = """
() => {
  const pending = document.querySelectorAll('pre.mermaid').length;
  const hosts = [...document.querySelectorAll('div.mermaid')];
  const sized = hosts.filter(h => h.getBoundingClientRect().width > 0 && h.getBoundingClientRect().height > 0).length;
  const leftovers = [...document.querySelectorAll('[id^="d__mermaid"], [id^="i__mermaid"]')].length;
  // A snapshot stays hidden until its shared style file has loaded (handbook.snapshots.LINKED_SHADOW_STYLE).
  const unstyled = hosts.filter(h => {
    const svg = h.shadowRoot?.querySelector('svg');
    return svg && getComputedStyle(svg).visibility !== 'visible';
  }).length;
  const maths = [...document.querySelectorAll('.arithmatex')];
  const mathsDone = maths.filter(m => m.querySelector('.katex')).length;
  const mathErrors = document.querySelectorAll('.katex-error').length;
  return {pending, rendered: hosts.length, sized, unstyled, leftovers, maths: maths.length, mathsDone, mathErrors};
}
"""


def wait_for_rendering(page, diagrams: int, maths: int, timeout_ms: int = RENDER_TIMEOUT_MS) -> dict:
    """Wait until ``diagrams`` diagrams and ``maths`` formulas have rendered, or time out.

    ``page`` is a Playwright page. Returns the last render state; never sleeps a fixed time.
    """
    try:
        page.wait_for_function(
            f"""() => {{ const s = ({RENDER_STATE})();
                const done = (s.rendered >= {diagrams} && s.pending === 0 && s.unstyled === 0 && s.mathsDone >= {maths})
                    || s.leftovers > 0;
                if (!done) document.querySelector('pre.mermaid')?.scrollIntoView({{block: 'center'}});
                return done; }}""",
            timeout=timeout_ms,
            polling=100,
        )
    except Exception:  # noqa: BLE001 - the state below says what did not render
        pass
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate(RENDER_STATE)


def render_problems(url: str, state: dict, diagrams: int, maths: int) -> list[str]:
    """What did not render on a page, one line per problem (empty when all is well)."""
    problems = []
    if state["rendered"] != diagrams or state["pending"]:
        problems.append(f"{url}: {state['rendered']} of {diagrams} diagrams rendered ({state['pending']} left as source)")
    if state["sized"] != state["rendered"]:
        problems.append(f"{url}: {state['rendered'] - state['sized']} diagram(s) rendered with zero size")
    if state["unstyled"]:
        problems.append(f"{url}: {state['unstyled']} diagram(s) still hidden: their shared style file did not load")
    if state["leftovers"]:
        problems.append(f"{url}: Mermaid left {state['leftovers']} error element(s) in the page")
    if state["mathsDone"] != maths or state["mathErrors"]:
        problems.append(f"{url}: {state['mathsDone']} of {maths} formulas rendered, {state['mathErrors']} KaTeX error(s)")
    return problems


#: Every diagram label (a Mermaid ``foreignObject``) whose text reaches past its box by more than
#: 1 px: its glyphs are measured with a Range, as drawn, against the box Mermaid sized for them.
LABEL_OVERFLOW = """
() => {
  const found = [];
  document.querySelectorAll('div.mermaid').forEach(host => {
    const root = host.shadowRoot;
    if (!root) return;
    const title = root.querySelector('svg > title')?.textContent || 'untitled diagram';
    root.querySelectorAll('foreignObject').forEach(box => {
      const text = box.textContent.trim();
      if (!text) return;
      const range = document.createRange();
      range.selectNodeContents(box);
      const glyphs = range.getBoundingClientRect();
      const frame = box.getBoundingClientRect();
      const scale = frame.width / (box.width.baseVal.value || frame.width || 1);
      const tolerance = Math.max(1, scale);
      const wide = glyphs.width - frame.width, tall = glyphs.height - frame.height;
      if (wide > tolerance || tall > tolerance) {
        found.push(`${title}: label '${text}' is ${(Math.max(wide, 0) / scale).toFixed(1)} px wider and ${(Math.max(tall, 0) / scale).toFixed(1)} px taller than its box`);
      }
    });
  });
  return found;
}
"""


#: Diagrams whose box is narrower than the column they sit in (a <figure> sized to its content would
#: shrink the drawing, and its labels below the legibility rule): ``"diagram N is W px wide in a C-px column"``.
NARROWED = """
() => [...document.querySelectorAll('article div.mermaid')].flatMap((diagram, index) => {
  const box = diagram.closest('figure') ?? diagram;
  const style = getComputedStyle(box.parentElement);
  const column = box.parentElement.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const width = diagram.getBoundingClientRect().width;
  return width < column - 2 ? [`diagram ${index + 1} is ${Math.round(width)} px wide in a ${Math.round(column)}-px column`] : [];
})
"""


def narrowed_diagrams(page, url: str) -> list[str]:
    """Diagrams on ``page`` drawn narrower than their column (see ``NARROWED``), one line each."""
    return [f"{url}: {line} (a diagram takes the whole column width)" for line in page.evaluate(NARROWED)]


def label_overflows(page, url: str) -> list[str]:
    """Labels wider or taller than their boxes in every diagram of ``page``, in light and dark mode."""
    problems = []
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.evaluate("document.fonts.ready.then(() => true)")
        problems += [f"{url} ({'light' if scheme == 'default' else 'dark'}): {line}" for line in page.evaluate(LABEL_OVERFLOW)]
    return problems

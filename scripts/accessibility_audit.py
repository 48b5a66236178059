"""Accessibility checks in a real page: axe-core's rules and the accessibility tree.

Used by ``tests/test_accessibility.py``. axe-core comes from its npm package
(``node_modules/axe-core``, installed by ``make node-deps``) and is served by
the local server from the site's own origin, so the page's
Content-Security-Policy allows it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules/axe-core/axe.min.js"
#: Where the local server publishes axe-core (``serve(..., extra_files={AXE_PATH: AXE_SCRIPT})``).
AXE_PATH = "/__test-tools__/axe.min.js"
#: axe impacts that fail the check; "minor" and "moderate" findings are reported by `make quality`.
BLOCKING_IMPACTS = ("serious", "critical")

#: The axe rules whose result depends on colours: all a second colour scheme can change, since
#: switching Material's palette changes CSS variables only, never the page's structure.
COLOUR_RULES = ("color-contrast", "link-in-text-block")

RUN_AXE = """
async ([rules, skip]) => {
  const options = {resultTypes: ['violations'], ...(rules ? {runOnly: {type: 'rule', values: rules}} : {}),
                   rules: Object.fromEntries(skip.map(id => [id, {enabled: false}]))};
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}
"""


def axe_violations(page, origin: str, label: str, rules: tuple[str, ...] | None = None, skip: tuple[str, ...] = ()) -> list[str]:
    """Run axe-core on ``page``; one line per serious or critical rule violated.

    ``origin`` is the local server's origin (``http://127.0.0.1:PORT``);
    ``label`` names the page in the messages (URL and colour scheme); ``rules``
    limits the run to those axe rules (default: every rule) and ``skip`` leaves those out. Each line
    reads ``label: rule (impact): what axe asks - N element(s), first: selector``.
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=origin + AXE_PATH)
    problems = []
    for violation in page.evaluate(RUN_AXE, [list(rules) if rules else None, list(skip)]):
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = violation["targets"]
            problems.append(f"{label}: {violation['id']} ({violation['impact']}): {violation['help']}"
                            f" - {len(targets)} element(s), first: {targets[0]}")
    return problems


def diagram_names(page) -> list[str]:
    """The accessible name of every rendered diagram on ``page``, in tree order ('' when it has none).

    Read from Chromium's accessibility tree through the DevTools Protocol,
    because Material renders each diagram in a closed shadow root that page
    scripts cannot enter. Mermaid gives a diagram's ``<svg>`` the role
    ``graphics-document`` and names it from ``accTitle``.
    """
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [(node.get("name") or {}).get("value", "") for node in nodes
            if (node.get("role") or {}).get("value") == "graphics-document"]


def diagram_name_problems(page, label: str, diagrams: int) -> list[str]:
    """One line per diagram of the page that has no accessible name, or is missing from the tree."""
    names = diagram_names(page)
    problems = [f"{label}: diagram {number} of {diagrams} has no accessible name (give its source an accTitle line)"
                for number, name in enumerate(names, 1) if not name.strip()]
    if len(names) != diagrams:
        problems.append(f"{label}: {len(names)} of {diagrams} diagrams are in the accessibility tree")
    return problems

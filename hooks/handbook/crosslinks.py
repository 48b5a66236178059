"""Cross-links that readers see and nobody maintains by hand.

- Framework step pages get "Applied in the case studies": a link to the
  matching section of every case study.
- Cheat sheets get "Used in the case studies": every case study whose ``uses``
  lists the cheat sheet.
- Case studies get an "At a glance" box from their ``facts`` and ``uses``.
- The page with ``generate: case-study-matrix`` gets the comparison matrix.
"""

from __future__ import annotations

from .links import relative_link
from .pages import FRAMEWORK_STEPS, Page, Site

FACT_LABELS = (
    ("setting", "Product setting"), ("task", "ML task"), ("input", "Input"), ("output", "Output"),
    ("modalities", "Modalities"), ("label_source", "Labels"), ("offline_metrics", "Offline metrics"),
    ("online_metrics", "Online metrics"), ("serving", "Serving"), ("latency_budget_ms", "Latency budget"),
    ("scale", "Scale"),
)


def fact_text(name: str, value) -> str:
    """A fact as table-cell text: lists joined, budgets with units, scale as pairs."""
    if value is None:
        return "n/a"
    if name == "latency_budget_ms":
        return f"{value} ms p99"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in value.items())
    return str(value).replace("|", "/")


def applied_in_markdown(site: Site, step_page: Page) -> str:
    """Section listing where each case study applies this framework step."""
    studies = site.case_studies()
    lines = ["## Applied in the case studies { #applied-in }", ""]
    if not studies:
        lines.append("No case study has been published yet.")
    for study in studies:
        link = relative_link(step_page.doc_path, study.doc_path, step_page.id)
        lines.append(f"- [{study.title}]({link}): {study.meta.get('description', '')}")
    return "\n".join(lines) + "\n"


def used_in_markdown(site: Site, sheet: Page) -> str:
    """Section listing the case studies whose ``uses`` names this cheat sheet."""
    studies = [s for s in site.case_studies() if sheet.id in (s.meta.get("uses") or [])]
    lines = ["## Used in the case studies { #used-in }", ""]
    if not studies:
        lines.append("No case study uses this topic yet.")
    for study in studies:
        lines.append(f"- [{study.title}]({relative_link(sheet.doc_path, study.doc_path)}): {study.meta.get('description', '')}")
    return "\n".join(lines) + "\n"


def at_a_glance_markdown(site: Site, study: Page) -> str:
    """Collapsible summary box for the top of a case study.

    The facts are a definition list, not a table: Material moves every table
    into a scroll wrapper after the page loads, which would repaint the first
    screen late (a slow largest contentful paint on phones).
    """
    facts = study.meta.get("facts") or {}
    rows = [f"    {label}\n    :   {fact_text(name, facts.get(name))}\n" for name, label in FACT_LABELS if name in facts]
    topics = [site.by_id[t] for t in (study.meta.get("uses") or []) if t in site.by_id]
    steps = " · ".join(
        f"[{number}. {title}]({relative_link(study.doc_path, site.by_id[step_id].doc_path)})" if step_id in site.by_id else f"{number}. {title}"
        for number, step_id, title in FRAMEWORK_STEPS
    )
    toggle = '<div class="practice-toggle" data-practice-toggle></div>'
    box = [toggle, "", '???+ abstract "At a glance"', "", *rows]
    if topics:
        box.append("    Cheat sheets used: " + ", ".join(f"[{t.title}]({relative_link(study.doc_path, t.doc_path)})" for t in topics) + ".")
        box.append("")
    box.append(f"    Framework steps: {steps}.")
    return "\n".join(box) + "\n"


def matrix_markdown(site: Site, page: Page) -> str:
    """Comparison matrix of every case study, one row per study."""
    columns = [("task", "Task"), ("input", "Input"), ("output", "Output"), ("label_source", "Labels"),
               ("offline_metrics", "Offline metrics"), ("online_metrics", "Online metrics"),
               ("serving", "Serving"), ("latency_budget_ms", "Latency"), ("scale", "Scale")]
    studies = site.case_studies()
    if not studies:
        return "No case study has been published yet.\n"
    header = "| Case study | " + " | ".join(label for _, label in columns) + " |"
    divider = "| --- " * (len(columns) + 1) + "|"
    rows = [
        f"| [{s.title}]({relative_link(page.doc_path, s.doc_path)}) | "
        + " | ".join(fact_text(name, (s.meta.get("facts") or {}).get(name)) for name, _ in columns) + " |"
        for s in studies
    ]
    return "\n".join([header, divider, *rows]) + "\n"

"""Where a full strict build spends its time: Markdown, templates, each plugin and hook. Not a test.

One ``mkdocs build --strict`` in this process, with timers around the parts MkDocs calls:

- every plugin and hook event handler, summed per plugin (``mkdocs-print-site-plugin``,
  ``search``, the handbook's hooks by file...), from ``config.plugins.events``;
- ``Page.render``: Python-Markdown and its extensions turning each page into HTML;
- the Jinja templates that write each page (``jinja2.Template.render``, outside any plugin).

Handlers are timed from the end of ``on_config`` on, after the hooks have rearranged them (the diagrams
hook drops one of mermaid2's), so the build measured is the build contributors run.

What is left is MkDocs itself: reading files and config, copying assets, writing pages.
``make quality`` prints the result under the build times; run alone it prints JSON::

    python scripts/build_profile.py --site-dir /tmp/profile-site
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from functools import wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(function, totals: Counter, label: str, running: list):
    """``function`` that adds the seconds each call takes to ``totals[label]``.

    Only the outermost timed call counts (``running`` holds the labels being timed), so a template a plugin
    renders is the plugin's time, and no second is counted twice.
    """

    @wraps(function)
    def timer(*args, **kwargs):
        if running:
            return function(*args, **kwargs)
        running.append(label)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start
            running.pop()

    return timer


def handler_owner(method) -> str:
    """A readable name for an event handler's plugin: its distribution's module, or the hook's file."""
    owner = getattr(method, "__self__", None)
    module = (type(owner).__module__ if owner is not None else method.__module__) or "?"
    return module.split(".")[0] if "." in module else module


def profile_build(site_dir: Path) -> dict[str, float]:
    """Seconds per part of one strict build of the repository's site into ``site_dir``, plus ``total``."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    import jinja2
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    totals: Counter = Counter()
    running: list[str] = []
    start = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    plugins = config.plugins
    configure = timed(plugins.on_config, totals, "plugins' on_config (all)", running)

    def configure_then_time_handlers(config_):
        result = configure(config_)
        for methods in plugins.events.values():
            methods[:] = [timed(method, totals, f"plugin {handler_owner(method)}", running) for method in methods]
        return result

    plugins.on_config = configure_then_time_handlers
    original_render, original_template = Page.render, jinja2.Template.render
    Page.render = timed(original_render, totals, "Markdown to HTML (Python-Markdown and extensions)", running)
    jinja2.Template.render = timed(original_template, totals, "page templates (Jinja)", running)
    try:
        build.build(config)
    finally:
        Page.render, jinja2.Template.render = original_render, original_template
    total = time.perf_counter() - start
    parts = dict(totals.most_common())
    parts["MkDocs itself (files, config, copying, writing)"] = total - sum(totals.values())
    parts["total"] = total
    return parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(profile_build(args.site_dir.resolve()), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

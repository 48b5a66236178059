"""MkDocs hook: make search work in the offline copy opened from disk.

Only when Material's ``offline`` plugin is enabled (``make offline``): the
search worker's source is embedded as a string in
``assets/javascripts/offline-search-worker.js``, which
``assets/javascripts/iframe-worker-replacement.js`` turns into a ``blob:`` worker, because
browsers refuse ``file://`` workers.
"""

from __future__ import annotations

import json
from pathlib import Path


def on_post_build(config):
    """Write the embedded worker source into the offline build."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None or not offline.config.enabled:
        return
    site = Path(config.site_dir)
    (worker,) = sorted((site / "assets/javascripts/workers").glob("search.*.min.js"))
    source = worker.read_text(encoding="utf-8")
    target = site / "assets/javascripts/offline-search-worker.js"
    target.write_text(f"window.__handbookSearchWorker = {json.dumps(source)};\n", encoding="utf-8")

"""Small repairs to the HTML that Markdown extensions write, for assistive technology.

pymdownx.tasklist renders checklist items as ``<input disabled type="checkbox">``
inside an empty ``<label>``: a form control without an accessible name (axe
rule ``label``). The handbook's checklists are for reading, not for filling in,
so the disabled box is decoration and is hidden from the accessibility tree; the
item's text stays readable.
"""

from __future__ import annotations

import re

#: A task-list checkbox as pymdownx.tasklist writes it (``disabled`` and ``type`` in either order).
TASK_CHECKBOX = re.compile(r'<input (?=[^>]*\bdisabled\b)(?=[^>]*type="checkbox")(?![^>]*aria-hidden)')


def hide_decorative_checkboxes(html: str) -> str:
    """Mark every disabled checklist checkbox ``aria-hidden="true"``."""
    return TASK_CHECKBOX.sub('<input aria-hidden="true" ', html)

"""The tags of case studies and cheat sheets, for Material's tags plugin and its index page.

A case study's tags are its domain (``tags:`` in the front matter) plus what its
facts already say, so nothing is written twice: the ML task, the modalities, how
it is served and its track. A cheat sheet's tags are its topics plus its track.
"""

from __future__ import annotations

from .schema import TRACK_TITLES, track_in

#: Facts vocabulary -> tag, where the tag reads better than the field value.
TASK_TAGS = {"multi-label-classification": "classification", "object-detection": "object detection",
             "link-prediction": "link prediction"}
SERVING_TAGS = {"online": "online serving", "batch": "batch serving", "hybrid": "hybrid serving"}


def page_tags(meta: dict) -> list[str]:
    """Every tag of a page from its front matter ``meta``, without repeats, in a stable order."""
    if meta.get("kind") not in ("case-study", "cheat-sheet"):
        return []
    facts = meta.get("facts") if isinstance(meta.get("facts"), dict) else {}
    tags = list(meta.get("tags") or [])
    tags += [TASK_TAGS.get(task, task) for task in facts.get("task") or []]
    tags += [m for m in facts.get("modalities") or []]
    if facts.get("serving") in SERVING_TAGS:
        tags.append(SERVING_TAGS[facts["serving"]])
    tags.append(TRACK_TITLES[track_in(meta)])
    return list(dict.fromkeys(str(tag) for tag in tags))

"""HTML and Markdown for the interactive rubric and the timed mock, from the rubric, clock and prompts.

The forms ship ``hidden``: ``rubric.js`` and ``timed-mock.js`` reveal them, so a reader without
scripts (and the PDF) sees only the static rubric table and the phase table. Prompt data rides in a
``<template>`` that search skips; links are made relative to the page by the caller's ``url`` function.
"""

from __future__ import annotations

import json
from html import escape
from typing import Callable

from .interview_clock import Clock
from .prompts import Prompt, plain
from .rubric import Rubric
from .schema import TRACK_TITLES, TRACKS

SOURCES = {"case": "Case studies", "bank": "Question bank"}


def prompt_options(prompts: list[Prompt]) -> str:
    """``<optgroup>`` per source and track, one ``<option>`` per prompt (value: the prompt id)."""
    groups = []
    for source, source_title in SOURCES.items():
        for track in TRACKS:
            members = [p for p in prompts if p.source == source and p.track == track]
            if members:
                options = "\n".join(f'<option value="{escape(p.id)}">{escape(p.title)}</option>' for p in members)
                groups.append(f'<optgroup label="{source_title}: {TRACK_TITLES[track]}">{options}</optgroup>')
    return "\n".join(groups)


def _step_fieldset(rubric: Rubric, step) -> str:
    described = {rubric.points[-1]: plain(step.strong), 1: plain(step.typical)}
    choices = "".join(
        f'<label class="study-tool__choice"><input type="radio" name="step-{step.number}" value="{points}">'
        f'<span><strong>{points}</strong>{": " + escape(described[points]) if points in described else " points"}'
        "</span></label>"
        for points in rubric.points
    )
    return (f'<fieldset class="study-tool__step" data-step="{step.number}"><legend>{step.number} '
            f"{escape(step.name)}</legend>{choices}</fieldset>")


def rubric_form(rubric: Rubric, prompts: list[Prompt], rubric_url: str) -> str:
    """The score form: prompt, one radio group per step, minutes, the computed score, save, and history."""
    bands = escape(json.dumps([list(band) for band in rubric.bands]))
    steps = "\n".join(_step_fieldset(rubric, step) for step in rubric.steps)
    return (
        f'<form class="study-tool rubric-form" data-rubric data-total="{rubric.total}" data-bands="{bands}" '
        'data-search-exclude hidden>'
        f'<p class="study-tool__title">Grade an attempt with <a href="{escape(rubric_url)}">the rubric</a>: one score '
        "per step, as soon as the timer stops.</p>"
        '<label class="study-tool__field">What you attempted <select name="prompt">'
        f'<option value="">Choose a case study or prompt</option>{prompt_options(prompts)}</select></label>'
        f"{steps}"
        '<label class="study-tool__field">Minutes used <input type="number" name="duration" min="1" max="600" '
        'step="1" inputmode="numeric"></label>'
        '<p class="study-tool__score" aria-live="polite">Score: <output name="total">0</output> of '
        f'{rubric.total}<span data-rubric-band></span></p>'
        '<p class="study-tool__actions"><button type="submit">Save attempt</button></p>'
        '<p class="study-tool__message" role="status" data-rubric-message></p>'
        '<div class="study-tool__history" data-rubric-history></div>'
        "</form>"
    )


def _prompt_item(prompt: Prompt, url: Callable[[str], str]) -> str:
    follow_ups = "\n".join(f'<li data-minute="{f.minute}">{escape(f.text)}</li>' for f in prompt.follow_ups)
    return (f'<li data-prompt="{escape(prompt.id)}" data-source="{prompt.source}" data-track="{prompt.track}" '
            f'data-title="{escape(prompt.title)}" data-review="{escape(url(prompt.review))}">'
            f"<p>{escape(prompt.text)}</p><ol>{follow_ups}</ol></li>")


def phase_table(clock: Clock, playbook_url: Callable[[str], str]) -> str:
    """The 45-minute schedule as Markdown: each timeline block with its phase (shown with or without scripts)."""
    timeline, phases = playbook_url("timeline"), playbook_url("four-phases")
    rows = [f"| Minutes | [Phase]({phases}) | [Step]({timeline}) | What to cover | Done when |", "| --- | --- | --- | --- | --- |"]
    for block in clock.blocks:
        phase = next(p for p in clock.phases if p.start <= block.start < p.end)
        rows.append(f"| {block.start}-{block.end} | {phase.name} | {block.steps} | {block.cover} | {block.done_when} |")
    return "\n".join(rows)


def timed_mock_app(clock: Clock, prompts: list[Prompt], rubric: Rubric, url: Callable[[str], str]) -> str:
    """The mock's controls, clock, phase, follow-ups and closing rubric; the clock's blocks and phases as data."""
    blocks = escape(json.dumps([[b.start, b.end, b.steps, plain(b.cover), plain(b.done_when)] for b in clock.blocks]))
    phases = escape(json.dumps([[p.name, p.start, p.end, plain(p.leaves)] for p in clock.phases]))
    tracks = "".join(f'<label class="study-tool__choice"><input type="radio" name="track" value="{track}"'
                     f'{" checked" if track == TRACKS[0] else ""}><span>{TRACK_TITLES[track]}</span></label>'
                     for track in TRACKS)
    sources = "".join(f'<label class="study-tool__choice"><input type="radio" name="source" value="{source}"'
                      f'{" checked" if source == "case" else ""}><span>{title}</span></label>'
                      for source, title in SOURCES.items())
    items = "\n".join(_prompt_item(prompt, url) for prompt in prompts)
    return (
        f'<div class="study-tool timed-mock" data-timed-mock data-minutes="{clock.length}" data-blocks="{blocks}" '
        f'data-phases="{phases}" data-search-exclude hidden>'
        '<form class="timed-mock__setup" data-mock-setup>'
        f'<fieldset class="study-tool__step"><legend>Track</legend>{tracks}</fieldset>'
        f'<fieldset class="study-tool__step"><legend>Draw from</legend>{sources}</fieldset>'
        '<label class="study-tool__field">Prompt <select name="pick"></select></label>'
        '<p class="study-tool__actions"><button type="button" data-mock-random>Draw at random</button>'
        f'<button type="submit">Start the {clock.length}-minute clock</button></p>'
        "</form>"
        '<section class="timed-mock__run" data-mock-run aria-label="Mock interview in progress" hidden>'
        '<p class="study-tool__title" tabindex="-1" data-mock-title></p><blockquote data-mock-prompt></blockquote>'
        '<p class="timed-mock__clock" role="timer" aria-live="off"><span data-mock-elapsed>0:00</span> of '
        f'{clock.length}:00 <span data-mock-state></span></p>'
        '<p class="timed-mock__phase"><strong data-mock-phase></strong> <span data-mock-step></span></p>'
        '<p>Cover: <span data-mock-cover></span>. Done when: <span data-mock-done></span>.</p>'
        '<p class="study-tool__unseen" aria-live="polite" data-mock-announce></p>'
        '<p class="study-tool__actions"><button type="button" data-mock-pause>Pause</button>'
        '<button type="button" data-mock-end>End now</button></p>'
        '<div data-mock-followups hidden><p class="study-tool__title">The interviewer asks</p><ol></ol></div>'
        "</section>"
        '<section class="timed-mock__end" data-mock-end-panel aria-label="After the mock" hidden>'
        '<p class="study-tool__title" tabindex="-1" data-mock-summary></p>'
        '<p><a data-mock-review href="">Compare with the model answer</a></p>'
        f"{rubric_form(rubric, prompts, url(rubric.source))}"
        "</section>"
        f'<template data-mock-prompts><ul>{items}</ul></template>'
        "</div>"
    )

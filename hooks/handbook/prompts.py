"""Interview prompts for the timed mock and the rubric: every case study and every question-bank prompt.

- A **case study**'s prompt is the study plan's ``Prompt:`` paragraph that links to it (what a reader attempts
  cold), or its front-matter description when the plan has none; its follow-ups are the ``??? question``
  blocks of its ``## Follow-up questions``, asked in the timeline's last block, which the playbook gives to
  "the interviewer's follow-ups".
- A **question-bank** prompt is a ``### Title { #id }`` heading of the bank, its first paragraph the prompt;
  the bank gives no follow-up questions but names the steps where the design departs from the closest case
  study (``**Where it differs:**``), so those are the interviewer's probes, each at the minute its step starts.
  A prompt is generative when those steps link to the framework for LLM systems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .citations import CITATION
from .flashcards import QUESTION
from .glossary import TERM_LINK
from .interview_clock import Clock
from .markdown import headings
from .md_tables import section_lines
from .pages import Page, Site
from .problems import Problem
from .schema import track_of

QUESTION_BANK = "question-bank"
STUDY_PLAN = "study-plan"
FOLLOW_UPS = "follow-up-questions"
LLM_FRAMEWORK = "llm-systems.md"
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
PLAN_PROMPT = re.compile(r"^Prompt: (?P<text>.*?)\s*Compare with\s*\[[^\]]+\]\((?:\.\./)?(?P<target>case-studies/[\w-]+\.md)\)",
                         re.S)
WHERE = re.compile(r"\[(?P<step>\d+) (?P<name>[^\]]+)\]\((?P<target>[^)\s]+)\)(?:\s*\((?P<why>[^()]*)\))?")


@dataclass(frozen=True)
class FollowUp:
    """A question the interviewer asks at minute ``minute``."""

    minute: int
    text: str


@dataclass(frozen=True)
class Prompt:
    """One prompt a reader can attempt.

    Attributes:
        id: ``case:<page id>`` or ``bank:<heading id>``: what the rubric stores attempts under.
        title: The case study's or the bank entry's title.
        source: ``case`` or ``bank``.
        track: ``classic`` or ``generative``.
        text: The prompt as the interviewer says it (plain text).
        follow_ups: The interviewer's questions, in order of minute.
        review: Doc path and anchor where the reader compares afterwards (answers or outline).
    """

    id: str
    title: str
    source: str
    track: str
    text: str
    follow_ups: tuple[FollowUp, ...]
    review: str


def plain(markdown: str) -> str:
    """Markdown prose as plain text: links and glossary links keep their words, citations and emphasis go."""
    text = TERM_LINK.sub(lambda m: m.group(1).strip(), markdown)
    text = LINK.sub(lambda m: m.group(1), CITATION.sub("", text))
    return re.sub(r"\s+", " ", text.replace("**", "").replace("`", "")).strip()


def paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``(first line number, text)`` of each blank-line-separated paragraph."""
    found, current, start = [], [], 0
    for number, line in [*lines, (0, "")]:
        if line.strip():
            start = start if current else number
            current.append(line.strip())
        elif current:
            found.append((start, " ".join(current)))
            current = []
    return found


def plan_prompts(site: Site) -> dict[str, str]:
    """The study plan's cold-attempt prompts by case-study doc path."""
    plan = site.by_id.get(STUDY_PLAN)
    if plan is None:
        return {}
    lines = list(enumerate(plan.text.split("\n"), start=1))
    found = {m["target"]: plain(m["text"]) for _, text in paragraphs(lines) if (m := PLAN_PROMPT.match(text))}
    return {target: text[:1].upper() + text[1:] for target, text in found.items()}


def case_study_prompt(study: Page, clock: Clock, plan: dict[str, str]) -> Prompt:
    """The prompt of one case study, its follow-up questions asked in the timeline's last block."""
    wrap_up = clock.blocks[-1].start
    questions = [QUESTION.match(line) for _, line in section_lines(study, FOLLOW_UPS)]
    return Prompt(
        id=f"case:{study.id}", title=study.title, source="case", track=track_of(study),
        text=plan.get(study.doc_path, plain(str(study.meta.get("description", "")))),
        follow_ups=tuple(FollowUp(wrap_up, plain(q["text"])) for q in questions if q),
        review=f"{study.doc_path}#{FOLLOW_UPS}",
    )


def bank_prompts(bank: Page, clock: Clock) -> tuple[list[Prompt], list[Problem]]:
    """Every ``###`` prompt of the question bank, and what is wrong with the ones that cannot be used."""
    lines = bank.text.split("\n")
    found = [h for h in headings(bank.text, bank.body_start) if h.level <= 3]
    prompts, problems = [], []
    for index, heading in enumerate(found):
        if heading.level != 3:
            continue
        if not heading.anchor:
            problems.append(Problem(bank.path, heading.line, f"question-bank prompt '{heading.text}' has no id "
                                    "(end its heading with { #kebab-case-id }: the rubric stores attempts under it)"))
            continue
        end = found[index + 1].line - 1 if index + 1 < len(found) else len(lines)
        body = paragraphs([(n, lines[n - 1]) for n in range(heading.line + 1, end + 1)])
        where = next((text for _, text in body if text.startswith("**Where it differs:**")), None)
        if not body or where is None:
            problems.append(Problem(bank.path, heading.line, f"question-bank prompt '{heading.text}' has no "
                                    "'**Where it differs:**' paragraph (name the framework steps the interviewer will probe)"))
            continue
        probes = [m for m in WHERE.finditer(where)]
        follow_ups = sorted(
            (FollowUp(clock.step_start(int(m["step"])), f"{m['step']} {m['name']}" + (f": {plain(m['why'])}" if m["why"] else ""))
             for m in probes), key=lambda f: f.minute)
        generative = any(LLM_FRAMEWORK in m["target"] for m in probes)
        prompts.append(Prompt(
            id=f"bank:{heading.anchor}", title=heading.text, source="bank",
            track="generative" if generative else "classic", text=plain(body[0][1]),
            follow_ups=tuple(follow_ups), review=f"{bank.doc_path}#{heading.anchor}",
        ))
    return prompts, problems


def all_prompts(site: Site, clock: Clock) -> tuple[list[Prompt], list[Problem]]:
    """Case studies (in path order) then question-bank prompts (in page order), with the bank's problems."""
    plan = plan_prompts(site)
    prompts = [case_study_prompt(study, clock, plan) for study in site.case_studies()]
    bank = site.by_id.get(QUESTION_BANK)
    if bank is None:
        return prompts, []
    more, problems = bank_prompts(bank, clock)
    return prompts + more, problems

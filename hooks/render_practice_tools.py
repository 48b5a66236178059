"""MkDocs hook: the interactive rubric and the timed mock, generated from the pages they draw on.

A page writes ``<div data-rubric></div>`` where the score form goes (the study plan, under its static
rubric) or ``<div data-timed-mock></div>`` where the mock goes. The rubric comes from
[`handbook.rubric`][handbook.rubric], the minute marks from [`handbook.interview_clock`][handbook.interview_clock],
the prompts from [`handbook.prompts`][handbook.prompts]; a source they cannot read is logged as
``path:line: problem`` (strict builds fail) and its marker is left empty.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from handbook.interview_clock import read_clock
from handbook.markdown import replace_marker
from handbook.pages import load_site
from handbook.practice_markup import phase_table, rubric_form, timed_mock_app
from handbook.prompts import all_prompts
from handbook.rubric import read_rubric

RUBRIC_MARKER = "<div data-rubric></div>"
MOCK_MARKER = "<div data-timed-mock></div>"
PLAYBOOK_PAGE = "framework/interview-playbook.md"

log = get_plugin_logger("render_practice_tools")
_state: dict = {}


def on_files(files, config):
    """Read the rubric, the clock and the prompts once per build, and log what stops reading them."""
    site = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    rubric, problems = read_rubric(site)
    clock, clock_problems = read_clock(site)
    prompts, prompt_problems = all_prompts(site, clock) if clock else ([], [])
    for problem in sorted(problems + clock_problems + prompt_problems):
        log.warning(str(problem))
    _state.update(rubric=rubric, clock=clock, prompts=prompts)
    return files


def on_page_markdown(markdown, page, config, files):
    """Replace the rubric and timed-mock markers with their forms (and the mock's phase table)."""
    if RUBRIC_MARKER not in markdown and MOCK_MARKER not in markdown:
        return markdown

    def url(target: str) -> str:
        doc_path, _, anchor = target.partition("#")
        link = get_relative_url(files.get_file_from_path(doc_path).url, page.url)
        return f"{link}#{anchor}" if anchor else link

    rubric, clock, prompts = _state["rubric"], _state["clock"], _state["prompts"]
    rubric_html = rubric_form(rubric, prompts, url(rubric.source)) if rubric else ""
    markdown = replace_marker(markdown, RUBRIC_MARKER, rubric_html)
    if not (clock and rubric):
        return replace_marker(markdown, MOCK_MARKER, "")

    def playbook(anchor: str) -> str:
        """A Markdown link target (MkDocs resolves it) to a section of the playbook."""
        return get_relative_url(PLAYBOOK_PAGE, page.file.src_uri) + f"#{anchor}"

    return replace_marker(markdown, MOCK_MARKER, phase_table(clock, playbook) + "\n\n" + timed_mock_app(clock, prompts, rubric, url))

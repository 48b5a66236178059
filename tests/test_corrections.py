"""The corrections log: validated entries and the generated corrections page."""

import datetime
from pathlib import Path

from helpers import ROOT, front, page, site

from handbook.corrections import check_corrections, corrections_markdown, load_corrections

TODAY = datetime.date(2026, 12, 4)
SEARCH = page(front("search") + "## 1. Clarify requirements { #clarify-requirements }\n\n### Latency budget { #latency-budget }\n",
              "docs/case-studies/search.md")
FEED = page(front("feed") + "## Serving { #serving }\n", "docs/case-studies/feed.md")


def log(tmp_path: Path, text: str):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/corrections.yml").write_text(text)
    return load_corrections(tmp_path, today=TODAY)


def entry(date="2026-12-04", page="case-studies/search.md", section="latency-budget", kind="correction", text="Said 70 ms, says 60 ms.", extra=""):
    return f"- date: {date}\n  page: {page}\n  section: {section}\n  kind: {kind}\n  text: {text}\n{extra}"


def test_malformed_entries_are_reported_with_their_line(tmp_path: Path):
    corrections = log(tmp_path, "".join([
        entry(),
        "- date: 2026-12-04\n  page: case-studies/search.md\n  kind: update\n",
        entry(date="4 December", kind="fixed"),
        entry(date="2026-12-05", extra="  colour: red\n"),
        entry(text="x" * 321),
        "- just text\n",
    ]))
    assert [str(p) for p in corrections.problems] == [
        "data/corrections.yml:6: corrections entry lacks section, text (every entry needs date, page, section, kind, text)",
        "data/corrections.yml:9: corrections date '4 December' is not a date (write it as YYYY-MM-DD)",
        "data/corrections.yml:9: corrections kind 'fixed' is unknown (use one of: correction, update, kept)",
        "data/corrections.yml:14: corrections entry has unknown field 'colour' (allowed: date, page, section, kind, text, review)",
        "data/corrections.yml:14: corrections date 2026-12-05 is in the future (write the day the change landed)",
        "data/corrections.yml:20: corrections text is 321 characters (keep it to one sentence of at most 320)",
        "data/corrections.yml:25: corrections entry is not a mapping (write 'date:', 'page:', 'section:', 'kind:', 'text:')",
    ]
    assert [e.line for e in corrections.entries] == [1]


def test_a_file_that_is_not_a_list_or_not_yaml_is_reported(tmp_path: Path):
    assert [str(p) for p in log(tmp_path, "date: 2026-12-04\n").problems] == [
        "data/corrections.yml:1: corrections log must be a list of entries (start each with '- date:')"]
    assert [str(p) for p in log(tmp_path, "- date: [\n").problems] == [
        "data/corrections.yml:1: corrections log is not valid YAML (ParserError)"]


def test_entries_must_name_an_existing_page_and_heading_id(tmp_path: Path):
    corrections = log(tmp_path, entry() + entry(section="clarify") + entry(page="case-studies/nowhere.md"))
    assert [str(p) for p in check_corrections(site(SEARCH, FEED), corrections)] == [
        "data/corrections.yml:6: corrections entry names section '#clarify', which case-studies/search.md does not have (use the { #id } of one of its headings)",
        "data/corrections.yml:11: corrections entry names missing page 'case-studies/nowhere.md' (give a path under docs/)",
    ]


def test_page_lists_newest_day_first_then_pages_in_path_order_with_linked_sections(tmp_path: Path):
    corrections = log(tmp_path, "".join([
        entry(date="2026-11-02", kind="update", text="Older."),
        entry(page="case-studies/search.md", kind="kept", text="'Kept, recomputed: 2 x 3 = 6.'"),
        entry(page="case-studies/feed.md", section="serving", text="Said   100,\n    says 80."),
        entry(section="clarify-requirements", text="Now right."),
    ]))
    assert not corrections.problems
    body = corrections_markdown(site(FEED, SEARCH), corrections, "reference/corrections.md")
    assert body == (
        "4 entries on 2 pages: 2 corrected, 1 updated, 1 checked and kept.\n\n"
        "## 4 December 2026 { #changes-2026-12-04 }\n\n"
        "### Feed { #changes-2026-12-04-case-studies-feed }\n\n"
        "- **Corrected** in [Serving](../case-studies/feed.md#serving): Said 100, says 80.\n\n"
        "### Search { #changes-2026-12-04-case-studies-search }\n\n"
        "- **Corrected** in [1. Clarify requirements](../case-studies/search.md#clarify-requirements): Now right.\n"
        "- **Checked and kept** in [Latency budget](../case-studies/search.md#latency-budget): Kept, recomputed: 2 x 3 = 6.\n\n"
        "## 2 November 2026 { #changes-2026-11-02 }\n\n"
        "### Search { #changes-2026-11-02-case-studies-search }\n\n"
        "- **Updated** in [Latency budget](../case-studies/search.md#latency-budget): Older.\n")


def test_an_empty_or_missing_log_says_so(tmp_path: Path):
    assert load_corrections(tmp_path).entries == ()
    assert corrections_markdown(site(SEARCH), load_corrections(tmp_path), "reference/corrections.md") == "No corrections yet.\n"


def test_the_real_log_is_valid_and_every_entry_points_at_a_real_section():
    from handbook.pages import load_site

    corrections = load_corrections(ROOT)
    assert corrections.problems == ()
    assert check_corrections(load_site(ROOT), corrections) == []

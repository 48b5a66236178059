"""Front matter per page kind, unique ids, references to cheat sheets."""

from helpers import front, page, site

from handbook.schema import check_front_matter, check_ids, check_references_to_pages

CASE_STUDY = """
---
id: visual-search
kind: case-study
title: Visual search
description: Find similar images.
tags: [marketplace]
facts:
  setting: Image app
  task: [retrieval]
  input: An image
  output: 50 images
  modalities: [image]
  label_source: [natural]
  offline_metrics: [recall@k]
  online_metrics: [CTR]
  serving: online
  latency_budget_ms: 200
  scale:
    daily_active_users: 100 M
uses: [ann-indexes]
---
Body.
"""


def messages(problems):
    return [str(p) for p in problems]


def test_valid_pages_have_no_problems():
    assert check_front_matter(page(CASE_STUDY)) == []
    assert check_front_matter(page(front("evaluation", "framework-step", "step: 5\n"))) == []
    assert check_front_matter(page(front("ann-indexes", "cheat-sheet", "tags: [serving]\n"))) == []


def test_missing_required_field():
    text = "---\nid: a\nkind: page\ntitle: A\n---\n"
    assert messages(check_front_matter(page(text))) == [
        "docs/section/page.md:1: front matter is missing required field 'description' (add description: a string)"]


def test_wrong_type_and_unknown_value_and_unknown_field():
    text = "---\nid: a\nkind: chat-sheet\ntitle: [A]\ndescription: d\ncolour: red\n---\n"
    assert messages(check_front_matter(page(text))) == [
        "docs/section/page.md:6: unknown front matter field 'colour' (use one of: description, generate, id, kind, title)",
        "docs/section/page.md:3: front matter field 'kind' has unknown value 'chat-sheet' (did you mean 'cheat-sheet'?)",
        "docs/section/page.md:4: front matter field 'title' must be a string, not list (write title: a string)",
    ]


def test_case_study_facts_are_typed():
    text = CASE_STUDY.replace("task: [retrieval]", "task: [retreival]").replace("  latency_budget_ms: 200\n", "")
    assert messages(check_front_matter(page(text))) == [
        "docs/section/page.md:9: facts field 'task' has unknown value 'retreival' (did you mean 'retrieval'?)",
        "docs/section/page.md:16: facts of an online or hybrid system need 'latency_budget_ms' (add the end-to-end p99 budget in ms)",
    ]


def test_step_page_id_must_match_its_step_and_ids_are_kebab_case():
    assert messages(check_front_matter(page(front("evaluation", "framework-step", "step: 4\n")))) == [
        "docs/section/page.md:2: step 4 page must have id 'model-development' (the id is the anchor case studies use)"]
    assert messages(check_front_matter(page(front("Bad_Id")))) == [
        "docs/section/page.md:2: id 'Bad_Id' is not kebab-case (use lower-case words joined by hyphens)"]


def test_duplicate_ids():
    first, second = page(front("same"), "docs/a.md"), page(front("same"), "docs/b.md")
    assert messages(check_ids(site(first, second))) == [
        "docs/b.md:2: duplicate page id 'same', already used by docs/a.md (choose a unique id)"]


def test_uses_must_name_an_existing_cheat_sheet():
    study = page(CASE_STUDY.replace("[ann-indexes]", "[ann-indexs]"), "docs/case-studies/v.md")
    sheet = page(front("ann-indexes", "cheat-sheet"), "docs/cheat-sheets/ann-indexes.md")
    assert messages(check_references_to_pages(site(study, sheet))) == [
        "docs/case-studies/v.md:20: uses unknown cheat-sheet topic 'ann-indexs' (did you mean 'ann-indexes'?)"]
    assert check_references_to_pages(site(page(CASE_STUDY, "docs/case-studies/v.md"), sheet)) == []


GENERATIVE = CASE_STUDY.replace("kind: case-study\n", "kind: case-study\ntrack: generative\n").replace(
    "uses: [ann-indexes]\n",
    "  llm:\n    model: 8 B, FP8\n    context_tokens: 8000\n    tokens_per_request: 2,000 in, 250 out\n"
    "    ttft_ms: 800\n    output_tokens_per_s: 40\n    cost_per_request: USD 0.001\nuses: [ann-indexes]\n")


def test_generative_case_study_declares_its_llm_facts():
    assert check_front_matter(page(GENERATIVE)) == []
    without = GENERATIVE[: GENERATIVE.index("  llm:")] + GENERATIVE[GENERATIVE.index("uses:"):]
    assert messages(check_front_matter(page(without))) == [
        "docs/section/page.md:8: facts of a generative case study need 'llm' (add llm: with model, context_tokens, "
        "tokens_per_request, ttft_ms, output_tokens_per_s, cost_per_request)"]
    wrong = GENERATIVE.replace("ttft_ms: 800", "ttft_ms: 0.8 s").replace("    output_tokens_per_s: 40\n", "")
    assert messages(check_front_matter(page(wrong))) == [
        "docs/section/page.md:25: llm facts field 'ttft_ms' must be an integer, not str (write ttft_ms: an integer)",
        "docs/section/page.md:21: llm facts is missing required field 'output_tokens_per_s' (add output_tokens_per_s: an integer)",
    ]


def test_llm_facts_belong_to_the_generative_track_and_the_track_is_a_known_one():
    classic = GENERATIVE.replace("track: generative\n", "")
    assert messages(check_front_matter(page(classic))) == [
        "docs/section/page.md:20: facts field 'llm' belongs to generative case studies (add 'track: generative' or delete llm:)"]
    assert messages(check_front_matter(page(front("rag", "cheat-sheet", "track: genai\ntags: [serving]\n")))) == [
        "docs/section/page.md:6: front matter field 'track' has unknown value 'genai' (did you mean 'generative'?)"]

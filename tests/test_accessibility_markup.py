"""Accessibility repairs to generated HTML (the browser checks live in test_accessibility.py)."""

from handbook.accessibility import hide_decorative_checkboxes


def test_checklist_boxes_are_hidden_from_assistive_technology():
    item = '<li class="task-list-item"><label class="task-list-control"><input disabled="" type="checkbox"/>'
    assert hide_decorative_checkboxes(item) == item.replace("<input ", '<input aria-hidden="true" ')
    assert hide_decorative_checkboxes(hide_decorative_checkboxes(item)) == hide_decorative_checkboxes(item)


def test_working_checkboxes_are_left_alone():
    toggle = '<input class="md-toggle" data-md-toggle="search" id="__search" type="checkbox"/>'
    assert hide_decorative_checkboxes(toggle) == toggle

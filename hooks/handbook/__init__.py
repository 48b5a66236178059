"""Plain functions behind the handbook's MkDocs hooks and scripts.

Nothing in this package imports MkDocs: every function takes text, dicts and
paths and returns values or a list of [`Problem`][handbook.problems.Problem]s,
so the same checks run inside a build (``hooks/check_content.py``) and without
one (``scripts/check_content.py``).
"""

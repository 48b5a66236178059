"""The Content-Security-Policy hook's functions, on literal pages."""

from __future__ import annotations

from handbook.security_policy import add_content_security_policy, content_security_policy, inline_script_hashes

#: sha256("alert(1)"), base64: the value a browser computes for <script>alert(1)</script>.
ALERT_HASH = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>alert(1)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/app.js"></script>
<script defer src="assets/other.js"></script>
<script type="module">alert(1)</script>
</head><body></body></html>"""


def test_only_executable_inline_scripts_are_hashed_once_each():
    assert inline_script_hashes(PAGE) == [ALERT_HASH]


def test_policy_allows_the_site_only():
    policy = content_security_policy(PAGE)
    assert policy.startswith("default-src 'self'; script-src 'self' " + ALERT_HASH + ";")
    assert "'unsafe-inline'" not in policy.split("style-src")[0], "scripts are allowed by hash, never inline"
    assert "object-src 'none'" in policy and "worker-src 'self';" in policy
    assert "http" not in policy and "*" not in policy


def test_offline_copy_may_start_blob_workers():
    assert "worker-src 'self' blob:;" in content_security_policy(PAGE, ("'self'", "blob:"))


def test_policy_meta_comes_before_the_first_script_and_only_once():
    secured = add_content_security_policy(PAGE)
    meta = secured.index('<meta http-equiv="Content-Security-Policy"')
    assert secured.index('<meta charset="utf-8">') < meta < secured.index("<script")
    assert add_content_security_policy(secured) == secured


def test_a_file_without_a_charset_meta_is_left_alone():
    fragment = "<div><script>alert(1)</script></div>"
    assert add_content_security_policy(fragment) == fragment

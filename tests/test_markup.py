"""Update texts as HTML: plain prose arrives as written, Markdown still works.

The expected HTML is what Python-Markdown and the sanitizer make of each
text; plain texts take a shorter way to it, which must not change a byte.
"""

import pytest

from varde.markup import to_html


@pytest.mark.parametrize(
    "text, html",
    [
        ("Login fails for everyone. Next update by 10:30.", "<p>Login fails for everyone. Next update by 10:30.</p>"),
        (
            "Vi undersøker forsinkelser i Meldingstjenesten (e-resept).\nNeste oppdatering kommer innen kl. 07:30.\n",
            "<p>Vi undersøker forsinkelser i Meldingstjenesten (e-resept).\nNeste oppdatering kommer innen kl. 07:30.</p>",
        ),
        (
            'Users see "Error 502"; about 40% of requests fail. See status/api!',
            '<p>Users see "Error 502"; about 40% of requests fail. See status/api!</p>',
        ),
    ],
)
def test_plain_text_is_one_paragraph_as_written(text, html):
    assert to_html(text) == html


@pytest.mark.parametrize(
    "text, html",
    [
        ("Login *works* again.", "<p>Login <em>works</em> again.</p>"),
        ("Fixed  \nfor everyone.", "<p>Fixed<br>\nfor everyone.</p>"),
        ("A & B fail.", "<p>A &amp; B fail.</p>"),
        ("Restart of snake_case_service done.", "<p>Restart of snake_case_service done.</p>"),
        ("Next update:\n2. juni kl. 10.", "<p>Next update:\n2. juni kl. 10.</p>"),
        ("Steps:\n\n1. Restart\n2. Verify", "<p>Steps:</p>\n<ol>\n<li>Restart</li>\n<li>Verify</li>\n</ol>"),
    ],
)
def test_text_that_is_nearly_plain_still_reads_as_markdown(text, html):
    assert to_html(text) == html

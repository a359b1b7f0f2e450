import pytest

from articles.sanitize import clean_body_html
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ("<p>Hi</p><script>alert(1)</script>", "<script"),
        ("<p onclick=\"alert(1)\">Hi</p>", "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ("<style>body{display:none}</style><p>x</p>", "<style"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<p style="position:fixed">x</p>', "style="),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    assert forbidden.lower() not in clean_body_html(dirty).lower()


def test_the_editors_formatting_survives():
    html = (
        "<h2>Sub</h2><p><strong>b</strong> <em>i</em> <a href=\"https://example.org/x\">link</a></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
    )
    cleaned = clean_body_html(html)
    for fragment in ["<h2>Sub</h2>", "<strong>b</strong>", "<em>i</em>", "<ul><li>one</li></ul>", "<blockquote>"]:
        assert fragment in cleaned
    assert 'href="https://example.org/x"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
def test_every_save_sanitizes_the_body_whatever_sent_it():
    article = ArticleFactory(body='<p>ok</p><script>steal()</script><a href="javascript:x()">y</a>')
    article.refresh_from_db()
    assert "<script" not in article.body and "javascript:" not in article.body
    assert "<p>ok</p>" in article.body


@pytest.mark.parametrize("body, stored", [
    ("<p></p>", ""),
    ("<p><br></p>", ""),
    ("<p>Flour prices.</p><p></p>", "<p>Flour prices.</p>"),  # the editor's paragraph after the last Enter
    ('<p>A baker.</p><figure data-photo="3"></figure><p></p><p><br></p>', '<p>A baker.</p><figure data-photo="3"></figure>'),
    ("<p>One.</p><p></p><p>Two.</p>", "<p>One.</p><p></p><p>Two.</p>"),  # a gap the writer left between paragraphs stays
])
def test_empty_paragraphs_at_the_end_of_the_body_are_not_stored(body, stored):
    assert clean_body_html(body) == stored

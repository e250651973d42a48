"""Small things every page gets right (issue 11, item 10): compressed HTML for weak signal, a
favicon, and tab titles without markup."""

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    plain = client.get("/")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2
    assert "<h1>" in gzip.decompress(packed.content).decode()


def test_a_favicon_is_linked(client):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]+favicon\.svg"', html)


def test_tab_titles_hold_no_markup(client, make_user):
    client.force_login(make_user())
    for path in ("/help/mine/", "/gigs/mine/", "/wallet/", "/bookings/mine/", "/accounts/profile/"):
        title = re.search(r"<title>(.*?)</title>", client.get(path).content.decode(), re.S).group(1)
        assert "<" not in title and ">" not in title, (path, title)

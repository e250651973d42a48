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


def test_the_home_page_leads_with_the_services_and_keeps_elder_mode_one_tap_away(client):
    """Issue 11, item 10: people come for work, a warm station, a charge or help; the switch to
    长辈版 stays a single button on the page (and in every page's footer)."""
    html = client.get("/").content.decode()
    tiles = html.index('class="tiles"')
    assert tiles < html.index('id="elder-switch"')
    first = html[tiles:].split('class="tile"', 2)[1]
    assert 'href="/gigs/"' in first
    assert html.count('action="/settings/elder/"') == 2  # the big button, and the footer's

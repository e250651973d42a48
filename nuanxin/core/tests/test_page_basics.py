"""Small things every page gets right (issue 11, item 10): a favicon, and tab titles without markup."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_favicon_is_linked(client):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]+favicon\.svg"', html)


def test_tab_titles_hold_no_markup(client, make_user):
    client.force_login(make_user())
    for path in ("/help/mine/", "/gigs/mine/", "/wallet/", "/bookings/mine/", "/accounts/profile/"):
        title = re.search(r"<title>(.*?)</title>", client.get(path).content.decode(), re.S).group(1)
        assert "<" not in title and ">" not in title, (path, title)

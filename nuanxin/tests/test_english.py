"""English is whole (issue 11, item 9): crawl the site in English over the Kunshan demo data,
signed out and as each kind of user, and find any interface text still in Chinese.

What people and places are called (a gig's title, a station's name, an address, a message a
person wrote) stays as written: templates mark such data with `translate="no"` (the HTML
attribute that tells translation tools the same thing) or with `lang="zh-Hans"` (WCAG 3.1.2,
the language of a part). Everything else on an English page must be English.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]")
SKIP_TAGS = {"script", "style", "template", "title"}  # a tab title is the page's name: its data
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRS = ("title", "aria-label", "placeholder", "alt")
# Never followed: sign-out, other languages, the admin and API, files, the phone's dialler.
NOT_FOLLOWED = re.compile(r"^/(accounts/logout|i18n|admin|api|static|media)/|\.(svg|csv|xlsx|png|pdf)$")
PAGES_PER_USER = 60


class _Text(HTMLParser):
    """Visible text and read-out attributes, minus what is marked as data or not shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside data or hidden)
        self.found: list[str] = []
        self.links: list[str] = []

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        skip = (self._skipped() or tag in SKIP_TAGS or a.get("translate") == "no"
                or (a.get("lang") or "").lower().startswith("zh"))
        if not skip:
            self.found.extend(v for k in READ_ATTRS if (v := a.get(k)) and CJK.search(v))
            if tag == "input" and a.get("type") in ("submit", "button") and CJK.search(a.get("value") or ""):
                self.found.append(a["value"])
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._skipped() and CJK.search(data):
            self.found.append(data.strip())


def _shape(path: str) -> str:
    """One page per kind: /gigs/12/ and /gigs/13/ are the same template."""
    return re.sub(r"\d+", "N", path)


CRAWLED: list[str] = []  # every page read, so the test can show it did not pass by reading nothing


def crawl(client, starts: list[str]) -> dict[str, list[str]]:
    seen, queue, problems = set(), deque(starts), {}
    while queue and len(seen) < PAGES_PER_USER:
        path = queue.popleft()
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        r = client.get(path)
        assert r.status_code < 500, path
        if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
            continue
        CRAWLED.append(path)
        parser = _Text()
        parser.feed(r.content.decode())
        if parser.found:
            problems[path] = parser.found
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or NOT_FOLLOWED.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return problems


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def _english(client):
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.django_db
def test_english_pages_have_no_chinese_interface_text(client, demo):
    from nuanxin.accounts.models import User
    from nuanxin.accounts.services import agreements_accept_all

    starts = ["/", "/gigs/", "/places/", "/bookings/", "/housing/", "/help/", "/settings/", "/accounts/login/",
              "/accounts/terms/", "/accounts/privacy/"]
    problems = crawl(_english(client), starts)
    people = {
        "worker": (User.objects.get(phone="13800000000"), ["/gigs/mine/", "/wallet/", "/bookings/mine/",
                                                            "/housing/mine/", "/help/mine/", "/accounts/inbox/", "/accounts/profile/"]),
        "employer": (User.objects.get(phone="13900000001"), ["/gigs/employer/", "/gigs/employer/new/", "/wallet/"]),
    }
    for username in ("advisor", "organiser"):
        user = User.objects.filter(username__startswith=username).first()
        if user is not None:
            people[username] = (user, ["/help/queue/", "/bookings/organise/", "/settings/"])
    for who, (user, pages) in people.items():
        agreements_accept_all(user=user)
        client.force_login(user)
        for path, texts in crawl(_english(client), pages + ["/"]).items():
            problems[f"{who} {path}"] = texts
        client.logout()
    assert len(set(map(_shape, CRAWLED))) >= 40, CRAWLED  # the main pages of every kind of user
    report = "\n".join(f"{page}: {' | '.join(texts[:8])}" for page, texts in sorted(problems.items()))
    count = sum(len(t) for t in problems.values())
    assert not problems, f"{count} Chinese strings on English pages:\n{report}"


@pytest.mark.django_db
def test_english_housing_pages(client, make_residence, newcomer, make_user):
    """The housing pages in English, over a residence with a guest on each staff list: signed
    out, the guest (My stay with its code), the residence's manager and an advisor (the day
    sheet, the calendar, the review queue) and the rescue station (shelter)."""
    import datetime

    from nuanxin.housing import services

    manager, advisor, rescue = make_user("station_manager"), make_user("advisor"), make_user("rescue")
    home = make_residence(managers=[manager])
    guest, queued, staying = newcomer(), newcomer(), newcomer()
    day = services.today()
    services.apply(by=guest, check_in=day, nights=2, residence_id=home.pk, sex="male", looking_for_work=True)
    services.apply(by=queued, check_in=day + datetime.timedelta(days=1), nights=10, residence_id=home.pk,
                   sex="female", looking_for_work=True)
    stay = services.apply(by=staying, check_in=day, nights=3, residence_id=home.pk, sex="male",
                          looking_for_work=True)
    services.check_in(app_id=stay.pk, by=manager)
    problems, before = {}, len(CRAWLED)
    found = crawl(_english(client), ["/housing/", f"/housing/{home.pk}/"])
    problems.update({f"signed out {p}": t for p, t in found.items()})
    for who, user, pages in (
        ("guest", guest, ["/housing/mine/", f"/housing/{home.pk}/", "/housing/apply/"]),
        ("worker", newcomer(), [f"/housing/{home.pk}/", "/housing/apply/", "/housing/mine/"]),
        ("manager", manager, ["/housing/staff/", f"/housing/staff/{home.pk}/"]),
        ("advisor", advisor, [f"/housing/staff/{home.pk}/queue/", f"/housing/staff/{home.pk}/calendar/"]),
        ("rescue", rescue, ["/housing/staff/shelter/", "/housing/staff/"]),
    ):
        client.force_login(user)
        problems.update({f"{who} {p}": t for p, t in crawl(_english(client), pages).items()})
        client.logout()
    shapes = {_shape(p) for p in CRAWLED[before:] if p.startswith("/housing/")}
    assert {"/housing/", "/housing/N/", "/housing/apply/", "/housing/mine/", "/housing/staff/",
            "/housing/staff/N/", "/housing/staff/N/queue/", "/housing/staff/N/calendar/",
            "/housing/staff/shelter/"} <= shapes, shapes
    report = "\n".join(f"{page}: {' | '.join(texts[:8])}" for page, texts in sorted(problems.items()))
    assert not problems, f"Chinese strings on English housing pages:\n{report}"

"""The gig list page (issue 11, "lists that stop") through Django's test client: paging with plain
links that keep the filters, the three orders with full and started gigs never first, search
over descriptions and synonyms, the labels on each row, and bad input that never breaks it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.gigs import services
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
FAR = (31.2700, 120.9950)  # 千灯镇, about 12 km south of GIG_POINT (玉山镇)


def publish(user, *, title="家庭保洁 4小时", pay_fen=3000, pay_unit="hour", hours=4, starts_in=24 * HOUR,
            headcount=2, point=GIG_POINT, now=None, **extra):
    """A published gig with one shift `starts_in` from `now` (now: as if posted then)."""
    start = (now or timezone.now()) + starts_in
    data = {**gig_payload(), "title": title, "pay_fen": pay_fen, "pay_unit": pay_unit, "lat": point[0],
            "lon": point[1], "shifts": [{"start": start, "end": start + hours * HOUR, "headcount": headcount}],
            **extra}
    gig = services.gig_create(by=user, data=data, now=now)
    services.gig_publish(gig_id=gig.pk, by=user, now=now)
    return gig


def rows(html: str) -> list[tuple[int, str]]:
    """(gig id, state) of each row, in page order."""
    return [(int(pk), state) for pk, state in re.findall(r'data-gig-id="(\d+)" data-state="(\w+)"', html)]


def page(client, **params) -> str:
    r = client.get(reverse("gigs:list"), params)
    assert r.status_code == 200
    return r.content.decode()


def test_pages_of_twenty_with_links_that_keep_the_filters(client, employer):
    _c, user, _org = employer
    made = [publish(user, starts_in=(24 + i) * HOUR).pk for i in range(23)]
    first = page(client, q="保洁", town="yushan")
    assert "共 23 个零工，第 1/2 页" in first
    assert len(rows(first)) == 20
    # 下一页 and the page numbers are plain links that keep the search and the town.
    assert 'rel="next" href="?q=%E4%BF%9D%E6%B4%81&amp;town=yushan&amp;page=2">下一页</a>' in first
    assert 'href="?q=%E4%BF%9D%E6%B4%81&amp;town=yushan&amp;page=2" aria-label="第 2 页">2</a>' in first
    assert 'aria-current="page"' in first and "上一页" not in first
    second = page(client, q="保洁", town="yushan", page=2)
    assert "共 23 个零工，第 2/2 页" in second and "下一页" not in second
    assert 'rel="prev" href="?q=%E4%BF%9D%E6%B4%81&amp;town=yushan">上一页</a>' in second
    seen = [pk for pk, _s in rows(first) + rows(second)]
    assert sorted(seen) == sorted(made)  # every gig once, none twice


@pytest.mark.parametrize("raw", ["abc", "0", "-2", "1.5", "２", "", "9" * 40])
def test_bad_page_numbers_give_a_page_not_an_error(client, employer, raw):
    _c, user, _org = employer
    for i in range(21):
        publish(user, starts_in=(24 + i) * HOUR)
    html = page(client, page=raw)
    if raw == "9" * 40:  # past the end: the last page, and a note that says so
        assert "第 2/2 页" in html and "这是最后一页" in html and len(rows(html)) == 1
    else:
        assert "第 1/2 页" in html and len(rows(html)) == 20


def test_a_page_past_the_end_shows_the_last_page_with_a_note(client, employer):
    _c, user, _org = employer
    for i in range(3):
        publish(user, starts_in=(24 + i) * HOUR)
    html = page(client, page=7)
    assert "没有第 7 页，这是最后一页。" in html and len(rows(html)) == 3 and "下一页" not in html


@pytest.fixture
def mixed(employer, make_user):
    """Two gigs that would win every order (nearest, best paid, soonest) but cannot be booked —
    one full, one started — and two ordinary open gigs."""
    _c, user, _org = employer
    full = publish(user, title="满员保洁", pay_fen=9000, starts_in=2 * HOUR, headcount=1, instant=True)
    services.application_apply(shift_id=full.shifts.get().pk, worker=make_user())
    started = publish(user, title="已开工保洁", pay_fen=9000, starts_in=HOUR, now=timezone.now() - 2 * HOUR)
    near_cheap = publish(user, title="近处保洁", pay_fen=2500, starts_in=48 * HOUR,
                         point=(GIG_POINT[0] + 0.01, GIG_POINT[1]))
    far_rich = publish(user, title="远处保洁", pay_fen=5000, starts_in=24 * HOUR, point=FAR)
    return {"full": full.pk, "started": started.pk, "near_cheap": near_cheap.pk, "far_rich": far_rich.pk}


@pytest.mark.parametrize("params, expected", [
    ({"town": "yushan"}, ["near_cheap", "far_rich"]),                     # nearest first by default
    ({"town": "yushan", "sort": "distance"}, ["near_cheap", "far_rich"]),
    ({"sort": "pay"}, ["far_rich", "near_cheap"]),                        # 200 yuan before 100
    ({"town": "yushan", "sort": "pay"}, ["far_rich", "near_cheap"]),
    ({}, ["far_rich", "near_cheap"]),                                     # soonest first by default
    ({"sort": "start", "lat": GIG_POINT[0], "lon": GIG_POINT[1]}, ["far_rich", "near_cheap"]),
])
def test_full_and_started_gigs_never_rank_before_open_ones(client, mixed, params, expected):
    html = page(client, **params)
    order = rows(html)
    assert [pk for pk, _s in order[:2]] == [mixed[k] for k in expected]
    assert {pk: state for pk, state in order[2:]} == {mixed["full"]: "full", mixed["started"]: "started"}
    assert "已满或已开始的排在最后。" in html


def test_each_order_is_named_on_the_page_and_offered_as_a_link(client, mixed):
    html = page(client, town="yushan")
    assert "离所选位置最近的排在前面。" in html
    assert '<a href="?town=yushan&amp;sort=distance" aria-current="true">离我最近</a>' in html
    assert '<a href="?town=yushan&amp;sort=pay">一个班次工资最高</a>' in html
    assert "比的是一个班次的总工资，不是时薪" in page(client, sort="pay")
    assert "最早开始的排在前面" in page(client, sort="start")
    # Without a town or location there is no distance to sort by: the page says so and does not offer it.
    no_place = page(client, sort="distance")
    sort_links = re.search(r'<nav class="sorts".*?</nav>', no_place, re.S).group(0)
    assert "要按距离排序，请先选择镇或分享您的位置。" in no_place and "离我最近" not in sort_links
    assert "最早开始的排在前面" in no_place
    assert rows(page(client, sort="nonsense"))[0][1] == "open"


def test_pay_order_compares_the_whole_shift_not_the_rate(client, employer):
    _c, user, _org = employer
    hourly = publish(user, title="仓库理货员", pay_fen=2500, hours=8)          # 25 an hour × 8 h = 200 yuan
    daily = publish(user, title="展会搭建帮手", pay_fen=18000, pay_unit="day")   # 180 yuan a day
    short = publish(user, title="活动引导员", pay_fen=4000, hours=2)            # 40 an hour × 2 h = 80 yuan
    html = page(client, sort="pay")
    assert [pk for pk, _s in rows(html)] == [hourly.pk, daily.pk, short.pk]
    assert "一个班次共 ¥200.00" in html and "一个班次共 ¥180.00" in html and "一个班次共 ¥80.00" in html


def test_rows_show_same_day_pay_instant_booking_and_the_verified_employer_in_words(client, employer):
    _c, user, _org = employer
    plain = publish(user, title="普通保洁")
    labelled = publish(user, title="日结保洁", same_day_pay=True, instant=True)
    html = page(client)
    row = {pk: re.search(rf'data-gig-id="{pk}".*?</li>', html, re.S).group(0) for pk in (plain.pk, labelled.pk)}
    assert ">日结</span>" in row[labelled.pk] and ">即时录用</span>" in row[labelled.pk]
    assert "日结" not in row[plain.pk] and "即时录用" not in row[plain.pk]
    assert all("已认证单位" in r and "淳华科技" in r for r in row.values())
    assert "最近可报名：" in row[plain.pk] and "还剩 2 个名额" in row[plain.pk]


@pytest.mark.parametrize("query, found, missed", [
    ("清洁", ["家庭保洁"], ["仓库装卸工"]),      # 清洁 finds 保洁 …
    ("保洁", ["办公室清洁"], ["仓库装卸工"]),    # … and the other way round
    ("搬运", ["仓库装卸工"], ["家庭保洁"]),      # 搬运 finds 装卸
    ("装卸", ["家具搬运上楼"], ["家庭保洁"]),
    ("叉车", ["仓库装卸工"], ["家具搬运上楼"]),  # a word only in the description
    ("日结", ["家庭保洁"], ["办公室清洁", "仓库装卸工"]),  # the 日结 flag, not a word in its text
    ("qingjie", ["家庭保洁", "办公室清洁"], ["仓库装卸工"]),  # pinyin of a synonym
])
def test_search_covers_descriptions_and_synonyms(client, employer, query, found, missed):
    _c, user, _org = employer
    publish(user, title="家庭保洁", description="两室一厅，工具公司提供。", skills=[], same_day_pay=True)
    publish(user, title="办公室清洁", description="写字楼日常打理。", skills=[], category="other")
    publish(user, title="仓库装卸工", description="需会开叉车，能吃苦。", skills=[], category="warehouse")
    publish(user, title="家具搬运上楼", description="两人一组。", skills=[], category="moving", pay_unit="job",
            pay_fen=20000)
    html = page(client, q=query)
    for title in found:
        assert title in html, (query, title)
    for title in missed:
        assert title not in html, (query, title)


def test_english_pages_say_the_same_in_english(client, employer):
    _c, user, _org = employer
    for i in range(21):
        publish(user, starts_in=(24 + i) * HOUR, same_day_pay=True)
    html = client.get(reverse("gigs:list"), {"sort": "pay"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "21 gigs, page 1 of 2" in html and ">Next page</a>" in html
    assert "¥120.00 for the shift" in html and "¥30.00/hour" in html
    assert ">Paid same day</span>" in html and "Verified employer" in html
    assert "Best paid first: the whole pay for one shift, not the hourly rate." in html


def test_the_list_page_stays_small(client, employer):
    """20 rows with every label on, a long employer name and address: under 30 KB of HTML."""
    _c, user, org = employer
    for i in range(25):
        publish(user, title="钟点工：做饭加打扫（两室一厅，需自带工具）", starts_in=(24 + i) * HOUR, instant=True,
                same_day_pay=True, address="昆山开发区前进东路1888号 嘉顿广场3号楼1201室")
    size = len(client.get(reverse("gigs:list"), {"town": "ketd", "q": "打扫"}).content)
    assert size < 30_000, size


@pytest.mark.parametrize("sort", ["pay", "start", "distance"])
def test_a_day_filter_works_with_every_order(client, employer, sort):
    """The day filter joins shifts (DISTINCT): every order must still run, on SQLite and PostgreSQL."""
    _c, user, _org = employer
    tomorrow = publish(user, starts_in=24 * HOUR)
    publish(user, starts_in=72 * HOUR)
    day = timezone.localtime(tomorrow.shifts.get().start).date().isoformat()
    for where in ({"town": "yushan"}, {}):  # ordered in Python near a place, by the database without
        html = page(client, date=day, sort=sort, **where)
        assert [pk for pk, _s in rows(html)] == [tomorrow.pk]


def test_a_page_costs_the_same_few_queries_whatever_its_rows(client, employer, django_assert_max_num_queries):
    """Count, order, the gigs with their employers, their shifts: 4 queries for 20 rows (no N+1)."""
    _c, user, _org = employer
    for i in range(25):
        publish(user, starts_in=(25 + i) * HOUR)
    for params in ({"town": "yushan", "sort": "pay"}, {"page": 2}, {"sort": "pay", "q": "保洁"}):
        with django_assert_max_num_queries(4):
            page(client, **params)

"""Navigation that apps register (core/nav.py): the home tiles, the header menu and the My
account links are the same per role and language as when core's templates listed them, and
core's templates name no other app's pages."""

import re
from pathlib import Path

import pytest
from django.test import Client

from nuanxin.accounts.models import Employer
from nuanxin.core import nav

pytestmark = pytest.mark.django_db

# (icon, href, zh, en)
FIND = ("🧹", "/gigs/", "找零工", "Find gig work")
FIND_JOB = ("📋", "/jobs/", "找工作", "Find a job")
SHIFTS = ("🕘", "/gigs/mine/", "我的班次", "My shifts")
WARM = ("🏠", "/places/?kind=warm_station", "附近的暖新驿站", "Warm stations nearby")
CHARGE = ("⚡", "/places/?amenity=charging", "给手机、电动车充电", "Charge my phone or e-bike")
BED = ("🛏", "/housing/", "找床位", "Find a bed")
STAY = ("🔑", "/housing/mine/", "我的住宿", "My stay")
HELP = ("🆘", "/help/", "我要求助", "Ask for help")
BOOK = ("📅", "/bookings/", "免费服务预约", "Book free services")
BOOKINGS = ("🎫", "/bookings/mine/", "我的预约", "My bookings")
JOBS = ("💼", "/places/?kind=employment_station", "附近的就业服务站", "Job stations nearby")
FAIRS = ("🤝", "/jobs/fairs/", "招聘会", "Job fairs")
POLICIES = ("🧮", "/jobs/policies/", "政策计算器", "What help can I get?")
INBOX = ("✉", "/accounts/inbox/", "我的消息", "My messages")
ALL = ("📍", "/places/", "全部服务点", "All service points")
SEEK = ("🧭", "/jobs/me/", "我的求职", "My job search")            # workers
SEEKERS = ("🗂", "/jobs/seekers/", "求职人员", "Job seekers")       # advisors, station managers
TILES_SIGNED_OUT = [FIND, FIND_JOB, WARM, CHARGE, BED, HELP, BOOK, JOBS, FAIRS, POLICIES, ALL]
TILES_SIGNED_IN = [FIND, FIND_JOB, SHIFTS, WARM, CHARGE, BED, STAY, HELP, SEEK, BOOK, BOOKINGS, JOBS, FAIRS, POLICIES,
                   INBOX, ALL]

# (href, zh, en)
ACCOUNT = [("/accounts/profile/", "我的实名信息", "My real name"), ("/wallet/", "钱包", "Wallet"),
           ("/gigs/mine/", "我的班次", "My shifts"), ("/help/mine/", "我的求助", "My requests"),
           ("/bookings/mine/", "我的预约", "My bookings"), ("/housing/mine/", "我的住宿", "My stay"),
           ("/bookings/children/", "我的孩子", "My children"),
           ("/accounts/inbox/", "我的消息", "My messages"),
           ("/accounts/devices/", "我在哪些设备上登录", "Where I am signed in")]
QUEUE = ("/help/queue/", "工单队列", "Case queue")
GRANTS = [("/grants/", "待审批的救助金", "Grants to approve"), ("/grants/fund/", "慈善基金", "The charity fund")]
RESIDENCES = ("/housing/staff/", "我负责的居所", "Residences I look after")
POSTINGS = ("/gigs/employer/", "我发布的零工", "My postings")
VACANCIES = ("/jobs/employer/", "我的招聘岗位", "My vacancies")
REVIEW_VACANCIES = ("/jobs/review/", "待审核的招聘岗位", "Vacancies to review")
MY_JOB_SEARCH = ("/jobs/me/", "我的求职", "My job search")
SEEKER_STAFF = [("/jobs/follow-ups/", "待回访", "Follow-ups due"), ("/jobs/stations/", "我的服务站", "My station")]
RULES = [("/accounts/terms/", "用户协议", "User agreement"), ("/accounts/privacy/", "隐私政策", "Privacy notice")]


@pytest.fixture
def people(make_user):
    employer = make_user("worker")
    Employer.objects.create(name="昆山测试保洁公司").contacts.add(employer)
    return {"signed out": None, "worker": make_user("worker"), "employer": employer,
            "staff": make_user("advisor", username="nav-advisor")}


def _page(user, lang: str, path: str) -> str:
    c = Client()
    if user is not None:
        c.force_login(user)
    c.cookies["django_language"] = lang
    r = c.get(path)
    assert r.status_code == 200
    return r.content.decode()


def _menu(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<nav aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("who", ["signed out", "worker", "employer", "staff"])
def test_tiles_menu_and_account_links_per_role(people, who, lang):
    user, zh = people[who], lang == "zh-hans"
    pick = (lambda row: row[-2]) if zh else (lambda row: row[-1])

    home = _page(user, lang, "/")
    tiles = re.findall(r'<a class="tile" href="([^"]+)"><span aria-hidden="true">([^<]*)</span>([^<]+)</a>', home)
    expected = TILES_SIGNED_OUT if user is None else [
        SEEKERS if t == SEEK and who == "staff" else t for t in TILES_SIGNED_IN]
    assert tiles == [(t[1], t[0], pick(t)) for t in expected]

    me = ("/accounts/login/?next=/", "登录" if zh else "Sign in") if user is None else ("/settings/", "我的" if zh else "Me")
    assert _menu(home) == [("/places/", "附近" if zh else "Nearby"), ("/gigs/", "零工" if zh else "Gigs"),
                           ("/jobs/", "招聘岗位" if zh else "Jobs"), me,
                           ("/settings/#display", "设置" if zh else "Settings")]

    # Every page's foot, for everyone: the open data (dashboard's nav).
    assert re.search(r'<p class="foot-links"><a href="/open-data/">(开放数据|Open data)</a></p>', home)

    settings = _page(user, lang, "/settings/")
    links = re.findall(r'<p><a href="([^"]+)">([^<]+)</a></p>', settings)
    # Jobs part B: a worker's job search, or a seeker advisor's follow-ups and station, after My stay.
    stay = ACCOUNT.index(("/housing/mine/", "我的住宿", "My stay")) + 1
    jobs = SEEKER_STAFF if who == "staff" else [MY_JOB_SEARCH]
    account = [] if user is None else ACCOUNT[:stay] + jobs + ACCOUNT[stay:] + (
        [QUEUE, *GRANTS, REVIEW_VACANCIES, RESIDENCES] if who == "staff" else []) + (
        [POSTINGS, VACANCIES] if who == "employer" else [])
    assert links == [(row[0], pick(row)) for row in account + RULES]
    assert ('action="/accounts/logout/"' in settings) == (user is not None)
    assert ('action="/accounts/agreement/withdraw/"' in settings) == (who in ("worker", "employer"))


def test_sign_in_comes_back_to_the_page_except_on_its_own():
    assert ("/accounts/login/?next=/gigs/%3Fq%3D%25E4%25BF%259D%25E6%25B4%2581%26town%3Dyushan", "Sign in") in _menu(
        _page(None, "en", "/gigs/?q=%E4%BF%9D%E6%B4%81&town=yushan"))
    assert ("/accounts/login/", "Sign in") in _menu(_page(None, "en", "/accounts/login/"))


def test_an_app_adds_a_tile_without_core_knowing_it(make_user):
    tile = nav.Link("tiles", "Borrow an umbrella", "core:settings", order=45, icon="☂", roles=frozenset({"worker"}),
                    elder=False)
    nav.register(tile)
    try:
        worker = make_user("worker")
        assert '<span aria-hidden="true">☂</span>Borrow an umbrella</a>' in _page(worker, "en", "/")
        assert "Borrow an umbrella" not in _page(None, "en", "/")    # not a worker
        c = Client()
        c.force_login(worker)
        c.cookies["nx_elder"] = "1"
        assert "Borrow an umbrella" not in c.get("/").content.decode()  # hidden in elder mode
    finally:
        nav._registry.remove(tile)


def test_core_templates_name_no_other_apps_pages():
    root = Path(nav.__file__).resolve().parent
    templates = [*root.glob("templates/core/**/*.html"), root.parent / "templates" / "base.html"]
    named = {m for t in templates for m in re.findall(r"{% url '([a-z_]+):", t.read_text())}
    assert named <= {"core"}

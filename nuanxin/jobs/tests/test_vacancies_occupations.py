"""The 2022 occupational classification: the shipped file as loaded by the migration, the
loader (idempotent, parents from codes, refusing bad entries) and the pickers' lookups."""

import pytest

from nuanxin.jobs import occupations
from nuanxin.jobs.models import Occupation

pytestmark = pytest.mark.django_db

FIXTURE = [
    {"code": "1", "name": "测试大类", "level": "major", "parent": None},
    {"code": "1-01-01-01", "name": "测试职业", "level": "occupation", "parent": "1-01-01"},
    {"code": "1-01", "name": "测试中类", "level": "medium", "parent": "1"},
    {"code": "1-01-01", "name": "测试小类", "level": "minor", "parent": "1-01"},
]


def test_the_migration_loaded_the_whole_2022_edition():
    counts = {level: Occupation.objects.filter(level=level).count()
              for level in ("major", "medium", "minor", "occupation")}
    assert counts == {"major": 8, "medium": 79, "minor": 450, "occupation": 1639}
    assert counts == {k: v for k, v in occupations.read_file()["counts"].items() if k in counts}
    welder = Occupation.objects.select_related("parent__parent__parent").get(code="6-18-02-04")
    assert welder.name == "焊工"
    assert [welder.parent.code, welder.parent.parent.code, welder.parent.parent.parent.code] == [
        "6-18-02", "6-18", "6"]
    assert not Occupation.objects.exclude(level="major").filter(parent__isnull=True).exists()


def test_loading_the_file_again_changes_nothing():
    assert occupations.load_file(Occupation) == {"created": 0, "updated": 0, "unchanged": 2176}


def test_the_loader_creates_updates_and_sets_parents_whatever_the_order():
    for level in ("occupation", "minor", "medium", "major"):  # an empty table (PROTECT: children first)
        Occupation.objects.filter(level=level).delete()
    assert occupations.load(Occupation, [FIXTURE[1], FIXTURE[3], FIXTURE[0], FIXTURE[2]])["created"] == 4
    assert Occupation.objects.get(code="1-01-01-01").parent.code == "1-01-01"
    renamed = [*FIXTURE[:3], {**FIXTURE[3], "name": "测试小类（新）"}]
    assert occupations.load(Occupation, renamed) == {"created": 0, "updated": 1, "unchanged": 3}
    assert Occupation.objects.get(code="1-01-01").name == "测试小类（新）"
    assert Occupation.objects.count() == 4


@pytest.mark.parametrize("bad", [
    {"code": "1-1", "name": "x", "level": "medium", "parent": "1"},               # code does not fit level
    {"code": "1-01", "name": "x", "level": "minor", "parent": "1"},               # level does not fit code
    {"code": "1-02", "name": "", "level": "medium", "parent": "1"},               # no name
    {"code": "1-02", "name": "x", "level": "medium", "parent": "2"},              # wrong parent
    {"code": "1-03-01", "name": "x", "level": "minor", "parent": "1-03"},         # parent missing
    {"code": "1", "name": "again", "level": "major", "parent": None},             # listed twice
])
def test_a_bad_entry_refuses_the_whole_file(bad):
    before = Occupation.objects.count()
    with pytest.raises(occupations.BadData):
        occupations.load(Occupation, [*FIXTURE, bad])
    assert Occupation.objects.count() == before


def test_lookups_for_pickers(api):
    assert occupations.by_code("4-09-08-01").name == "保洁员"
    assert occupations.by_code("nonsense") is None
    assert [o.code for o in occupations.children_of(None)] == [str(n) for n in range(1, 9)]
    assert {o.code for o in occupations.children_of("4-02")} >= {"4-02-06", "4-02-07"}
    assert "4-09-08-01" in {o.code for o in occupations.search("保洁")}
    assert all(o.code.startswith("6-18") for o in occupations.search("6-18"))
    r = api.get("/api/v1/occupations", {"parent": "4-02-07"})
    assert r.status_code == 200 and {"code": "4-02-07-08", "name": "快递员", "level": "occupation",
                                     "parent": "4-02-07"} in r.json()["items"]
    r = api.get("/api/v1/occupations", {"q": "焊工", "level": "occupation"})
    assert "6-18-02-04" in [i["code"] for i in r.json()["items"]]
    r = api.get("/api/v1/occupations", {"q": "工", "parent": "6-18"})
    assert r.json()["count"] > 0 and all(i["code"].startswith("6-18") for i in r.json()["items"])
    assert api.get("/api/v1/occupations", {"parent": "6-18-02-04"}).status_code == 422  # not a group

"""Demo town targets for the city's dashboard. The program's targets are for the whole city
(100 warm stations, 30 employment stations: DOMAIN.md, built into the dashboard); how they are
split by town here is made up for the demo, weighted by where the workers live, so that the
"towns below their target" list has something to show. Officials set the real ones in the admin."""

from nuanxin.dashboard.models import Target

WARM_STATIONS_BY_TOWN = {
    "yushan": 12, "ketd": 10, "zhoushi": 9, "hitech": 9, "lujia": 8, "huaqiao": 8, "bacheng": 7,
    "zhangpu": 7, "qiandeng": 7, "dianshanhu": 6, "zhouzhuang": 6, "resort": 6, "jinxi": 5,
}  # 100 in all
EMPLOYMENT_STATIONS_BY_TOWN = {
    "yushan": 4, "ketd": 3, "zhoushi": 3, "hitech": 3, "lujia": 2, "huaqiao": 2, "bacheng": 2,
    "zhangpu": 2, "qiandeng": 2, "dianshanhu": 2, "zhouzhuang": 2, "resort": 2, "jinxi": 1,
}  # 30 in all


def load_targets() -> str:
    rows = [Target(measure="warm_stations", town=t, value=n) for t, n in WARM_STATIONS_BY_TOWN.items()]
    rows += [Target(measure="employment_stations", town=t, value=n) for t, n in EMPLOYMENT_STATIONS_BY_TOWN.items()]
    Target.objects.bulk_create(rows)
    return f"{len(rows)} town targets"

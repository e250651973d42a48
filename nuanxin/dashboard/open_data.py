"""Open data: the figures that name no one, for anyone to download (as Decidim publishes its
accountability results): the service points, the targets and how far they are met, and the
monthly totals by town, with the same small-number rule as the dashboard."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nuanxin.core.towns import CHINESE_NAMES, Town
from nuanxin.dashboard import board as boards
from nuanxin.dashboard import periods, selectors, services
from nuanxin.places import selectors as places

LICENCE = "CC BY 4.0"
MONTHS = 12


def stations() -> tuple[list[str], list[list]]:
    head = ["id", "name", "kind", "town", "town_name", "address", "lat", "lon", "opened_on", "co_build", "amenities",
            "open_24h"]
    rows = [[p.pk, p.name, p.kind, p.town, CHINESE_NAMES.get(p.town, ""), p.address, round(p.lat, 6), round(p.lon, 6),
             p.opened_on.isoformat() if p.opened_on else "", p.co_build, ";".join(a.code for a in p.amenities.all()),
             p.is_24h] for p in places.places_for_export()]
    return head, rows


def _board(period: periods.Period) -> boards.Board:
    snapshot = services.snapshot_for(period, wait=False)
    return boards.present(snapshot.data, snapshot.computed_at, period,
                          targets=selectors.targets_for(period.first_day.year))


def targets() -> tuple[list[str], list[list]]:
    """This year's targets and where each stands, for the city and each town with a target."""
    year = periods.parse("year")
    b = _board(year)
    own = selectors.targets_for(year.first_day.year)
    head = ["year", "measure", "figure", "unit", "town", "target", "actual"]
    rows = []
    for item in b.items:
        if item["target"]:
            rows.append([year.key, item["code"], item["headline"], item["unit"], "", item["target"], item["actual"]])
        for town in Town.values:
            if own.get((item["code"], town)):
                rows.append([year.key, item["code"], item["headline"], item["unit"], town, own[(item["code"], town)],
                             item["by_town"][town]])
    return head, rows


def monthly() -> tuple[list[str], list[list]]:
    """Each figure of each measure, by town, for the last twelve whole months and this one."""
    month = periods.of_day("month", timezone.localtime(timezone.now()).date())
    months = [month]
    while len(months) < MONTHS + 1 and months[-1].first_day.year >= periods.FIRST_YEAR:
        months.append(months[-1].previous())
    head = ["month", "measure", "figure", "unit", "town", "value"]
    rows = []
    for m in reversed(months):
        b = _board(m)
        for item in b.items:
            for fig in [item, *item["figures"]]:
                code = item["headline_code"] if fig is item else fig["code"]
                for town in Town.values:
                    rows.append([m.key, item["code"], code, fig["unit"], town, fig["by_town"][town]])
    return head, rows


DATASETS = {
    "stations": {"title": _("Service points"), "build": stations,
                 "text": _("Every open or planned service point: warm stations, employment stations, the service "
                           "center, canteens, the hospital, the rescue station and residences, with address, "
                           "coordinates (WGS-84) and amenities.")},
    "targets": {"title": _("Targets and progress"), "build": targets,
                "text": _("This year's targets of the eight measures, for the city and for towns that have one, "
                          "with the figure reached so far.")},
    "monthly": {"title": _("Monthly figures by town"), "build": monthly,
                "text": _("Every figure of the eight measures and the gig market, by town, for the last twelve "
                          "months and this one. \"<5\" means fewer than five people: hidden so that no one can be "
                          "singled out.")},
}

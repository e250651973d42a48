"""Computing a period's figures from the apps' selectors: the slow part, done by the worker
(services.refresh) and stored as a Snapshot; pages and the API only present a stored one."""

import datetime

from nuanxin.core.figures import Counted
from nuanxin.dashboard.measures import MEASURES, counts
from nuanxin.dashboard.periods import Period
from nuanxin.places import selectors as places


def _plain(c: Counted) -> dict:
    return {"total": c.total, "by_town": dict(sorted(c.by_town.items()))}


def snapshot_data(period: Period, now: datetime.datetime) -> dict:
    """Everything a page, an export or the report shows for `period`, raw (before small numbers
    are hidden): every figure by town, each measure's headline over the periods before it, and
    visits by town and hour."""
    window = period.window(now)
    figures = {code: _plain(c) for code, c in counts(window).items()}
    series = []
    for p in period.series():
        if p.first_day > window.last_day:  # months of this year still to come
            break
        got = figures if p == period else {code: _plain(c) for code, c in counts(p.window(now)).items()}
        series.append({"period": p.key, "figures": {m.headline.code: got[m.headline.code] for m in MEASURES}})
    heat = [[town, hour, n] for (town, hour), n in sorted(places.visits_by_hour(window).items()) if town]
    return {"period": period.key, "figures": figures, "series": series, "heat": heat}

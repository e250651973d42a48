"""What "no bed given twice" means, checked from the stays themselves: every stay that holds
beds covers (bed, night) pairs that no other holding stay covers, and the bed-night rows are
exactly those pairs. The planted check-then-act allocator in test_concurrency fails this."""

import collections
import datetime

from nuanxin.housing import choices
from nuanxin.housing.models import Application, Bed, BedNight


def stay_pairs(app: Application) -> set[tuple[int, datetime.date]]:
    """The (bed, night) pairs a stay covers by its own record: its bed (or every bed of its
    family unit) for each of its nights."""
    beds = [app.bed_id] if app.bed_id else list(Bed.objects.filter(unit_id=app.unit_id, active=True)
                                                 .values_list("pk", flat=True))
    return {(b, app.check_in + datetime.timedelta(days=i)) for b in beds for i in range(app.nights)}


def double_bookings(residence_ids=None) -> list[tuple[int, datetime.date]]:
    rows = Application.objects.filter(status__in=choices.HOLDING)
    if residence_ids is not None:
        rows = rows.filter(residence_id__in=residence_ids)
    seen = collections.Counter()
    for app in rows:
        seen.update(stay_pairs(app))
    return sorted(pair for pair, n in seen.items() if n > 1)


def rows_match_stays(residence_ids) -> bool:
    """The bed-night rows of holding stays equal the pairs the stays cover."""
    apps = Application.objects.filter(status__in=choices.HOLDING, residence_id__in=residence_ids)
    expected = set().union(*(stay_pairs(a) for a in apps)) if apps else set()
    actual = set(BedNight.objects.filter(application__in=apps).values_list("bed_id", "night"))
    return expected == actual

"""What the dashboard shows: the eight measures (DOMAIN.md) and the gig market, each a headline
figure against its target with the figures that explain it, plus service-quality rates and
unmet demand. Every number comes from an app's `measure_counts` selector (core.figures), so
the dashboard never reads another app's tables."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nuanxin.bookings import selectors as bookings
from nuanxin.cases import selectors as cases
from nuanxin.core.figures import Counted, Window
from nuanxin.gigs import selectors as gigs
from nuanxin.grants import selectors as grants
from nuanxin.housing import selectors as housing
from nuanxin.jobs import selectors as jobs
from nuanxin.places import selectors as places

SOURCES = (places.measure_counts, housing.measure_counts, bookings.measure_counts, cases.measure_counts,
           gigs.measure_counts, grants.measure_counts, jobs.measure_counts)

UNITS: dict[str, Promise] = {  # words after a number ("88 座"), hence a context of their own
    "stations": pgettext_lazy("unit", "stations"), "units": pgettext_lazy("unit", "units"),
    "beds": pgettext_lazy("unit", "beds"), "nights": pgettext_lazy("unit", "nights"),
    "people": pgettext_lazy("unit", "people"), "person_times": pgettext_lazy("unit", "person-times"),
    "requests": pgettext_lazy("unit", "requests"), "hours": pgettext_lazy("unit", "hours"),
    "fen": pgettext_lazy("unit", "yuan"), "minutes": pgettext_lazy("unit", "minutes"),
    "places": pgettext_lazy("unit", "places"), "gigs": pgettext_lazy("unit", "gigs"),
    "grants": pgettext_lazy("unit", "grants"), "tickets": pgettext_lazy("unit", "tickets"),
    "residences": pgettext_lazy("unit", "residences"), "vacancies": pgettext_lazy("unit", "vacancies"),
    "percent": pgettext_lazy("unit", "%"), "score": pgettext_lazy("unit", "out of 5"),
}


@dataclass(frozen=True)
class Figure:
    code: str                   # the key in the apps' measure_counts
    name: Promise
    unit: str                   # a key of UNITS
    # A count of people or of what they did: shown as "<5" when under 5. Counts of buildings
    # and beds are public (the open data) and shown as they are.
    private: bool = True
    # Money and medians: the count of records behind the value; under 5, the value is hidden.
    basis: str | None = None
    # False: kept for the city only (volunteers have no town), so towns show nothing, not 0.
    by_town: bool = True


@dataclass(frozen=True)
class Measure:
    code: str
    name: Promise
    headline: Figure
    details: tuple[Figure, ...] = ()
    target: int | None = None   # the city's target (DOMAIN.md); officials may set others in the admin


@dataclass(frozen=True)
class Rate:
    code: str
    name: Promise
    numerator: str
    denominator: str
    unit: str = "percent"       # percent: 100 × n / d; score: n / d


STATION_VISITS = Figure("station_visits", _("Person-times served at stations"), "person_times")

MEASURES: tuple[Measure, ...] = (
    Measure("warm_stations", _("Warm stations"), target=100,
            headline=Figure("warm_stations", _("Warm stations open"), "stations", private=False),
            details=(STATION_VISITS,)),
    Measure("employment_stations", _("Doorstep employment stations"), target=30,
            headline=Figure("employment_stations", _("Employment stations open"), "stations", private=False),
            details=(Figure("seekers_registered", _("Job seekers registered"), "people"),
                     Figure("vacancies_taken", _("Vacancies received"), "vacancies", private=False),
                     Figure("referrals", _("People referred with a letter"), "people"),
                     Figure("hired", _("Hired after a referral"), "people"))),
    Measure("residences", _("Warm residences"), target=1000,
            headline=Figure("residence_units", _("Units"), "units", private=False),
            details=(Figure("residence_beds", _("Beds"), "beds", private=False),
                     Figure("bed_nights", _("Nights slept"), "nights"))),
    Measure("health", _("Health escort"),
            headline=Figure("health_checks", _("Free health checks given"), "person_times"),
            details=(Figure("first_aid_trainees", _("First-aid trainees"), "people"),
                     Figure("green_channel", _("Green-channel requests"), "requests"))),
    Measure("legal", _("Legal escort"),
            headline=Figure("legal_handled", _("Legal-aid and wage-arrears requests handled"), "requests"),
            details=(Figure("wages_recovered_fen", _("Wages recovered through disputes"), "fen",
                            basis="wages_recovered_n"),)),
    Measure("emergency", _("Emergency escort"),
            headline=Figure("relief_cases", _("Emergency relief requests"), "requests"),
            details=(Figure("shelter_nights", _("Shelter nights"), "nights"),
                     Figure("trips_home", _("Tickets home"), "tickets"))),
    Measure("next_generation", _("Next generation"), target=1100,
            headline=Figure("volunteer_teachers", _("Volunteer teachers"), "people", by_town=False),
            details=(Figure("summer_places", _("Summer-care places"), "places", private=False),
                     Figure("children_served", _("Children in summer care"), "people"),
                     Figure("hours_taught", _("Hours taught by volunteers"), "hours", private=False))),
    Measure("charity", _("Charity aid"),
            headline=Figure("grants_paid", _("Grants paid"), "grants"),
            details=(Figure("grants_paid_fen", _("Paid from the charity fund"), "fen", basis="grants_paid"),)),
    Measure("gig_market", _("Gig market"),
            headline=Figure("gig_places_filled", _("Gig places filled"), "places"),
            details=(Figure("gigs_published", _("Gigs published"), "gigs", private=False),
                     Figure("gig_places_offered", _("Gig places offered"), "places", private=False),
                     Figure("wages_paid_fen", _("Wages paid through escrow"), "fen", basis="wages_paid_n"),
                     Figure("fill_minutes_median", _("Median time to fill a shift"), "minutes",
                            basis="fills_timed"))),
)

QUALITY: tuple[Rate, ...] = (
    Rate("on_time", _("Requests handled by their deadline"), "cases_on_time", "cases_handled"),
    Rate("completion", _("Requests handled of those opened"), "cases_handled", "cases_opened"),
    Rate("satisfaction", _("Applicants' rating"), "satisfaction_sum", "satisfaction_n", unit="score"),
    Rate("seats_taken", _("Seats taken of those offered"), "seats_taken", "seats_offered"),
    Rate("no_show", _("No-shows among those on a roll"), "no_shows", "roll_marked"),
    Rate("gig_fill", _("Gig places filled of those offered"), "gig_places_filled", "gig_places_offered"),
)

QUALITY_COUNTS: tuple[Figure, ...] = (
    Figure("cases_opened", _("Requests opened"), "requests"),
    Figure("escalations", _("Escalations"), "requests"),
)

UNMET: tuple[Figure, ...] = (
    Figure("booking_waitlisted_now", _("On booking waiting lists now"), "people"),
    Figure("housing_waitlisted_now", _("Waiting for a bed now"), "people"),
    Figure("residences_full_tonight", _("Residences full tonight"), "residences", private=False),
    # Private: places offered (public) minus places left empty would give places filled, a
    # count of workers, where that is hidden.
    Figure("gig_places_unfilled", _("Gig places left empty"), "places"),
    Figure("emergency_overdue_now", _("Emergencies past their deadline now"), "requests"),
)

FIGURES: dict[str, Figure] = {f.code: f for m in MEASURES for f in (m.headline, *m.details)} | {
    f.code: f for f in (*QUALITY_COUNTS, *UNMET)}


def counts(window: Window) -> dict[str, Counted]:
    """Every app's figures for one window."""
    out: dict[str, Counted] = {}
    for source in SOURCES:
        out.update(source(window))
    return out

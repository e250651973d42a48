"""Random days of a residence (applications, staff allocations, cancellations, check-ins,
check-outs, extensions, forfeits as the days pass): after every step the occupancy calendar
equals a brute-force count over the stays, and no bed-night is held twice."""

import datetime
import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from nuanxin.accounts import services as accounts
from nuanxin.bookings.tests.factories import verify_worker
from nuanxin.core import dates
from nuanxin.core.errors import DomainError
from nuanxin.housing import selectors, services
from nuanxin.housing.choices import HOLDING, Status
from nuanxin.housing.models import Application, Residence
from nuanxin.housing.tests.checks import double_bookings, stay_pairs
from nuanxin.housing.tests.factories import add_unit

_runs = itertools.count(1)
DAY = datetime.timedelta(days=1)
HORIZON = 14


@pytest.mark.django_db
def test_occupancy_equals_a_count_over_the_stays(make_place):
    class Days(RuleBasedStateMachine):
        @initialize()
        def residence(self):
            n = next(_runs)
            self.manager = accounts.user_create(phone=f"137{n:04d}9999", roles=("station_manager",))
            place = make_place(kind="residence", name=f"居所{n}")
            place.managers.add(self.manager)
            self.home = Residence.objects.create(place=place, free_nights=4)
            add_unit(self.home, "men", 2)
            add_unit(self.home, "women", 1)
            add_unit(self.home, "family", 3)
            self.people = []
            for i in range(5):
                u = verify_worker(accounts.user_create(phone=f"137{n:04d}{i:04d}", roles=("worker",)))
                from nuanxin.accounts.models import WorkerProfile

                WorkerProfile.objects.filter(user=u).update(arrived_on=services.today() - 2 * DAY)
                self.people.append(u)
            self.now = datetime.datetime.combine(services.today(), datetime.time(15), tzinfo=dates.local_tz())
            self.first = services.today()

        def _apps(self):
            return list(Application.objects.filter(residence=self.home).order_by("pk"))

        def _pick(self, i):
            apps = self._apps()
            return apps[i % len(apps)] if apps else None

        def _try(self, fn, i, **kwargs):
            """Do it to the i-th stay (if any); a refusal is a fine outcome of a random step."""
            app = self._pick(i)
            if app is not None:
                try:
                    fn(app_id=app.pk, now=self.now, **{"by": self.manager, **kwargs})
                except DomainError:
                    pass

        @rule(who=st.integers(0, 4), ahead=st.integers(0, 3), nights=st.integers(1, 6),
              family=st.booleans(), woman=st.booleans())
        def apply(self, who, ahead, nights, family, woman):
            try:
                services.apply(by=self.people[who], check_in=services.today(self.now) + ahead * DAY, nights=nights,
                               residence_id=self.home.pk, sex="" if family else ("female" if woman else "male"),
                               adults=2 if family else 1, looking_for_work=True, now=self.now)
            except DomainError:
                pass

        @rule(i=st.integers(0, 50))
        def allocate(self, i):
            self._try(services.allocate, i)

        @rule(i=st.integers(0, 50))
        def cancel(self, i):
            app = self._pick(i)
            if app is not None:
                self._try(services.cancel, i, by=app.applicant)

        @rule(i=st.integers(0, 50))
        def check_in(self, i):
            self._try(services.check_in, i)

        @rule(i=st.integers(0, 50))
        def check_out(self, i):
            self._try(services.check_out, i)

        @rule(i=st.integers(0, 50), nights=st.integers(1, 3))
        def extend(self, i, nights):
            self._try(services.extend, i, nights=nights, note="找到工作了")

        @rule()
        def next_day(self):
            self.now += DAY
            services.forfeit_due(now=self.now)
            services.check_out_due(now=self.now)
            services.fill_waitlists(now=self.now)

        @invariant()
        def occupancy_is_the_count_over_stays(self):
            if not hasattr(self, "home"):
                return
            counted = {}
            for app in Application.objects.filter(residence=self.home,
                                                  status__in=(*HOLDING, Status.CHECKED_OUT)):
                for _bed, night in stay_pairs(app):
                    counted[night] = counted.get(night, 0) + 1
            calendar = selectors.occupancy(self.home.pk, self.first, HORIZON)
            assert [(d, held) for d, held, _beds in calendar] == [
                (d, counted.get(d, 0)) for d, _h, _b in calendar]
            assert all(held <= beds for _d, held, beds in calendar)
            assert double_bookings([self.home.pk]) == []

    Days.TestCase.settings = settings(max_examples=20, stateful_step_count=20, deadline=None,
                                      suppress_health_check=[HealthCheck.function_scoped_fixture])
    Days.TestCase().runTest()

"""The frame every part of `manage.py generate` shares: the window of time, seeded randomness,
the generated workers, batched inserts with the moments things happened, progress bars."""

from __future__ import annotations

import bisect
import contextlib
import datetime
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models

from nuanxin.core.dates import local_tz
from nuanxin.core.towns import TOWN_CENTRES, Town

# What happens per 1,000 workers per 30 days (counting the workers signed up at the time):
# the knobs of the whole generator, one place to turn them.
RATES = {
    "visits": 320,             # station check-ins
    "gig_applications": 50,    # applications to gig shifts
    "cases": 4,                # help requests
    "health_check": 8,         # enrolments, per kind of offering
    "first_aid": 3,
    "night_school": 6,         # lottery entries
    "summer_care": 12,         # children's places, in the weeks registration is open (June)
    "housing": 3,              # requests for a bed
    "seekers": 6,              # job-seeker registrations
}

# Where the workers live and work: the city centre (玉山镇), the development zone and 周市镇
# hold most of the factories, depots and rented rooms.
TOWN_WEIGHTS = {
    Town.YUSHAN: 24, Town.KETD: 16, Town.ZHOUSHI: 10, Town.HUAQIAO: 8, Town.LUJIA: 7, Town.ZHANGPU: 7,
    Town.HITECH: 7, Town.BACHENG: 5, Town.QIANDENG: 5, Town.DIANSHANHU: 3, Town.JINXI: 3, Town.RESORT: 3,
    Town.ZHOUZHUANG: 2,
}
OCCUPATION_WEIGHTS = {"delivery": 25, "factory_temp": 22, "ride_hailing": 15, "courier": 15, "cleaner": 12,
                      "job_seeker": 8, "other": 3}

# When people drop in at a warm station (local hour → weight): the lunch rush and the evening.
VISIT_HOURS = [0.2, 0.1, 0.05, 0.02, 0.02, 0.05, 0.3, 0.6, 1.0, 1.0, 1.5, 4.0, 5.0, 4.5, 3.0, 1.5, 1.5,
               3.5, 4.5, 5.0, 4.5, 3.5, 2.5, 0.8]
# Weekdays are busier than weekends (Monday = 0).
WEEKDAY_FACTOR = [1.08, 1.08, 1.08, 1.08, 1.08, 0.85, 0.75]

# How many generated rows go into one transaction, and one INSERT.
BATCH = 5000


@dataclass
class Workers:
    """The workers this run made, in the order they signed up: parallel lists indexed 0..N-1."""

    ids: list[int] = field(default_factory=list)
    joined: list[datetime.datetime] = field(default_factory=list)
    town: list[str] = field(default_factory=list)
    occupation: list[str] = field(default_factory=list)
    sex: list[str] = field(default_factory=list)
    arrived: list[datetime.date] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    born: list[datetime.date] = field(default_factory=list)
    by_town: dict[str, list[int]] = field(default_factory=dict)
    joined_ts: list[float] = field(default_factory=list)   # joined as POSIX times: bisect is 10x faster

    def __len__(self) -> int:
        return len(self.ids)

    def signed_up(self, at: datetime.datetime) -> int:
        """How many had an account at `at` (they are the first that many)."""
        return bisect.bisect_right(self.joined_ts, at.timestamp())

    def pick(self, rng: random.Random, at: datetime.datetime, *, town: str | None = None,
             local: float = 0.75) -> int | None:
        """A worker who had signed up by `at`, from `town` with probability `local`."""
        if town is not None and rng.random() < local:
            pool = self.by_town.get(town, [])
            n = bisect.bisect_right(pool, self.signed_up(at) - 1)
            if n:
                return pool[rng.randrange(n)]
        n = self.signed_up(at)
        return rng.randrange(n) if n else None


@dataclass
class Context:
    """One run: how many workers, which days, the seed, and how to report progress."""

    workers: int
    days: int
    seed: int
    now: datetime.datetime
    progress: Callable[..., object]
    batch: int = BATCH
    run: str = ""            # what tells runs on one database apart: the first worker phone of this one
    tz: datetime.tzinfo = field(default_factory=local_tz)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def start(self) -> datetime.datetime:
        return self.now - datetime.timedelta(days=self.days)

    @property
    def today(self) -> datetime.date:
        return self.now.astimezone(self.tz).date()

    def dates(self) -> list[datetime.date]:
        """Every local day the window touches, oldest first."""
        first = self.start.astimezone(self.tz).date()
        return [first + datetime.timedelta(days=i) for i in range((self.today - first).days + 1)]

    def at(self, day: datetime.date, hour: int = 0, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def inside(self, t: datetime.datetime) -> bool:
        return self.start <= t <= self.now

    def clamp(self, t: datetime.datetime) -> datetime.datetime:
        return min(max(t, self.start), self.now)

    def rng(self, part: str) -> random.Random:
        """Each part draws from its own stream, so adding to one leaves the others as they were.
        The run's first phone number is in the seed: a second run with the same --seed is another
        set of people doing other things (and draws other letter tokens, draw seeds, codes)."""
        return random.Random(f"nuanxin-generate:{self.seed}:{self.run}:{part}")  # noqa: S311 - seeded, synthetic

    def expected(self, rate_key: str, day: datetime.date, workers: Workers, *, weekday: bool = True) -> float:
        """How many of `rate_key` to expect on `day` with the workers signed up by its end."""
        active = workers.signed_up(self.at(day + datetime.timedelta(days=1)))
        factor = WEEKDAY_FACTOR[day.weekday()] if weekday else 1.0
        return RATES[rate_key] / 30.0 * active / 1000.0 * factor

    def count(self, rng: random.Random, expected: float) -> int:
        """A whole number near `expected` (±15 %, rounded at random): days differ."""
        x = expected * rng.uniform(0.85, 1.15)
        whole = int(x)
        return whole + (rng.random() < x - whole)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def bar(self, desc: str, total: int, unit: str = "days"):
        """One progress bar per part (tqdm's interface: update(n), close())."""
        return self.progress(desc=desc, total=total, unit=unit)

    def insert(self, model: type[models.Model], rows: list) -> list:
        """Write the objects and give them their ids: bulk_create in INSERTs of `batch` rows,
        or on PostgreSQL one COPY (a third faster at a million workers)."""
        if not rows:
            return rows
        if connection.vendor == "postgresql":
            copy_rows(model, rows)
        else:
            model.objects.bulk_create(rows, batch_size=self.batch)
        self.add(model._meta.label, len(rows))
        return rows


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def weighted(rng: random.Random, weights: dict) -> Callable[[], object]:
    """A function drawing keys of `weights` in proportion to their values."""
    keys = list(weights)
    cum, total = [], 0.0
    for k in keys:
        total += weights[k]
        cum.append(total)

    def draw():
        return keys[bisect.bisect_right(cum, rng.random() * total)]

    return draw


def jitter(rng: random.Random, town: str, km: float) -> tuple[float, float]:
    lat, lon = TOWN_CENTRES[town]
    return round(lat + rng.gauss(0, km / 111.0), 6), round(lon + rng.gauss(0, km / 95.0), 6)


def code6(rng: random.Random) -> str:
    """A six-digit check-in code (core.codes.six_digits, but from the run's seed)."""
    return f"{rng.randrange(10**6):06d}"


@contextlib.contextmanager
def explicit_timestamps() -> Iterator[None]:
    """bulk_create stamps auto_now / auto_now_add columns with the moment of the INSERT; a
    year of generated history must carry the moments things happened. For the run, those
    fields keep the values the generator sets (every one of them), and are restored after."""
    switched = []
    for model in apps.get_models():
        if not model.__module__.startswith("nuanxin."):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def add_to_column(model: type[models.Model], column: str, deltas: dict[int, int]) -> None:
    """column += delta for many rows by id: one UPDATE … FROM (VALUES …) per 1,000 rows, on
    SQLite and PostgreSQL alike (where one UPDATE per row would take minutes at scale)."""
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    items = sorted((k, v) for k, v in deltas.items() if v)  # a fixed order: no deadlock with anyone
    for part in chunks(items, 1000):
        values = ", ".join(["(%s, %s)"] * len(part))
        params = [x for pair in part for x in pair]
        cast = "::bigint" if connection.vendor == "postgresql" else ""
        sql = (f"UPDATE {table} SET {col} = {col} + v.column2{cast} FROM (VALUES {values}) AS v "  # noqa: S608 - names quoted, values bound
               f"WHERE {table}.id = v.column1{cast}")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


# Field classes whose Python value PostgreSQL's COPY takes as it is (exact classes: a subclass,
# such as the encrypted text field, may change the value on its way to the database).
_AS_IS = (models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
          models.SmallIntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField,
          models.PositiveBigIntegerField, models.CharField, models.TextField, models.BooleanField,
          models.DateTimeField, models.DateField, models.FloatField, models.DecimalField, models.ForeignKey,
          models.OneToOneField, models.SlugField)


def copy_rows(model: type[models.Model], objs: list[models.Model]) -> None:
    """INSERT by COPY on PostgreSQL, ids drawn from the table's sequence first (so the objects
    carry them, as after bulk_create). Values are what bulk_create would send: the field's own
    get_db_prep_save, skipped for plain fields whose value needs no conversion."""
    opts = model._meta
    fields = list(opts.concrete_fields)
    with connection.cursor() as cursor:
        missing = [o for o in objs if o.pk is None]
        if missing:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [opts.db_table, opts.pk.column, len(missing)])
            for o, (pk,) in zip(missing, cursor.fetchall(), strict=True):
                o.pk = pk
        plain = [type(f) in _AS_IS for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN"
        alias = connection.alias  # read once: the connection proxy costs a lookup per attribute
        with cursor.cursor.copy(sql) as copy:
            for o in objs:
                values = o.__dict__
                copy.write_row([values[f.attname] if as_is else f.get_db_prep_save(f.pre_save(o, True), connection)
                                for f, as_is in zip(fields, plain, strict=True)])
                o._state.adding, o._state.db = False, alias


def ids_of(objs: Iterable[models.Model]) -> list[int]:
    out = [o.pk for o in objs]
    if out and out[0] is None:  # every supported database returns them (SQLite >= 3.35, PostgreSQL)
        raise RuntimeError("bulk_create did not return ids")
    return out

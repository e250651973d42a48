"""core.capacity under contention: a crowd of threads, each on its own connection, takes
places at once and never more than the limit; giving back never goes below zero."""

import threading

import pytest
from django.apps.registry import Apps
from django.db import connection, connections, models

from nuanxin.core import capacity

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT, CROWD = 12, 40


class Pool(models.Model):
    """A bare taken/limit pair, in a registry of its own so no migration ever sees it."""

    taken = models.PositiveIntegerField(default=0)
    limit = models.PositiveIntegerField()

    class Meta:
        apps = Apps()
        app_label = "capacity_test"
        db_table = "capacity_test_pool"

    def __str__(self):
        return f"{self.taken}/{self.limit}"


@pytest.fixture
def pool():
    with connection.schema_editor() as editor:
        editor.create_model(Pool)
    try:
        yield Pool.objects.create(limit=LIMIT)
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Pool)


def _crowd(counts: list[int], act) -> list:
    barrier = threading.Barrier(len(counts))
    results: list = [None] * len(counts)

    def go(i, n):
        try:
            barrier.wait(timeout=30)
            results[i] = act(n)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(i, n)) for i, n in enumerate(counts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_a_crowd_never_takes_more_than_the_limit(pool):
    rows = Pool.objects.filter(pk=pool.pk)
    counts = [1, 2, 3] * (CROWD // 3) + [1]
    won = _crowd(counts, lambda n: capacity.take(rows, limit="limit", count=n))
    taken = sum(n for n, ok in zip(counts, won, strict=True) if ok)
    pool.refresh_from_db()
    assert pool.taken == taken
    assert taken == LIMIT  # more requests for one place than places: it always fills exactly
    assert not capacity.take(rows, limit="limit")


def test_giving_back_never_goes_below_zero(pool):
    rows = Pool.objects.filter(pk=pool.pk)
    assert capacity.take(rows, limit="limit", count=5)
    freed = _crowd([1] * 9, lambda n: capacity.release(rows, count=n))
    pool.refresh_from_db()
    assert (pool.taken, freed.count(True)) == (0, 5)
    assert not capacity.release(rows, count=1)

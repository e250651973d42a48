"""The database keeps the employment service's counting rules even if a service slipped."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from nuanxin.jobs.models import Fair

pytestmark = pytest.mark.django_db


def test_a_fair_never_has_more_booths_taken_than_it_has(make_place, make_user):
    start = timezone.now() + datetime.timedelta(days=7)
    fair = Fair.objects.create(title="昆山人力资源市场新市民专场招聘会", place=make_place(kind="service_center"),
                               starts_at=start, ends_at=start + datetime.timedelta(hours=3), booths=2,
                               created_by=make_user("advisor"))
    Fair.objects.filter(pk=fair.pk).update(booths_taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fair.objects.filter(pk=fair.pk).update(booths_taken=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fair.objects.filter(pk=fair.pk).update(ends_at=start)

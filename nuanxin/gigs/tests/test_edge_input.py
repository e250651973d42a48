"""Issue 16, finding 6: input at the edges is a clear 4xx (or a friendly message on a page)
and changes nothing, never a 500."""

import pytest
from django.urls import reverse

from nuanxin.gigs.models import Gig
from nuanxin.gigs.tests.factories import gig_payload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_day_out_of_range_is_a_422_and_a_message_on_the_page(api, client, day):
    r = api.get("/api/v1/gigs", {"date": day})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error", r.content
    page = client.get(reverse("gigs:list"), {"date": day})
    assert page.status_code == 200 and "2100" in page.content.decode()  # the form says the range
    assert client.get(reverse("gigs:map"), {"date": day}).status_code == 200


def test_a_shift_at_the_end_of_time_is_a_422(employer):
    c, _user, _org = employer
    far = [{"start": "9999-12-31T20:00-12:00", "end": "9999-12-31T23:00-12:00", "headcount": 1}]
    r = c.post("/api/v1/gigs", gig_payload(shifts=far))
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error", r.content
    assert not Gig.objects.exists()


@pytest.mark.parametrize("raw", ["²", "١٢", "1e3", "-1", " ", "9" * 30])
def test_ids_from_forms_are_plain_digits(raw):
    from nuanxin.core.validators import plain_id

    assert plain_id(raw) is None
    assert plain_id("42") == 42

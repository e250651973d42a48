"""Pages: 附近 (nearest service points), a place, the station check-in, a manager's edit page."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from nuanxin.core import geo
from nuanxin.core.dates import local_tz
from nuanxin.core.errors import DomainError
from nuanxin.core.pages import distance_from_query
from nuanxin.core.paging import paged
from nuanxin.places import selectors, services
from nuanxin.places.choices import AMENITY_ICONS, AmenityCode
from nuanxin.places.forms import NearbyForm, StationForm
from nuanxin.places.presenters import day_label

PAGE_SIZE = 20


def _amenity_rows(codes: list[str]) -> list[tuple[str, str]]:
    return [(AMENITY_ICONS.get(code, "•"), AmenityCode(code).label) for code in codes]


# The filters every page link keeps (the page number is added by core.paging).
NEARBY_FILTERS = ("lat", "lon", "town", "kind", "amenity", "open_now")


def nearby(request):
    form = NearbyForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    near, where = form.near()
    hits, pager = paged(request, lambda limit, offset: selectors.places_search(
        near=near, kind=data.get("kind") or None, amenities=data.get("amenity") or [],
        open_now=bool(data.get("open_now")), limit=limit, offset=offset,
    ), size=PAGE_SIZE, keep=NEARBY_FILTERS)
    today = timezone.now().astimezone(local_tz()).date()
    rows = [
        {"hit": h, "amenities": _amenity_rows(h.amenities), "today": day_label(h.schedule.intervals_on(today))}
        for h in hits
    ]
    return render(request, "places/nearby.html", {
        "form": form, "rows": rows, "pager": pager, "where": where, "has_point": near is not None,
    })


MAP_SIZE = 30  # pins: a town's worth, and a page that stays light on weak signal


def places_map(request):
    """附近 on a map: the same search as the list, as numbered pins over an ordered list that
    still works, with distances and links, when the map or its tiles cannot load."""
    form = NearbyForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    near, where = form.near()
    hits, count = selectors.places_search(
        near=near, kind=data.get("kind") or None, amenities=data.get("amenity") or [],
        open_now=bool(data.get("open_now")), limit=MAP_SIZE,
    )
    return render(request, "places/map.html", {
        "form": form, "hits": hits, "count": count, "where": where,
        "centre": near or settings.NUANXIN_CITY_CENTRE,
    })


def place_page(request, pk: int):
    hit = selectors.place_detail(pk)
    if hit is None:
        raise Http404
    place = hit.place
    today = timezone.now().astimezone(local_tz()).date()
    week = [{"date": d, "label": day_label(iv), "today": d == today} for d, iv in hit.schedule.week_from(today)]
    distance = distance_from_query(request, place.lat, place.lon)
    return render(request, "places/place.html", {
        "hit": hit, "place": place, "week": week, "amenities": _amenity_rows(hit.amenities),
        "distance": distance, "can_manage": selectors.is_manager_of(place, request.user),
        "nav_url": geo.amap_marker_url(place.lat, place.lon, place.name),
    })


@login_required
def check_in(request, pk: int):
    hit = selectors.place_detail(pk)
    if hit is None:
        raise Http404
    if request.method == "POST":
        try:
            _visit, counted = services.visit_record(place_id=pk, user=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Checked in. Welcome!") if counted else _("You are already checked in here."))
            return redirect("places:check-in", pk=pk)
    return render(request, "places/check_in.html", {"place": hit.place})


@cache_control(max_age=3600)
def qr_code(request, pk: int):
    """A printable QR code that opens this station's check-in page."""
    if not selectors.place_exists(pk):
        raise Http404
    url = request.build_absolute_uri(reverse("places:check-in", args=[pk]))
    svg = segno.make(url, error="m").svg_inline(scale=8, title=_("Check-in QR code"))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def mine(request):
    return render(request, "places/mine.html", {"places": selectors.places_managed_by(request.user)})


@login_required
def manage(request, pk: int):
    place = selectors.place_managed_by(request.user, pk)
    if place is None:
        raise Http404  # not theirs: as if it did not exist
    if request.method == "POST":
        form = StationForm(request.POST)
        if form.is_valid():
            try:
                services.station_update(
                    place_id=pk, by=request.user, amenity_codes=form.cleaned_data["amenities"],
                    is_24h=form.cleaned_data["is_24h"], weekly=form.weekly(),
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Saved."))
                return redirect("places:manage", pk=pk)
    else:
        initial = {"amenities": [a.code for a in place.amenities.all()], "is_24h": place.is_24h}
        for h in place.opening_hours.all():
            initial.setdefault(f"d{h.weekday}_opens", h.opens)
            initial.setdefault(f"d{h.weekday}_closes", h.closes)
        form = StationForm(initial=initial)
    return render(request, "places/manage.html", {"place": place, "form": form})


"""/places (API.md "Places")."""

from django.http import JsonResponse
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.dates import local_tz
from nuanxin.core.errors import NotFound
from nuanxin.core.schemas import MAX_ID, parse_near
from nuanxin.places import presenters, selectors, services
from nuanxin.places.schemas import (
    ExportQuery,
    PlaceDetailOut,
    PlaceListOut,
    PlaceQuery,
    VisitOut,
)

router = Router(tags=["places"])


@router.get("/places", response={200: PlaceListOut, codes_4xx: ErrorOut}, auth=None)
def places_list(request, filters: Query[PlaceQuery]):
    now = timezone.now()
    hits, count = selectors.places_search(
        near=parse_near(filters.near) if filters.near else None,
        radius_m=filters.radius_km * 1000 if filters.radius_km else None,
        kind=filters.kind, amenities=list(filters.amenity), open_now=filters.open_now,
        q=filters.q, town=filters.town, limit=filters.limit, offset=filters.offset, now=now,
    )
    today = now.astimezone(local_tz()).date()
    return {"items": [presenters.place_out(h, today=today) for h in hits], "count": count}


@router.get("/places/export", response={200: dict, codes_4xx: ErrorOut}, auth=None)
def places_export(request, filters: Query[ExportQuery]):
    places = list(selectors.places_for_export())
    body = presenters.geojson(places) if filters.format == "geojson" else presenters.hsds(places)
    content_type = "application/geo+json" if filters.format == "geojson" else "application/json"
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False}, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="nuanxin-places.{filters.format}.json"'
    return response


@router.get("/places/{place_id}", response={200: PlaceDetailOut, codes_4xx: ErrorOut}, auth=None)
def places_get(request, place_id: int = Path(..., ge=1, le=MAX_ID)):
    hit = selectors.place_detail(place_id)
    if hit is None:
        raise NotFound()
    return presenters.place_detail_out(hit)


@router.post("/places/{place_id}/visits", response={201: VisitOut, codes_4xx: ErrorOut}, auth=bearer)
def places_visit(request, place_id: int = Path(..., ge=1, le=MAX_ID)):
    visit, counted = services.visit_record(place_id=place_id, user=request.auth)
    return Status(201, {"id": visit.pk, "place_id": visit.place_id, "at": visit.at, "counted": counted})

"""Geography: haversine distance, H3 cell cover of a circle, WGS-84 ⇄ GCJ-02 for Chinese maps."""

import math
from urllib.parse import quote

import h3

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG), metres

# The resolutions stored on every located row (columns h3_r5, h3_r7, h3_r9). A query uses
# the finest one whose cover stays small, so the candidate list is short at any radius.
H3_RESOLUTIONS = (9, 7, 5)
_MAX_COVER_CELLS = 400
_POLYGON_SIDES = 24


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing_rad: float, distance_m: float) -> tuple[float, float]:
    """The point distance_m from (lat, lon) along an initial bearing, on the sphere."""
    p1, l1, d = math.radians(lat), math.radians(lon), distance_m / EARTH_RADIUS_M
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(bearing_rad))
    l2 = l1 + math.atan2(math.sin(bearing_rad) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def cells_for(lat: float, lon: float) -> dict[int, int]:
    """The H3 cell (as a signed 64-bit int; H3's top bit is always 0) at each stored resolution."""
    return {res: h3.str_to_int(h3.latlng_to_cell(lat, lon, res)) for res in H3_RESOLUTIONS}


def set_cells(obj) -> set[str]:
    """Fill a located row's h3_r5/h3_r7/h3_r9 from its lat/lon; returns the field names, for
    save(update_fields=...)."""
    for res, cell in cells_for(obj.lat, obj.lon).items():
        setattr(obj, f"h3_r{res}", cell)
    return {f"h3_r{res}" for res in H3_RESOLUTIONS}


def _cell_radius_m(cell: str) -> float:
    """The largest distance from the cell's centre to its boundary (its circumradius)."""
    clat, clon = h3.cell_to_latlng(cell)
    return max(haversine_m(clat, clon, blat, blon) for blat, blon in h3.cell_to_boundary(cell))


def cover_circle(
    lat: float, lon: float, radius_m: float, resolutions: tuple[int, ...] = H3_RESOLUTIONS
) -> tuple[int, list[int]] | None:
    """(resolution, cells) whose union contains every point within radius_m of (lat, lon).

    A point p within r of the centre lies in a cell whose centre is within R (the cell's
    circumradius) of p, so within r + R of the centre. H3 lists the cells whose centres lie
    inside a polygon; a polygon circumscribing the circle of radius r + R therefore yields a
    superset of the cells that matter, and not much more (area about pi*(r + R)^2). R is read
    off the query point's own cell with a 20% margin for H3's slowly varying distortion; the
    property test against a brute-force scan checks the bound. None when even the coarsest
    cells would be too many (then only the bounding box narrows the scan).
    """
    for res in resolutions:
        reach = radius_m + 1.2 * _cell_radius_m(h3.latlng_to_cell(lat, lon, res))
        if math.pi * reach**2 / h3.average_hexagon_area(res, unit="m^2") > _MAX_COVER_CELLS:
            continue
        if reach > 1_000_000:  # a polygon this large would wrap strangely: scan instead
            return None
        # Vertices far enough out that the polygon's edges stay outside the circle.
        vertex_m = reach / math.cos(math.pi / _POLYGON_SIDES)
        ring = [destination(lat, lon, 2 * math.pi * i / _POLYGON_SIDES, vertex_m)
                for i in range(_POLYGON_SIDES)]
        cells = set(h3.polygon_to_cells(h3.LatLngPoly(ring), res))
        cells.add(h3.latlng_to_cell(lat, lon, res))
        return res, [h3.str_to_int(c) for c in cells]
    return None


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing the circle; used as a cheap pre-filter."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    coslat = math.cos(math.radians(lat))
    dlon = 180.0 if coslat < 1e-6 else min(180.0, math.degrees(radius_m / (EARTH_RADIUS_M * coslat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def within_radius(qs, lat: float, lon: float, radius_m: float | None, *fields: str) -> list[tuple]:
    """(metres, id, *fields) of every located row of qs within radius_m of (lat, lon), nearest
    first, ties by id (a total order); every row when radius_m is None.

    The one nearest-within-a-radius query: the H3 cover of the circle (columns h3_r5/r7/r9)
    and a bounding box narrow the candidates in the database, exact haversine decides and
    orders. The answer equals a brute-force scan (core/tests/test_geo.py, places' tests)."""
    if radius_m is not None:
        cover = cover_circle(lat, lon, radius_m)
        if cover is not None:
            res, cells = cover
            qs = qs.filter(**{f"h3_r{res}__in": cells})
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_m)
        qs = qs.filter(lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon)
    hits = []
    for pk, plat, plon, *rest in qs.values_list("id", "lat", "lon", *fields):
        d = haversine_m(lat, lon, plat, plon)
        if radius_m is None or d <= radius_m:
            hits.append((d, pk, *rest))
    hits.sort(key=lambda h: (h[0], h[1]))
    return hits


# --- WGS-84 → GCJ-02 ("Mars coordinates") for Chinese map apps --------------------------
# The public, widely used approximation of the published transform (Krasovsky 1940 ellipsoid).
# We store WGS-84 and convert only at the edges: links into Amap, pins on Chinese map tiles,
# and (inverse) points that come from Amap's geocoder or from a pin dropped on such tiles.
# The same forward maths runs in the browser for pins (core/static/nuanxin/map.js,
# wgs84ToGcj02); tests/test_browser_map.py checks the two agree. Keep them in step.
_A = 6378245.0
_EE = 0.00669342162296594323


def _out_of_china(lat: float, lon: float) -> bool:
    return not (73.66 < lon < 135.05 and 3.86 < lat < 53.55)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """Shift WGS-84 to GCJ-02 for display in Chinese map apps; outside China it is the identity."""
    if _out_of_china(lat, lon):
        return lat, lon
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """The inverse of wgs84_to_gcj02, by fixed-point iteration: the shift changes so slowly
    with position (well under 1e-4 per degree) that each round gains about four digits; six
    rounds leave an error far below a millimetre. Outside China it is the identity."""
    if _out_of_china(lat, lon):
        return lat, lon
    wlat, wlon = lat, lon
    for _round in range(6):
        glat, glon = wgs84_to_gcj02(wlat, wlon)
        dlat, dlon = glat - lat, glon - lon
        wlat, wlon = wlat - dlat, wlon - dlon
        if abs(dlat) < 1e-10 and abs(dlon) < 1e-10:
            break
    return wlat, wlon


def amap_marker_url(lat: float, lon: float, name: str) -> str:
    """A link that opens Amap (the app, or its web page) with a pin at a stored WGS-84 point,
    for its 导航 (navigate) button. Amap's URI API takes GCJ-02, longitude first."""
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    return (f"https://uri.amap.com/marker?position={g_lon:.6f},{g_lat:.6f}"
            f"&name={quote(name, safe='')}&coordinate=gaode&callnative=1")

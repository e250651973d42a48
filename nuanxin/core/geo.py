"""Geography: haversine distance, H3 cell cover of a circle, WGS-84 → GCJ-02 for map apps."""

import math

import h3

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG), metres

# The resolutions stored on every located row (columns h3_r5, h3_r7, h3_r9). A query uses
# the finest one whose disk stays small, so the candidate list is short at any radius.
H3_RESOLUTIONS = (9, 7, 5)
_MAX_DISK_K = 10


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def cells_for(lat: float, lon: float) -> dict[int, int]:
    """The H3 cell (as a signed 64-bit int; H3's top bit is always 0) at each stored resolution."""
    return {res: h3.str_to_int(h3.latlng_to_cell(lat, lon, res)) for res in H3_RESOLUTIONS}


def _disk_k(cell: str, radius_m: float) -> int:
    """How many rings around `cell` hold every point within radius_m of a point in it.

    In a hex grid with circumradius R, cells k rings apart have centres at least 1.5*k*R
    apart, and a point within r of the query point has its cell centre within r + 2R of the
    query cell's centre; so k = ceil((r + 2*R_max) / (1.5*R_min)). R is read off the query
    cell's own edges, with a 25% margin for the slow change of H3's distortion across the
    circle; the property test against a brute-force scan checks the bound.
    """
    edges = [h3.edge_length(e, unit="m") for e in h3.origin_to_directed_edges(cell)]
    r_max, r_min = max(edges) * 1.25, min(edges) * 0.75
    return math.ceil((radius_m + 2 * r_max) / (1.5 * r_min))


def cover_circle(lat: float, lon: float, radius_m: float) -> tuple[int, list[int]] | None:
    """(resolution, cells) whose union contains every point within radius_m of (lat, lon).

    None when the circle is too large for a cell filter to help (then scan all rows).
    """
    for res in H3_RESOLUTIONS:
        centre = h3.latlng_to_cell(lat, lon, res)
        k = _disk_k(centre, radius_m)
        if k <= _MAX_DISK_K:
            return res, [h3.str_to_int(c) for c in h3.grid_disk(centre, k)]
    return None


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing the circle; used as a cheap pre-filter."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    coslat = math.cos(math.radians(lat))
    dlon = 180.0 if coslat < 1e-6 else min(180.0, math.degrees(radius_m / (EARTH_RADIUS_M * coslat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


# --- WGS-84 → GCJ-02 ("Mars coordinates") for Chinese map apps --------------------------
# The public, widely used approximation of the published transform (Krasovsky 1940 ellipsoid).
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

import h3
from hypothesis import given, settings
from hypothesis import strategies as st

from nuanxin.core import geo


def test_haversine_known_distance():
    # Kunshan South station to the worker service center: a little under 2.3 km.
    d = geo.haversine_m(31.3685, 120.9545, 31.3712, 120.9745)
    assert 1_800 < d < 2_000
    assert geo.haversine_m(31.38, 120.98, 31.38, 120.98) == 0


@settings(max_examples=300)
@given(
    lat=st.floats(30.9, 31.7), lon=st.floats(120.6, 121.4),
    radius=st.floats(10, 40_000), bearing=st.floats(0, 1), frac=st.floats(0, 1),
)
def test_cover_contains_every_point_in_the_circle(lat, lon, radius, bearing, frac):
    import math

    cover = geo.cover_circle(lat, lon, radius)
    if cover is None:
        return
    res, cells = cover
    # A point at distance frac*radius in direction bearing (small-circle approximation, then
    # checked with haversine so only points really inside count).
    d = frac * radius
    theta = bearing * 2 * math.pi
    plat = lat + math.degrees(d * math.cos(theta) / geo.EARTH_RADIUS_M)
    plon = lon + math.degrees(d * math.sin(theta) / (geo.EARTH_RADIUS_M * math.cos(math.radians(lat))))
    if geo.haversine_m(lat, lon, plat, plon) > radius:
        return
    assert h3.str_to_int(h3.latlng_to_cell(plat, plon, res)) in set(cells)


def test_gcj02_shift_is_a_few_hundred_metres_in_kunshan():
    glat, glon = geo.wgs84_to_gcj02(31.38, 120.98)
    assert 200 < geo.haversine_m(31.38, 120.98, glat, glon) < 800
    assert geo.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)  # outside China: unchanged

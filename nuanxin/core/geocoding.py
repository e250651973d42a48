"""Finding a workplace's point from what an employer can tell us: an address, a town, a known
landmark, or a pin dropped on the map. Nobody is asked to type a latitude.

`geocode(address, town)` is the small interface to a geocoder: Amap's geocoding web service
when NUANXIN_AMAP_KEY is set (it answers in GCJ-02; we store WGS-84), and none otherwise.
A geocoder that is slow, down or answers nonsense is treated as "not found": the employer
then picks a landmark or drops a pin, so posting never depends on a third party.
`locate_workplace()` decides between the four sources (see its docstring).

Every point carries `precision_m`, how far the real workplace may be from it: a house number
is close, a town centre is kilometres off. Gig posting uses it as the check-in radius, so a
worker standing at the real workplace can check in with their phone's location.
"""

import functools
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from nuanxin.core import geo
from nuanxin.core.towns import CHINESE_NAMES, TOWN_CENTRES, Town, in_kunshan

log = logging.getLogger(__name__)

PRECISE_M = 300          # a house number or a named building: the default check-in radius
TOWN_CENTRE_M = 3000     # "somewhere in this town": Kunshan's towns are a few km across
_MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Point:
    """A WGS-84 point and how far the real place may be from it."""

    lat: float
    lon: float
    precision_m: int = PRECISE_M
    source: str = ""   # "pin", "geocoder" or "landmark"
    label: str = ""    # what was found, in words (the geocoder's address, the landmark's name)


# --- landmarks: town centres and the program's known places (core/landmarks.json) ----------


@dataclass(frozen=True)
class Landmark:
    key: str
    town: str
    name: str
    lat: float
    lon: float
    precision_m: int

    def point(self) -> Point:
        return Point(self.lat, self.lon, self.precision_m, "landmark", self.name)


@functools.cache
def _known_places() -> tuple[Landmark, ...]:
    data = json.loads((Path(__file__).with_name("landmarks.json")).read_text(encoding="utf-8"))
    return tuple(Landmark(**row) for row in data["landmarks"])


def landmarks(town: str | None = None) -> list[Landmark]:
    """Each town's centre first, then its known places; one town's, or every town's in
    the order of the town list."""
    out = []
    for t in Town:
        if town and t != town:
            continue
        lat, lon = TOWN_CENTRES[t]
        # The name is made when asked, so that it follows the page's language.
        out.append(Landmark(f"{t.value}-centre", t.value, _("%(town)s centre (rough)") % {"town": t.label},
                            lat, lon, TOWN_CENTRE_M))
        out.extend(lm for lm in _known_places() if lm.town == t)
    return out



def landmark_choices() -> list:
    """The landmarks as a form's grouped choices (an optgroup per town), after "None chosen":
    the pickers of the gig and vacancy forms."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for lm in landmarks():
        groups.setdefault(Town(lm.town).label, []).append((lm.key, lm.name))
    return [("", _("None chosen")), *groups.items()]

def landmark(key: str) -> Landmark | None:
    return next((lm for lm in landmarks() if lm.key == key), None)


# --- geocoders ---------------------------------------------------------------------------


class Geocoder(Protocol):
    def geocode(self, address: str, town: str | None = None) -> Point | None:
        """The point of an address in Kunshan (WGS-84), or None when it cannot be found."""


class NoGeocoder:
    """No geocoding service configured: employers pick a landmark or drop a pin."""

    def geocode(self, address: str, town: str | None = None) -> Point | None:
        return None


# How close Amap's answer is, by the `level` it reports (its documented values). Levels
# coarser than a town (district, city, province, unknown) are no use for a workplace.
AMAP_LEVEL_PRECISION_M = {
    "门牌号": PRECISE_M, "单元号": PRECISE_M, "楼栋": PRECISE_M, "兴趣点": PRECISE_M,
    "道路交叉路口": 500, "公交站台、地铁站": 500, "公交站台": 500, "地铁站": 500,
    "道路": 1500, "热点商圈": 1500, "村庄": 1500,
    "乡镇": TOWN_CENTRE_M, "开发区": TOWN_CENTRE_M,
}


class AmapGeocoder:
    """Amap's geocoding web service (restapi.amap.com/v3/geocode/geo), limited to Kunshan.

    Any failure (timeout, connection refused, HTTP error, bad JSON, an error status, no
    result, a result outside Kunshan or vaguer than a town) is logged and answers None."""

    def __init__(self, key: str, url: str, timeout: float = 3.0):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("The geocoder URL must be http or https.")
        self.key, self.url, self.timeout = key, url, timeout

    def _query(self, address: str, town: str | None) -> str:
        text = address.strip()
        if town in Town.values and CHINESE_NAMES[town] not in text:
            text = CHINESE_NAMES[town] + text
        if "昆山" not in text:
            text = "昆山市" + text
        return text

    def geocode(self, address: str, town: str | None = None) -> Point | None:
        params = urllib.parse.urlencode({"key": self.key, "address": self._query(address, town),
                                         "city": "昆山", "output": "JSON"})
        try:
            # The scheme is checked in __init__ (http/https only).
            with urllib.request.urlopen(f"{self.url}?{params}", timeout=self.timeout) as answer:  # noqa: S310
                body = answer.read(_MAX_ANSWER_BYTES + 1)
                if len(body) > _MAX_ANSWER_BYTES:
                    raise ValueError("answer too large")
                if answer.length:  # fewer bytes came than Content-Length promised
                    raise http.client.IncompleteRead(body, answer.length)
            data = json.loads(body)
            if not isinstance(data, dict) or str(data.get("status")) != "1":
                log.warning("Amap geocoder refused %r: %s", address, data.get("info") if isinstance(data, dict) else data)
                return None
            results = data.get("geocodes")
            if not isinstance(results, list) or not results or not isinstance(results[0], dict):
                return None
            first = results[0]
            precision = AMAP_LEVEL_PRECISION_M.get(str(first.get("level", "")))
            g_lon, g_lat = (float(x) for x in str(first.get("location", "")).split(","))
        # URLError and timeouts are OSErrors; a connection cut mid-answer is an HTTPException.
        except (OSError, http.client.HTTPException, ValueError, TypeError) as exc:
            log.warning("Amap geocoder failed for %r: %s", address, exc)
            return None
        if precision is None:
            return None
        lat, lon = geo.gcj02_to_wgs84(g_lat, g_lon)
        if not in_kunshan(lat, lon):
            return None
        label = first.get("formatted_address")
        return Point(lat, lon, precision, "geocoder", label if isinstance(label, str) else "")


def geocoder() -> Geocoder:
    """The configured geocoder (read from settings on each call, so tests can change them)."""
    if settings.NUANXIN_AMAP_KEY:
        return AmapGeocoder(settings.NUANXIN_AMAP_KEY, settings.NUANXIN_AMAP_GEOCODE_URL,
                            settings.NUANXIN_GEOCODER_TIMEOUT)
    return NoGeocoder()


def geocode(address: str, town: str | None = None) -> Point | None:
    return geocoder().geocode(address, town)


# --- choosing the workplace's point ------------------------------------------------------


def locate_workplace(*, address: str, town: str | None = None, landmark_key: str | None = None,
                     pin: tuple[float, float] | None = None) -> Point | None:
    """The best point we can have for a workplace, or None (then ask for a landmark or a pin).

    1. a pin the employer dropped on the map (already WGS-84): they saw where it is;
    2. the address from the geocoder, when it found a house number or building;
    3. the landmark the employer picked;
    4. the geocoder's vaguer answer (a road, a village, the town).
    """
    if pin is not None:
        return Point(pin[0], pin[1], PRECISE_M, "pin", "")
    found = geocode(address, town) if address.strip() else None
    if found is not None and found.precision_m <= PRECISE_M:
        return found
    chosen = landmark(landmark_key) if landmark_key else None
    if chosen is not None:
        return chosen.point()
    return found

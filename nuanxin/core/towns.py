"""Kunshan's towns and districts, with a centre point (WGS-84) for the town picker and demo data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nuanxin.core.geo import haversine_m


class Town(models.TextChoices):
    # Labels in English (pinyin) with the Chinese names as translations, like every interface word.
    YUSHAN = "yushan", _("Yushan")
    BACHENG = "bacheng", _("Bacheng")
    ZHOUSHI = "zhoushi", _("Zhoushi")
    LUJIA = "lujia", _("Lujia")
    HUAQIAO = "huaqiao", _("Huaqiao")
    DIANSHANHU = "dianshanhu", _("Dianshanhu")
    ZHANGPU = "zhangpu", _("Zhangpu")
    ZHOUZHUANG = "zhouzhuang", _("Zhouzhuang")
    QIANDENG = "qiandeng", _("Qiandeng")
    JINXI = "jinxi", _("Jinxi")
    KETD = "ketd", _("Kunshan Development Zone")
    HITECH = "hitech", _("Kunshan Hi-tech Zone")
    RESORT = "resort", _("Yangcheng Lake Tourist Resort")


# The official Chinese names, as written in addresses and sent to geocoders whatever language
# the reader chose (the labels above are for reading).
CHINESE_NAMES: dict[str, str] = {
    Town.YUSHAN: "玉山镇",
    Town.BACHENG: "巴城镇",
    Town.ZHOUSHI: "周市镇",
    Town.LUJIA: "陆家镇",
    Town.HUAQIAO: "花桥镇",
    Town.DIANSHANHU: "淀山湖镇",
    Town.ZHANGPU: "张浦镇",
    Town.ZHOUZHUANG: "周庄镇",
    Town.QIANDENG: "千灯镇",
    Town.JINXI: "锦溪镇",
    Town.KETD: "昆山开发区",
    Town.HITECH: "昆山高新区",
    Town.RESORT: "旅游度假区",
}


# Approximate centres (WGS-84), good to a few hundred metres: used to sort "nearest" when a
# worker picks a town instead of sharing their location.
TOWN_CENTRES: dict[str, tuple[float, float]] = {
    Town.YUSHAN: (31.3850, 120.9580),
    Town.BACHENG: (31.4450, 120.8750),
    Town.ZHOUSHI: (31.4550, 120.9850),
    Town.LUJIA: (31.3180, 121.0450),
    Town.HUAQIAO: (31.3050, 121.1100),
    Town.DIANSHANHU: (31.1750, 120.9750),
    Town.ZHANGPU: (31.2750, 120.9350),
    Town.ZHOUZHUANG: (31.1180, 120.8500),
    Town.QIANDENG: (31.2700, 120.9950),
    Town.JINXI: (31.1850, 120.9000),
    Town.KETD: (31.3600, 121.0050),
    Town.HITECH: (31.4000, 120.9300),
    Town.RESORT: (31.4200, 120.8300),
}

# A box around the whole city with a margin (WGS-84): a point outside it is not a workplace
# in Kunshan (a geocoder's answer for a same-named road elsewhere, or a pin dropped too far).
KUNSHAN_BOUNDS = (31.00, 31.60, 120.70, 121.25)  # min_lat, max_lat, min_lon, max_lon


def in_kunshan(lat: float, lon: float) -> bool:
    min_lat, max_lat, min_lon, max_lon = KUNSHAN_BOUNDS
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def nearest_town(lat: float, lon: float) -> str:
    """The town whose centre is nearest: good enough to count a gig or a pin by town on the city's
    dashboard (a point near a border may fall in its neighbour), not for an address."""
    return min(TOWN_CENTRES, key=lambda town: haversine_m(lat, lon, *TOWN_CENTRES[town]))

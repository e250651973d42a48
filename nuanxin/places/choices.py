from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    SERVICE_CENTER = "service_center", _("worker service center")
    WARM_STATION = "warm_station", _("warm station")
    EMPLOYMENT_STATION = "employment_station", _("doorstep employment station")
    CANTEEN = "canteen", _("designated canteen")
    HOSPITAL = "hospital", _("designated hospital")
    RESCUE_STATION = "rescue_station", _("rescue station")
    RESIDENCE = "residence", _("warm residence")
    SCHOOL = "school", _("night school / summer care")


class PlaceStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CoBuild(models.TextChoices):
    """How a station is co-built (社区+驿站, 物业+驿站, 商铺+驿站 …)."""

    NONE = "", _("run by the city")
    COMMUNITY = "community", _("community + station")
    PROPERTY = "property", _("property management + station")
    SHOP = "shop", _("shop + station")
    BUILDING = "building", _("office building")
    BUSINESS_DISTRICT = "business_district", _("business district")


class AmenityCode(models.TextChoices):
    CHARGING = "charging", _("charging")
    DRINKING_WATER = "drinking_water", _("drinking water")
    WIFI = "wifi", _("Wi-Fi")
    READING_CORNER = "reading_corner", _("reading corner")
    FIRST_AID_KIT = "first_aid_kit", _("first-aid kit")
    MICROWAVE = "microwave", _("microwave")
    RESTROOM = "restroom", _("restroom")
    HEATING = "heating", _("heating")
    AIR_CONDITIONING = "air_conditioning", _("air conditioning")
    SEATING = "seating", _("seating")
    LOCKERS = "lockers", _("lockers")


# One pictogram per amenity, shown beside its name (never alone: colour and icon are not the only cue).
AMENITY_ICONS = {
    "charging": "⚡", "drinking_water": "💧", "wifi": "📶", "reading_corner": "📖",
    "first_aid_kit": "⛑", "microwave": "🍱", "restroom": "🚻", "heating": "♨",
    "air_conditioning": "❄", "seating": "🪑", "lockers": "🔒",
}

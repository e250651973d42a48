from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("worker")
    EMPLOYER = "employer", _("employer")
    ADVISOR = "advisor", _("employment advisor")
    STATION_MANAGER = "station_manager", _("station manager")
    HOSPITAL = "hospital", _("hospital staff")
    TEACHER = "teacher", _("teacher")
    ORGANISER = "organiser", _("organiser")
    RESCUE = "rescue", _("rescue station officer")
    LEGAL = "legal", _("legal aid")
    OFFICIAL = "official", _("city official")
    ADMIN = "admin", _("administrator")


# The roles of people who serve others (everyone but workers and employers): the case queue.
STAFF_ROLES = frozenset({Role.ADVISOR, Role.STATION_MANAGER, Role.HOSPITAL, Role.TEACHER, Role.ORGANISER,
                         Role.RESCUE, Role.LEGAL, Role.OFFICIAL, Role.ADMIN})


class Occupation(models.TextChoices):
    RIDE_HAILING = "ride_hailing", _("ride-hailing driver")
    DELIVERY = "delivery", _("food-delivery rider")
    COURIER = "courier", _("courier")
    CLEANER = "cleaner", _("domestic cleaner")
    FACTORY_TEMP = "factory_temp", _("factory temp")
    JOB_SEEKER = "job_seeker", _("job seeker")
    OTHER = "other", _("other")


class EmployerStatus(models.TextChoices):
    PENDING = "pending", _("pending verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")
    BLOCKED = "blocked", _("blocked")


# The employer that holds a credit code: one at most (a database constraint). A blocked employer
# keeps its code, so that claiming the code anew cannot shed the block.
USCC_HOLDER_STATUSES = (EmployerStatus.VERIFIED, EmployerStatus.BLOCKED)


class Grade(models.TextChoices):
    PRESCHOOL = "preschool", _("preschool")
    G1 = "g1", _("grade 1")
    G2 = "g2", _("grade 2")
    G3 = "g3", _("grade 3")
    G4 = "g4", _("grade 4")
    G5 = "g5", _("grade 5")
    G6 = "g6", _("grade 6")
    G7 = "g7", _("grade 7")
    G8 = "g8", _("grade 8")
    G9 = "g9", _("grade 9")


class ConsentPurpose(models.TextChoices):
    SUMMER_CARE = "summer_care", _("summer care and companion learning")


class Agreement(models.TextChoices):
    """The documents everyone agrees to before using the site: PIPL art. 14/17 ask for informed
    consent given freely and explicitly (never a pre-ticked box), with the notice to read."""

    TERMS = "terms", _("user agreement")
    PRIVACY = "privacy", _("privacy notice")


# The wording in force, by document; new wording gets a new version and everyone is asked again.
AGREEMENT_VERSIONS = {Agreement.TERMS: "2026-11-29", Agreement.PRIVACY: "2026-11-29"}


# The consent text a guardian agrees to, by version; a new wording gets a new version.
CONSENT_TEXT_VERSION = "2026-06"
CHILD_CONSENT_AGE = 14  # PIPL art. 28/31: under 14, a guardian's separate consent is required

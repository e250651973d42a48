"""Choices shared across apps: the kinds of unlawful content a job posting can have."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostingCategory(models.TextChoices):
    """What Chinese employment law forbids in a job ad, one value per kind (see core/fairness.py)."""

    SEX = "sex", _("sex")
    ETHNICITY_RACE = "ethnicity_race", _("ethnicity or race")
    RELIGION = "religion", _("religious belief")
    DISABILITY = "disability", _("disability")
    HUKOU_ORIGIN = "hukou_origin", _("household registration or origin")
    INFECTIOUS_DISEASE = "infectious_disease", _("carrier of an infectious disease")
    MARRIAGE_CHILDBEARING = "marriage_childbearing", _("marriage, pregnancy or children")
    FEE_DEPOSIT = "fee_deposit", _("fees, deposits, wages or documents held back")
    AGE = "age", _("age")
    APPEARANCE_HEIGHT = "appearance_height", _("appearance or height")

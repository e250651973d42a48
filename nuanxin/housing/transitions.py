"""The one door for a stay's status: core.workflow's machine over choices.TRANSITIONS, so every
change is checked against the map, is compare-and-set (two racing moves never both happen)
and leaves a history row in the same transaction."""

from nuanxin.core import workflow
from nuanxin.housing.choices import TRANSITIONS
from nuanxin.housing.models import Application, ApplicationHistory

APPLICATIONS = workflow.Machine(Application, ApplicationHistory, "application", TRANSITIONS)

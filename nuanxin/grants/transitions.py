"""The one door for a grant's status: core.workflow's machine over choices.TRANSITIONS, so
every change is checked against the map and leaves a history row (who, when, from, to, why)
in the same transaction. Moves are compare-and-set: two approvals racing never both pay."""

from nuanxin.core import workflow
from nuanxin.grants.choices import TRANSITIONS
from nuanxin.grants.models import Grant, GrantHistory

GRANTS = workflow.Machine(Grant, GrantHistory, "grant", TRANSITIONS)

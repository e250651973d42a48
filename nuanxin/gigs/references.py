"""How the wallet tells the gig market's money: ledger references "gigs.shift:<id>" (escrow
held and returned for a shift) and "gigs.application:<id>" (a worker's wages, extra pay,
contest releases, dispute settlements, cancellation fees) described as their gig, so that the
wallet shows one line per gig ("为《快递分拣》托管 3 人工资") without the wages app importing gigs.
Registered in GigsConfig.ready()."""

from nuanxin.gigs.models import Application, Shift
from nuanxin.wages.references import Subject, register


def _group(gig_id: int) -> str:
    return f"gigs.gig:{gig_id}"


def describe_shifts(ids: list[int]) -> dict[int, Subject]:
    """A shift's hold pays for its headcount's places."""
    return {s.pk: Subject(group=_group(s.gig_id), title=s.gig.title, people=s.headcount)
            for s in Shift.objects.filter(pk__in=ids).select_related("gig")}


def describe_applications(ids: list[int]) -> dict[int, Subject]:
    """Money under an application is one worker's; its place is already counted with its shift,
    so an extra hold for it (approved extra time) adds no people."""
    return {a.pk: Subject(group=_group(a.shift.gig_id), title=a.shift.gig.title)
            for a in Application.objects.filter(pk__in=ids).select_related("shift__gig")}


def connect() -> None:
    register("gigs.shift", describe_shifts)
    register("gigs.application", describe_applications)

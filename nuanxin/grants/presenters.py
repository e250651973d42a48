"""A grant as the API shows it: the purpose only to those who read the case file, never the
payee's name or phone; who moved it as "you" or "staff"."""

from nuanxin.core import workflow
from nuanxin.grants import selectors
from nuanxin.grants.models import Donation, Grant


def grant_out(grant: Grant, viewer, *, history: bool = True) -> dict:
    out = {
        "id": grant.pk, "case_id": grant.case_id, "kind": grant.kind, "amount_fen": grant.amount_fen,
        "status": grant.status, "purpose": grant.purpose if selectors.reads_case_file(viewer, grant) else None,
        "proposed_at": grant.created_at, "decided_at": grant.decided_at, "note": grant.decision_note,
        "proposed_by_you": grant.proposed_by_id == viewer.pk,
    }
    if history:
        out["history"] = workflow.history_out(selectors.grant_history(grant), viewer_id=viewer.pk, roles={})
    return out


def donation_out(d: Donation) -> dict:
    return {"id": d.pk, "donor": d.donor, "amount_fen": d.amount_fen, "received_on": d.received_on, "note": d.note}

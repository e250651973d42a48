"""/policies (API.md "Jobs and employment services"): the programmes the calculator knows and
an estimate from a person's facts. Public: nothing is stored, nobody needs to sign in."""

from typing import Any

from ninja import Body, Field, Path, Router, Schema
from ninja.responses import codes_4xx

from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound
from nuanxin.jobs import policies
from nuanxin.jobs.selectors import policies as selectors

router = Router(tags=["jobs"])
ERR = {codes_4xx: ErrorOut}
Code = Path(..., max_length=40)
Facts = Body(..., description="the facts the programme asks (GET /policies)")


class FactOut(Schema):
    name: str
    kind: str = Field(description="choice, int, bool, or fen (an amount in fen)")
    question: str
    choices: list[str]
    low: int
    high: int
    required: bool


class PolicyOut(Schema):
    code: str
    name: str
    title: str = Field(description="the programme's name in the reader's language")
    summary: str
    documents: list[str] = Field(description="what to bring")
    source: str
    sources: list[str] = Field(description="the policy texts the rules follow")
    facts: list[FactOut] = Field(description="what POST /policies/{code}/estimate asks")


class PolicyListOut(Schema):
    items: list[PolicyOut]
    count: int


class EstimateOut(Schema):
    eligible: bool
    amount_fen: int
    months: int
    explanation: str = Field(description="in plain words, with what to bring")
    monthly_fen: int = Field(description="per month, for a monthly subsidy (else 0)")
    documents: list[str]
    sources: list[str]


def policy_out(policy) -> dict:
    return {"code": policy.code, "name": policy.name, "title": str(policies.TITLES.get(policy.code, policy.name)),
            "summary": policy.summary, "documents": policies.documents_of(policy), "source": policy.source,
            "sources": policies.sources_of(policy),
            "facts": [{"name": f.name, "kind": f.kind, "question": str(f.label), "choices": [v for v, _l in f.choices],
                       "low": f.low, "high": f.high, "required": f.default is None} for f in policies.FACTS[policy.code]]}


@router.get("/policies", response={200: PolicyListOut, **ERR}, auth=None)
def policies_list(request):
    """The programmes the calculator knows, with the questions each asks."""
    rows = list(selectors.policies_in_force())
    return {"items": [policy_out(p) for p in rows], "count": len(rows)}


@router.post("/policies/{code}/estimate", response={200: EstimateOut, **ERR}, auth=None)
def policies_estimate(request, code: str = Code, facts: dict[str, Any] = Facts):
    """What a person may get: the body is the facts (GET /policies lists each programme's).
    An estimate, not a decision: the office decides on the documents."""
    policy = selectors.policy(code)
    if policy is None:
        raise NotFound()
    return policies.answer_for(policy, facts)

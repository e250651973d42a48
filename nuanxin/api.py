"""The JSON API: every app's router under /api/v1 (API.md), OpenAPI at /api/v1/docs."""

from ninja import NinjaAPI, Schema
from ninja.renderers import JSONRenderer

from nuanxin.accounts.api import router as accounts_router
from nuanxin.bookings.api import router as bookings_router
from nuanxin.cases.api import router as cases_router
from nuanxin.core import api_errors
from nuanxin.dashboard.api import router as dashboard_router
from nuanxin.gigs.api import router as gigs_router
from nuanxin.grants.api import router as grants_router
from nuanxin.housing.api import router as housing_router
from nuanxin.jobs.api import router as jobs_router
from nuanxin.places.api import router as places_router
from nuanxin.wages.api import router as wages_router


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 (3 bytes a character) rather than \\uXXXX escapes (6 bytes)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="Nuanxin 暖新 API",
    version="1.0.0",
    description="The platform Kunshan runs for its new-citizen workers. Errors: "
    '{"error": {"code", "message", "fields"}}. Money in integer fen, times ISO 8601 (+08:00), WGS-84.',
    urls_namespace="api",
    docs_url="/docs",
)
api_errors.install(api)


class HealthOut(Schema):
    ok: bool


@api.get("/health", response=HealthOut, auth=None, tags=["operations"])
def health(request):
    """A trivial endpoint: liveness checks, and the baseline of bench/places_nearby.py."""
    return {"ok": True}


api.add_router("", accounts_router)
api.add_router("", places_router)
api.add_router("", gigs_router)
api.add_router("", housing_router)
api.add_router("", cases_router)
api.add_router("", wages_router)
api.add_router("", bookings_router)
api.add_router("", grants_router)
api.add_router("", jobs_router)
api.add_router("", dashboard_router)

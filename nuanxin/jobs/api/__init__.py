"""The jobs app's API (API.md "Jobs and employment services"): one router per part, mounted in nuanxin/api.py."""

from ninja import Router

from nuanxin.jobs.api import seekers

router = Router(tags=["jobs"])
router.add_router("", seekers.router)

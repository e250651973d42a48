"""The jobs API (API.md "Jobs and employment services"): one router that each part of the app
adds its own to, mounted in nuanxin/api.py."""

from ninja import Router

from nuanxin.jobs.api import fairs, policies, seekers, vacancies

router = Router(tags=["jobs"])
router.add_router("", vacancies.router)
router.add_router("", seekers.router)
router.add_router("", fairs.router)
router.add_router("", policies.router)

"""The jobs API: one router, each part's endpoints added from its own module."""

from ninja import Router

from nuanxin.jobs.api import vacancies

router = Router(tags=["jobs"])
router.add_router("", vacancies.router)

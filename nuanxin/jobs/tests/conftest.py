from nuanxin.jobs.tests.factories import job_world, occupations  # noqa: F401

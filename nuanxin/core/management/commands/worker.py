"""Run the queued and timed work in the foreground: a huey consumer with its scheduler, so that
lotteries draw at their window's close, wages auto-release and overdue cases escalate by
themselves. `make run` starts it beside the web server; run one or more per host in production
(two at once are safe: each periodic job runs under a lock and every job is idempotent).
Ctrl-C (SIGINT) stops after the running tasks finish; SIGTERM stops at once."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import autodiscover_modules
from huey.consumer_options import ConsumerConfig


class Command(BaseCommand):
    help = "Run the task worker (huey consumer and scheduler) in the foreground."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=None,
                            help="worker threads (default: NUANXIN_WORKER_THREADS or 4)")
        parser.add_argument("--no-periodic", action="store_true",
                            help="run queued tasks only; leave the every-minute jobs to other workers or cron")

    def handle(self, *args, threads=None, no_periodic=False, **options):
        from huey.contrib.djhuey import HUEY

        if HUEY.immediate:
            raise CommandError("The task queue is in immediate mode (NUANXIN_HUEY_IMMEDIATE): "
                               "there is nothing for a worker to consume.")
        autodiscover_modules("tasks")  # each app's tasks.py registers its jobs
        values = dict(settings.HUEY.get("consumer", {}))
        if threads is not None:
            values["workers"] = threads
        if no_periodic:
            values["periodic"] = False
        # A new worker never clears locks: another worker may hold them (see core/timed.py).
        values["flush_locks"] = False
        config = ConsumerConfig(**values)
        config.validate()
        logger = logging.getLogger("huey")
        if not logger.handlers:
            config.setup_logger(logger)
            logger.propagate = False  # printed once, not again by the root handler
        url = urlsplit(settings.HUEY.get("url") or "")  # shown without any password in it
        where = f"Redis {url.hostname}:{url.port or 6379}{url.path}" if url.scheme else settings.HUEY["filename"]
        self.stdout.write(f"Worker: queue {HUEY.name!r} on {where}, {config.workers} {config.worker_type}s, "
                          f"every-minute jobs {'on' if config.periodic else 'off'}")
        self.stdout.flush()  # the consumer lists the jobs it runs, then logs each run
        HUEY.create_consumer(**config.values).run()

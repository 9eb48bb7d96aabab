"""`frontline serve`: gunicorn with threaded workers, embedded so there is one command to run."""

import multiprocessing

from gunicorn.app.base import BaseApplication

# Paths only, never query strings: queries may carry search terms or reasons (personal data).
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from frontline.wsgi import application

        return application


def _worker_ready(worker) -> None:
    """gunicorn's post_worker_init: in each worker, before it takes requests."""
    from django.conf import settings

    from frontline.common.walcheckpoint import background_checkpoints_start
    from frontline.common.writerqueue import writer_queue_enable

    background_checkpoints_start(settings.SQLITE_CHECKPOINT_MS / 1000)
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "frontline.common.sqlite_backend":
        writer_queue_enable(database["NAME"])


def process_layout(workers: int | None, threads: int | None) -> tuple[int, int]:
    """(processes, threads each) for `frontline serve`, where not given.

    On PostgreSQL, 2 processes per core of 4 threads. On SQLite, 4 processes per core of 2
    threads: the same 16 requests at once on two cores, but a write transaction, which holds
    SQLite's single write lock, shares its process's interpreter with one other request
    instead of three. In a served push load (docs/benchmarks.md) the holder otherwise waited
    for the interpreter after its database calls while the writers queued behind it.
    """
    from django.conf import settings

    sqlite = settings.DATABASES["default"]["ENGINE"] == "frontline.common.sqlite_backend"
    cores = multiprocessing.cpu_count()
    return (
        workers or max(2, cores * (4 if sqlite else 2)),
        threads or (2 if sqlite else 4),
    )


def serve(*, host: str, port: int, workers: int | None = None, threads: int | None = None) -> None:
    workers, threads = process_layout(workers, threads)
    print(
        f"Serving on http://{host}:{port}/ with {workers} workers x {threads} threads", flush=True
    )
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "timeout": 60,
            "graceful_timeout": 20,
            "limit_request_line": 8190,
            "post_worker_init": _worker_ready,
        }
    ).run()

"""`frontline serve`: gunicorn with threaded workers, embedded so there is one command to run."""

import multiprocessing

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

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

        _warm()
        return application


class FreeThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, taking a new connection only while one of its threads is free.

    Every worker listens on the one socket, and gunicorn's threaded worker accepts from it even
    while all its threads are busy, queueing the connection behind them. When many clients
    connect at once, which is how every device syncs when a shift ends or signal returns, the
    first workers to wake take most of them: measured on a served push load (40 devices,
    12 single-thread workers; docs/benchmarks.md), five workers held every connection and seven
    stood idle. Here a worker with no free thread stops listening until one is free again, so
    a connection waits in the kernel's backlog for the next free thread of any worker instead.
    Connections a worker already holds are still served by it in turn.

    Everything below runs on the worker's main thread (the poller's callbacks), so the count
    needs no lock. What gunicorn's own loop last asked for is kept: once it has stopped
    listening to shut down (asked to stop, or its master gone), a freed thread never starts it
    again.
    """

    def init_process(self):
        self._running = 0  # requests handed to the thread pool and not yet finished
        self._wanted = False  # what gunicorn's loop last asked for
        super().init_process()

    def set_accept_enabled(self, enabled):
        self._wanted = enabled
        self._accept_update()

    def enqueue_req(self, conn):
        self._running += 1
        self._accept_update()
        super().enqueue_req(conn)

    def finish_request(self, conn, fs):
        self._running -= 1
        super().finish_request(conn, fs)  # may hand the connection straight back (read ahead)
        self._accept_update()

    def _accept_update(self) -> None:
        ThreadWorker.set_accept_enabled(self, self._wanted and self._running < self.cfg.threads)


def _warm() -> None:
    """Import what a worker's first request would otherwise import: the URL conf (the API's
    routers and their schemas, about a second of CPU) and every record type's sync module.
    Run in the master before the workers fork (preload), so each starts ready, where a
    restarted server's first pushes each paid that second, once per worker."""
    from django.db import connections
    from django.urls import get_resolver

    from frontline.sync.registry import record_type_get, record_type_names

    get_resolver().url_patterns  # noqa: B018  (reading it imports the URL conf)
    for name in record_type_names():
        record_type_get(name)
    connections.close_all()  # nothing the workers could inherit open


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

    On PostgreSQL, 2 processes per core of 4 threads. On SQLite, 6 processes per core (at most
    16) of one thread: a write transaction, which holds SQLite's single write lock, then shares
    its process's interpreter with no other request. In a served push load
    (docs/benchmarks.md) the holder otherwise waited for the interpreter after its database
    calls while every other writer queued behind it.
    """
    from django.conf import settings

    sqlite = settings.DATABASES["default"]["ENGINE"] == "frontline.common.sqlite_backend"
    cores = multiprocessing.cpu_count()
    if sqlite:
        return workers or min(16, max(4, cores * 6)), threads or 1
    return workers or max(2, cores * 2), threads or 4


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
            "worker_class": FreeThreadWorker,
            "accesslog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "timeout": 60,
            "graceful_timeout": 20,
            "limit_request_line": 8190,
            "post_worker_init": _worker_ready,
            "preload_app": True,
        }
    ).run()

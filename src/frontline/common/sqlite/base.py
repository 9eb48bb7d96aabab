"""Django's SQLite backend with each write transaction queued on the writer lock (writerlock.py).

The lock is taken just before `BEGIN IMMEDIATE` (Django's outermost `atomic`) and given back
once the transaction ends, committed, rolled back or with its connection closed. Statements
run outside a transaction (autocommit) and in-memory databases are left to SQLite alone.
"""

from django.conf import settings
from django.db.backends.sqlite3 import base

from frontline.common.sqlite.writerlock import WriterLock, writer_lock


class DatabaseWrapper(base.DatabaseWrapper):
    _writer: WriterLock | None = None  # held from BEGIN to the end of the transaction

    def _start_transaction_under_autocommit(self):
        lock = self._writer_lock()
        if lock is None:
            return super()._start_transaction_under_autocommit()
        lock.acquire(timeout=self.settings_dict["OPTIONS"].get("timeout", 5))
        self._writer = lock
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._writer_release()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._writer_release()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._writer_release()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._writer_release()

    def _writer_lock(self) -> WriterLock | None:
        if not getattr(settings, "SQLITE_WRITER_LOCK", True) or self.is_in_memory_db():
            return None
        return writer_lock(self.settings_dict["NAME"])

    def _writer_release(self) -> None:
        lock, self._writer = self._writer, None
        if lock is not None:
            lock.release()

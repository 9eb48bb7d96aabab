"""Django's SQLite backend, with write transactions taking turns in a served worker.

`common/writerqueue.py` says why. Everything else is Django's own backend.
"""

from django.db.backends.sqlite3 import base

from frontline.common import writerqueue


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_turn = False

    def _start_transaction_under_autocommit(self):
        self._writer_turn = writerqueue.turn_take(self.settings_dict["NAME"])
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._writer_turn_give()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._writer_turn_give()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._writer_turn_give()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._writer_turn_give()

    def _writer_turn_give(self) -> None:
        if self._writer_turn:
            self._writer_turn = False
            writerqueue.turn_give()

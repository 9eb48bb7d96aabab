"""Frontline's SQLite database backend: Django's, with writers queued on a lock of our own
(base.py). ENGINE "frontline.common.sqlite"."""

"""A test-only record app with editable state (`test.draft`): create, update, delete.

It exercises the sync engine's editable lane (base_version, conflicts, tombstones) the way a
real record app (incident drafts, tasks) will. Installed only when FRONTLINE_ENVIRONMENT=test.
"""

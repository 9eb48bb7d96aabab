"""Incident and crime reports built from POLE entities, with supervisor review.

Modules: vocab (categories, roles, kinds), models, schemas, rules (content checks), services
(drafts), workflow (submit, return, approve), selectors, access, pole (export), sync (record
types and the payload the officer app sends), api, admin, demo.
"""

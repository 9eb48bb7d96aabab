"""API endpoints for the stopsearch app."""

from ninja import Router

router = Router(tags=["stopsearch"])

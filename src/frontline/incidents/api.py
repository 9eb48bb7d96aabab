"""API endpoints for the incidents app."""

from ninja import Router

router = Router(tags=["incidents"])

"""Back-office pages for the evidence app (views in office/evidence_views.py)."""

urlpatterns: list = []

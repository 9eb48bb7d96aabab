"""Back-office pages for the incidents app (views in office/incidents_views.py)."""

urlpatterns: list = []

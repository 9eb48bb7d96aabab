"""Back-office pages for the stopsearch app (views in office/stopsearch_views.py)."""

urlpatterns: list = []

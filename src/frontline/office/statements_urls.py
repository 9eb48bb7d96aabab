"""Back-office pages for the statements app (views in office/statements_views.py)."""

urlpatterns: list = []

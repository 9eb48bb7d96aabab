"""Back-office pages for the statements app (views in office/statements_views.py)."""

from django.urls import path

from frontline.office import statements_views as views

urlpatterns = [
    path("", views.statements, name="statements"),
    path("<uuid:statement_id>/", views.statement, name="statement"),
    path("<uuid:statement_id>/pdf/", views.statement_pdf, name="statement-pdf"),
]

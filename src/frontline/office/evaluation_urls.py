"""Back-office pages for the evaluation app (views in office/evaluation_views.py)."""

from django.urls import path

from frontline.office import evaluation_views as views

urlpatterns = [
    path("", views.programmes, name="evaluation"),
    path("new/", views.programme_create, name="evaluation-create"),
    path("<slug:slug>/", views.programme, name="evaluation-programme"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="evaluation-report"),
    path("<slug:slug>/<slug:action>/", views.programme_action, name="evaluation-action"),
]

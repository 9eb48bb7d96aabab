"""Back-office pages for the incidents app (views in office/incidents_views.py)."""

from django.urls import path

from frontline.office import incidents_views as views

urlpatterns = [
    path("", views.review_queue, name="incidents-queue"),
    path("<uuid:report_id>/", views.report, name="incidents-report"),
    path("<uuid:report_id>/return/", views.report_return, name="incidents-return"),
    path("<uuid:report_id>/approve/", views.report_approve, name="incidents-approve"),
]

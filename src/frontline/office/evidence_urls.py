"""Back-office pages for the evidence app (views in office/evidence_views.py)."""

from django.urls import path

from frontline.office import evidence_views as views

urlpatterns = [
    path("", views.evidence_index, name="evidence"),
    path(
        "record/<str:record_type>/<uuid:record_id>/",
        views.evidence_record,
        name="evidence-record",
    ),
    path("<uuid:item_id>/", views.evidence_item, name="evidence-item"),
    path("<uuid:item_id>/content", views.evidence_content, name="evidence-content"),
    path("<uuid:item_id>/verify", views.evidence_verify, name="evidence-verify"),
]

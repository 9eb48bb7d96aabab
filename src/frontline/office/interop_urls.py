"""Back-office pages for information management (views in office/interop_views.py)."""

from django.urls import path

from frontline.office import interop_views as views

urlpatterns = [
    path("", views.index, name="interop"),
    path("retention/", views.retention_review, name="interop-retention"),
    path("subject-access/", views.subject_access_page, name="interop-subject-access"),
    path(
        "subject-access/<uuid:search_id>/",
        views.subject_access_result,
        name="interop-subject-access-result",
    ),
    path("bundles/", views.bundle_page, name="interop-bundles"),
    path("destinations/", views.destinations, name="interop-destinations"),
    path("dead-letters/", views.dead_letters, name="interop-dead-letters"),
    path(
        "deliveries/<uuid:delivery_id>/replay/",
        views.delivery_replay,
        name="interop-delivery-replay",
    ),
]

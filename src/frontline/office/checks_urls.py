"""Back-office pages for the checks app (views in office/checks_views.py)."""

from django.urls import path

from frontline.office import checks_views as views

urlpatterns = [
    path("", views.check_log, name="check-log"),
    path("misuse/", views.misuse, name="check-misuse"),
]

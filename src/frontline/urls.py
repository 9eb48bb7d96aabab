"""URL map: API, back office, officer app, Django admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from frontline.api import api
from frontline.metrics import metrics

urlpatterns = [
    path("api/v1/", api.urls),
    # Every sign-in goes through the back office's form, which applies the lockout.
    path("admin/login/", RedirectView.as_view(pattern_name="office:sign-in", query_string=True)),
    path("admin/", admin.site.urls),
    path("office/", include("frontline.office.urls")),
    path("app/", include("frontline.pwa.urls")),
    path("metrics", metrics, name="metrics"),
    path("", RedirectView.as_view(pattern_name="office:home")),
]

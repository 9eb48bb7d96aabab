from django.urls import include, path

from frontline.office import views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("notebooks/", views.notebooks, name="notebooks"),
    path("notebooks/<uuid:officer_id>/", views.notebook, name="notebook"),
    path("notebooks/<uuid:officer_id>/inspect/", views.notebook_inspect, name="notebook-inspect"),
    path("devices/", views.devices, name="devices"),
    path("devices/enrolment-code/", views.enrolment_code, name="enrolment-code"),
    path("devices/<uuid:device_id>/revoke/", views.device_revoke, name="device-revoke"),
    path("officers/", views.officers, name="officers"),
    path("officers/<uuid:officer_id>/revoke/", views.officer_revoke, name="officer-revoke"),
    path("audit/", views.audit, name="audit"),
    path("stop-searches/", include("frontline.office.stopsearch_urls")),
    path("statements/", include("frontline.office.statements_urls")),
    path("incidents/", include("frontline.office.incidents_urls")),
    path("evidence/", include("frontline.office.evidence_urls")),
    path("checks/", include("frontline.office.checks_urls")),
    path("tasking/", include("frontline.office.tasking_urls")),
    path("fleet/", include("frontline.office.devices_urls")),
    path("information/", include("frontline.office.interop_urls")),
    path("evaluation/", include("frontline.office.evaluation_urls")),
]

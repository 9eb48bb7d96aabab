"""Back-office pages for the fleet (views in office/devices_views.py)."""

from django.urls import path

from frontline.office import devices_views as views

urlpatterns = [
    path("", views.register, name="fleet"),
    path("new/", views.register_new, name="fleet-new"),
    path("import/", views.register_import, name="fleet-import"),
    path("export.csv", views.register_export, name="fleet-export"),
    path("dashboard/", views.dashboard, name="fleet-dashboard"),
    path("compliance/", views.non_compliant, name="fleet-compliance"),
    path("wipes/", views.wipe_reports, name="fleet-wipes"),
    path("catalogue/", views.catalogue, name="fleet-catalogue"),
    path("catalogue/add/", views.catalogue_add, name="fleet-catalogue-add"),
    path("officers/<uuid:officer_id>/", views.officer_kit, name="fleet-officer"),
    path("<uuid:device_id>/", views.device_detail, name="fleet-device"),
    path("<uuid:device_id>/events/", views.device_event, name="fleet-device-event"),
    path("<uuid:device_id>/enrolment-code/", views.enrolment_code, name="fleet-enrolment-code"),
]

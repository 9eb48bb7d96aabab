"""Back-office pages for the stopsearch app (views in office/stopsearch_views.py)."""

from django.urls import path

from frontline.office import stopsearch_views as views

urlpatterns = [
    path("", views.stop_searches, name="stop-searches"),
    path("statistics/", views.statistics, name="stop-search-statistics"),
    path("receipt/<str:token>/", views.receipt, name="stop-search-receipt"),
    path("<uuid:record_id>/", views.stop_search, name="stop-search"),
]

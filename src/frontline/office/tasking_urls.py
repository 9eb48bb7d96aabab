"""Back-office pages for the tasking app (views in office/tasking_views.py)."""

from django.urls import path

from frontline.office import tasking_views as views

urlpatterns = [
    path("", views.tasking, name="tasking"),
    path("briefings/", views.briefing_create, name="briefing-create"),
    path("briefings/<uuid:briefing_id>/", views.briefing, name="briefing"),
    path("tasks/", views.task_create, name="task-create"),
]

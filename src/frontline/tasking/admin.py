from django.contrib import admin

from frontline.tasking.models import Briefing, BriefingRead, Task, TaskUpdate


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    """Read-only here: briefings are written in the back office, so they reach devices."""

    list_display = ["title", "team", "station", "valid_from", "valid_to", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Read-only here: tasks are set in the back office and updated by officers."""

    list_display = ["title", "officer", "team", "status", "due_at", "version"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(BriefingRead)
admin.site.register(TaskUpdate)

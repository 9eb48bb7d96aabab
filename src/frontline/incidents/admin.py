from django.contrib import admin

from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IncidentReport)
class IncidentReportAdmin(ReadOnlyAdmin):
    list_display = ["id", "author", "category", "status", "version", "occurred_from"]
    list_filter = ["status", "category"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "author", "submitted_at"]


@admin.register(ReportReview)
class ReportReviewAdmin(ReadOnlyAdmin):
    list_display = ["report", "decision", "reviewer", "decided_at"]

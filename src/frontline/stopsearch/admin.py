from django.contrib import admin

from frontline.stopsearch.models import StopSearch


@admin.register(StopSearch)
class StopSearchAdmin(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    list_display = ["urn", "officer", "type", "occurred_at", "legislation", "outcome"]
    list_filter = ["type", "outcome", "legislation"]
    exclude = ["person_name", "person_address", "person_date_of_birth", "receipt_token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from frontline.notebook.models import NotebookEntry


@admin.register(NotebookEntry)
class NotebookEntryAdmin(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    list_display = ["officer", "seq", "kind", "occurred_at", "recorded_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

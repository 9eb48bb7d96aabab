from django.contrib import admin

from frontline.statements.models import Statement


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Read-only and without the restricted rear page: the back office logs who reads that."""

    list_display = ["urn", "taken_by_collar", "signed_at", "recorded_at"]
    fields = ["id", "urn", "taken_by_collar", "signed_at", "recorded_at", "content_hash"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

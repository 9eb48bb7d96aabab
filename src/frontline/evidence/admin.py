from django.contrib import admin

from frontline.evidence.models import CustodyEvent, EvidenceItem


class _ReadOnly(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvidenceItem)
class EvidenceItemAdmin(_ReadOnly):
    list_display = ["id", "officer", "record_type", "media_type", "captured_at", "received_at"]
    list_filter = ["record_type", "media_type"]


@admin.register(CustodyEvent)
class CustodyEventAdmin(_ReadOnly):
    list_display = ["item", "seq", "action", "at", "actor"]
    list_filter = ["action"]

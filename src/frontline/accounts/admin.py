from django.contrib import admin

from frontline.accounts.models import Device, Officer, Station, Team


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "address"]
    search_fields = ["code", "name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "station"]
    list_filter = ["station"]

    # Kept, as officers and devices are: the change feed names the team each change was shared
    # with, and has no index on it to look one team's changes up (decision 4, thirteenth-session
    # amendment), so deleting would scan the whole feed to be refused.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["collar_number", "given_name", "family_name", "rank", "team", "is_active"]
    list_filter = ["is_active", "station", "team"]
    search_fields = ["collar_number", "family_name"]
    # Passwords, lockout and revocation go through the services (and the audit trail), not here.
    readonly_fields = [
        "password",
        "last_login",
        "failed_sign_ins",
        "locked_until",
        "revoked_at",
        "is_active",
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ["label", "platform", "app_version", "enrolled_at", "last_seen_at", "revoked_at"]
    readonly_fields = [
        "credential_hash",
        "enrolled_at",
        "last_seen_at",
        "revoked_at",
        "revoked_reason",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

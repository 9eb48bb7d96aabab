"""Admin: reference data (catalogue, kit profiles, compliance policy) is edited here; the
register is read-only because its status changes only through lifecycle events."""

from django.contrib import admin

from frontline.devices.models import (
    CompliancePolicy,
    DeviceModel,
    FleetDevice,
    KitProfile,
    LifecycleEvent,
    OfficerKitProfile,
)


@admin.register(DeviceModel)
class DeviceModelAdmin(admin.ModelAdmin):
    list_display = ["make", "name", "platform", "form_factor", "unit_cost_pence"]
    list_filter = ["platform", "form_factor"]


@admin.register(KitProfile)
class KitProfileAdmin(admin.ModelAdmin):
    list_display = ["role"]
    filter_horizontal = ["device_models"]


@admin.register(OfficerKitProfile)
class OfficerKitProfileAdmin(admin.ModelAdmin):
    list_display = ["officer", "profile"]
    raw_id_fields = ["officer"]


@admin.register(CompliancePolicy)
class CompliancePolicyAdmin(admin.ModelAdmin):
    list_display = ["minimum_app_version", "contact_within_days", "silent_after_days"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FleetDevice)
class FleetDeviceAdmin(ReadOnly):
    list_display = ["asset_tag", "model", "status", "station", "assigned_officer"]
    list_filter = ["status", "model"]
    search_fields = ["asset_tag", "serial_number", "imei"]


@admin.register(LifecycleEvent)
class LifecycleEventAdmin(ReadOnly):
    list_display = ["device", "event", "at", "actor", "officer"]
    list_filter = ["event"]

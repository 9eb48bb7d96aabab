"""Reference data in the Django admin. Saving recomputes the derived search fields. The
consultation log is read-only: auditors read it in the back office."""

from django.contrib import admin

from frontline.checks import names, services
from frontline.checks.models import (
    Check,
    Location,
    LocationMarker,
    Marker,
    OfficerPersonalDetails,
    Person,
    PersonAlias,
    PersonMarker,
    Vehicle,
)


@admin.register(Marker)
class MarkerAdmin(admin.ModelAdmin):
    list_display = ["code", "description", "valid_from", "valid_to"]
    search_fields = ["code", "description"]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class PersonMarkerInline(admin.TabularInline):
    model = PersonMarker
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "date_of_birth", "wanted", "missing", "station"]
    list_filter = ["wanted", "missing", "station"]
    search_fields = ["source_id", "family_name", "given_name"]
    inlines = [PersonAliasInline, PersonMarkerInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.person_keys_rebuild([form.instance.pk])


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["registration", "make", "model", "colour", "stolen", "of_interest"]
    list_filter = ["stolen", "no_insurance", "no_mot", "of_interest"]
    search_fields = ["source_id", "plate"]
    exclude = ["plate", "plate_folded", "plate_folded_reversed"]
    raw_id_fields = ["keeper"]

    def save_model(self, request, obj, form, change):
        for name, value in services.vehicle_plate_forms(obj.registration).items():
            setattr(obj, name, value)
        super().save_model(request, obj, form, change)


class LocationMarkerInline(admin.TabularInline):
    model = LocationMarker
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["address", "postcode", "station"]
    search_fields = ["source_id", "address", "postcode"]
    exclude = ["address_folded", "postcode_normal"]
    inlines = [LocationMarkerInline]

    def save_model(self, request, obj, form, change):
        obj.address_folded = " ".join(names.fold(obj.address).split())
        obj.postcode = obj.postcode.upper().strip()
        obj.postcode_normal = obj.postcode.replace(" ", "")
        super().save_model(request, obj, form, change)


@admin.register(OfficerPersonalDetails)
class OfficerPersonalDetailsAdmin(admin.ModelAdmin):
    list_display = ["officer"]
    raw_id_fields = ["officer"]


@admin.register(Check)
class CheckAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence of who looked at what, and why."""

    list_display = ["at", "officer", "kind", "reason", "result_count", "origin"]
    list_filter = ["kind", "reason", "origin"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

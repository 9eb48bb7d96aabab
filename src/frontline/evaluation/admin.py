from django.contrib import admin

from frontline.evaluation.models import (
    Benefit,
    CostEntry,
    Criterion,
    Option,
    Programme,
    RolloutPhase,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "starts_on", "ends_on", "devices_issued"]


@admin.register(CostEntry)
class CostEntryAdmin(admin.ModelAdmin):
    """Read-only: ledger lines are added through the back office or an import, both audited."""

    list_display = ["programme", "category", "nature", "amount_pence", "spent_on", "supplier"]
    list_filter = ["programme", "category", "nature"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Benefit, Option, Criterion, RolloutPhase):
    admin.site.register(model)

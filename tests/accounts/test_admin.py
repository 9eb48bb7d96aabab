"""The Django admin's part in accounts: what it may not do."""

from django.contrib import admin
from django.test import RequestFactory

from frontline.accounts.models import Device, Officer, Station, Team


def test_teams_officers_and_devices_cannot_be_deleted_even_by_a_superuser(admin_officer, team):
    request = RequestFactory().get("/admin/")
    request.user = admin_officer  # an admin officer holds every permission
    assert admin_officer.has_perm("accounts.delete_team")
    # The change feed keeps no index on team, so finding a team's changes would scan it.
    for model in (Team, Officer, Device):
        assert not admin.site._registry[model].has_delete_permission(request, None), model
    # The refusal is the admin's own, not the user's: a station may still be deleted.
    assert admin.site._registry[Station].has_delete_permission(request, None)

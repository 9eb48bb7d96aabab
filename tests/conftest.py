"""Shared fixtures: the people every test talks about, enrolled devices, and API clients."""

import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, settings

from frontline.accounts import roles
from frontline.accounts.models import Station, Team
from frontline.accounts.services import (
    device_enrol,
    device_sign_in,
    enrolment_code_issue,
    officer_create,
)

settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (tested in test_settings); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _rate_limits_start_fresh():
    # Rate-limit counters live in the cache; every test starts with none spent.
    cache.clear()


@pytest.fixture
def station(db):
    return Station.objects.create(code="HS", name="Hammersmith")


@pytest.fixture
def team(station):
    return Team.objects.create(station=station, name="Response Team A")


@pytest.fixture
def other_team(station):
    return Team.objects.create(station=station, name="Response Team B")


def _person(collar, family, officer_roles, station, team):
    return officer_create(
        collar_number=collar,
        given_name="Test",
        family_name=family,
        password=PASSWORD,
        officer_roles=officer_roles,
        station=station,
        team=team,
    )


@pytest.fixture
def officer(station, team):
    return _person("PC1", "Officer", [roles.OFFICER], station, team)


@pytest.fixture
def team_mate(station, team):
    return _person("PC2", "Teammate", [roles.OFFICER], station, team)


@pytest.fixture
def other_officer(station, other_team):
    return _person("PC3", "Outsider", [roles.OFFICER], station, other_team)


@pytest.fixture
def supervisor(station, team):
    return _person("PS1", "Sergeant", [roles.OFFICER, roles.SUPERVISOR], station, team)


@pytest.fixture
def other_supervisor(station, other_team):
    return _person("PS2", "Othersergeant", [roles.OFFICER, roles.SUPERVISOR], station, other_team)


@pytest.fixture
def fleet_manager(station):
    return _person("ST1", "Fleet", [roles.FLEET_MANAGER], station, None)


@pytest.fixture
def evaluator(station):
    return _person("ST2", "Evaluator", [roles.EVALUATOR], station, None)


@pytest.fixture
def auditor(station):
    return _person("ST3", "Auditor", [roles.AUDITOR], station, None)


@pytest.fixture
def admin_officer(station):
    return _person("ST4", "Admin", [roles.ADMIN], station, None)


@dataclass
class Api:
    """A device-bound API client: the officer's token plus the device's credential."""

    client: Client
    token: str | None = None
    credential: str | None = None
    device: object = None
    officer: object = None

    def headers(self) -> dict:
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.credential:
            headers["X-Device-Credential"] = self.credential
        return headers

    def get(self, path, params=None):
        return self.client.get(path, params or {}, headers=self.headers())

    def post(self, path, body=None):
        return self.client.post(
            path,
            body if body is not None else {},
            content_type="application/json",
            headers=self.headers(),
        )

    def request(self, method, path, body=None):
        if method == "GET":
            return self.get(path, body)
        return getattr(self.client, method.lower())(
            path,
            body if body is not None else {},
            content_type="application/json",
            headers=self.headers(),
        )


def enrolled_device(label="test device"):
    issued = enrolment_code_issue(actor=None, label=label)
    return device_enrol(code=issued.code, app_version="1.0.0")


def api_for(officer) -> Api:
    device, credential = enrolled_device()
    issued = device_sign_in(device=device, collar_number=officer.collar_number, password=PASSWORD)
    return Api(Client(), issued.token, credential, device, officer)


@pytest.fixture
def api_factory(db):
    return api_for


@pytest.fixture
def anonymous_api(db):
    return Api(Client())


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of `make test`")

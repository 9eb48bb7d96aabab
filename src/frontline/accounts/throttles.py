"""Rate limits per client address on sign-in and enrolment (rates in settings)."""

from django.conf import settings
from ninja.throttling import AnonRateThrottle


class _RateFromSettings(AnonRateThrottle):
    """Reads its rate from settings on every request, so a changed setting applies at once."""

    def allow_request(self, request) -> bool:
        self.rate = settings.NINJA_DEFAULT_THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class SignInThrottle(_RateFromSettings):
    """Password guessing across many officers from one address; a station's shift change signs
    in many officers through one NAT address, so the default is generous (120 a minute)."""

    scope = "sign_in"


class EnrolmentThrottle(_RateFromSettings):
    """Guessing one-time enrolment codes."""

    scope = "enrolment"


class ChecksThrottle(_RateFromSettings):
    """Person, vehicle and location checks per officer (not per address: many officers share a
    station's address), so one account cannot trawl the reference data."""

    scope = "checks"

    def get_cache_key(self, request):
        officer = getattr(request, "officer", None)
        if officer is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": officer.pk}

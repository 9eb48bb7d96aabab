"""Why a check was made. Every check states one (DPA 2018 s62)."""

from frontline.common.errors import InvalidInput
from frontline.common.text import has_control_characters

REASONS = {
    "stop_account": "Stop and account",
    "stop_search": "Stop and search",
    "incident": "Incident",
    "intelligence": "Intelligence",
    "traffic": "Traffic",
    "other": "Other",
}
REASON_TEXT_MAX = 300
OTHER_TEXT_MIN = 5


def reason_clean(reason: str | None, text: str | None) -> tuple[str, str]:
    """The reason code and its free text, or a clear error naming the field."""
    if not reason:
        raise InvalidInput("reason_required", "say why you are making this check", field="reason")
    if reason not in REASONS:
        raise InvalidInput(
            "invalid_reason", "the reason must be one of: " + ", ".join(REASONS), field="reason"
        )
    text = (text or "").strip()
    if len(text) > REASON_TEXT_MAX:
        raise InvalidInput(
            "too_long",
            f"the reason text may be at most {REASON_TEXT_MAX} characters",
            field="reason_text",
        )
    if has_control_characters(text):
        raise InvalidInput(
            "control_characters",
            "the reason text contains control characters",
            field="reason_text",
        )
    if reason == "other" and len(text) < OTHER_TEXT_MIN:
        raise InvalidInput(
            "reason_text_required", "with 'other', say why in a few words", field="reason_text"
        )
    return reason, text


def reason_justification(reason: str, text: str) -> str:
    """The audit trail's justification line: the reason's name and the officer's words."""
    label = REASONS[reason]
    return f"Check: {label}" + (f": {text}" if text else "")

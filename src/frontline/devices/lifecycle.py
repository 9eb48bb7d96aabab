"""The device lifecycle as a state machine: which event may happen in which state, and where it
leads. Pure: no database, so the rules can be property-tested on their own."""

from dataclasses import dataclass

from frontline.common.errors import Conflict

# States
IN_STOCK = "in_stock"
ISSUED = "issued"
IN_REPAIR = "in_repair"
LOST = "lost"
STOLEN = "stolen"
REPLACED = "replaced"
RETIRED = "retired"
DISPOSED = "disposed"

STATES = (IN_STOCK, ISSUED, IN_REPAIR, LOST, STOLEN, REPLACED, RETIRED, DISPOSED)
STATE_LABELS = {
    IN_STOCK: "In stock",
    ISSUED: "Issued",
    IN_REPAIR: "In repair",
    LOST: "Lost",
    STOLEN: "Stolen",
    REPLACED: "Replaced",
    RETIRED: "Retired",
    DISPOSED: "Disposed",
}

# Events
RECEIVED = "received"
ISSUE = "issued"
RETURN = "returned"
SEND_FOR_REPAIR = "sent_for_repair"
REPAIRED = "repaired"
REPLACE = "replaced"
MARK_LOST = "lost"
MARK_STOLEN = "stolen"
FOUND = "found"
RETIRE = "retired"
DISPOSE = "disposed"


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset[str]
    target: str


# `received` starts a device's life, so it has no source state: it is applied only on creation.
TRANSITIONS: dict[str, Transition] = {
    RECEIVED: Transition("Received into stock", frozenset(), IN_STOCK),
    ISSUE: Transition("Issued to an officer", frozenset({IN_STOCK}), ISSUED),
    RETURN: Transition("Returned to stock", frozenset({ISSUED}), IN_STOCK),
    SEND_FOR_REPAIR: Transition("Sent for repair", frozenset({IN_STOCK, ISSUED}), IN_REPAIR),
    REPAIRED: Transition("Repaired, back in stock", frozenset({IN_REPAIR}), IN_STOCK),
    REPLACE: Transition(
        "Replaced by another device", frozenset({ISSUED, IN_REPAIR, LOST, STOLEN}), REPLACED
    ),
    MARK_LOST: Transition("Lost", frozenset({IN_STOCK, ISSUED}), LOST),
    MARK_STOLEN: Transition("Stolen", frozenset({IN_STOCK, ISSUED}), STOLEN),
    FOUND: Transition("Found, back in stock", frozenset({LOST, STOLEN}), IN_STOCK),
    RETIRE: Transition(
        "Retired from service", frozenset({IN_STOCK, IN_REPAIR, LOST, STOLEN, REPLACED}), RETIRED
    ),
    DISPOSE: Transition("Disposed of, data sanitised", frozenset({RETIRED}), DISPOSED),
}
EVENTS = tuple(TRANSITIONS)

# States in which a device is part of the working fleet (counted for compliance and rates).
IN_SERVICE = frozenset({IN_STOCK, ISSUED, IN_REPAIR})
# States in which an app install bound to the device must not work.
CUT_OFF = frozenset({LOST, STOLEN, RETIRED, DISPOSED})


def events_allowed(state: str) -> list[str]:
    """The events that may happen to a device in `state`, in a fixed order."""
    return [name for name, step in TRANSITIONS.items() if state in step.sources]


def transition_target(state: str, event: str) -> str:
    """The state `event` leads to from `state`, or a Conflict listing what is allowed."""
    step = TRANSITIONS.get(event)
    if step is None:
        raise Conflict(
            "unknown_event",
            f"unknown event {event!r}: use one of {', '.join(EVENTS)}",
            field="event",
        )
    if state not in step.sources:
        allowed = events_allowed(state)
        raise Conflict(
            "illegal_transition",
            f"a device that is {STATE_LABELS.get(state, state).lower()} cannot be {event}; "
            f"allowed: {', '.join(allowed) if allowed else 'nothing (its life is over)'}",
            field="event",
        )
    return step.target

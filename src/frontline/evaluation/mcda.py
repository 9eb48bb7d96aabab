"""Multi-criteria decision analysis: 0-100 value scores, swing weights, weighted sums, the
value-for-money frontier, and the weight change that would flip the top option.

Exact fractions throughout; cost is never a criterion, it is shown against the score.
"""

from dataclasses import dataclass
from fractions import Fraction

SCORE_MIN = Fraction(0)
SCORE_MAX = Fraction(100)


class MCDAError(ValueError):
    """Input that cannot be scored. `field` names it."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


def linear_value(*, raw: Fraction, worst: Fraction, best: Fraction) -> Fraction:
    """A measured value on a 0-100 scale: worst scores 0, best 100, straight line between.

    `best` may be below `worst` (less is better, e.g. failure rate). A value beyond either end
    is refused: widen the range rather than score past it.
    """
    raw, worst, best = Fraction(raw), Fraction(worst), Fraction(best)
    if worst == best:
        raise MCDAError("worst and best must differ", field="best")
    if not min(worst, best) <= raw <= max(worst, best):
        raise MCDAError("the measured value lies outside the criterion's range", field="value")
    return 100 * (raw - worst) / (best - worst)


def score_check(score: Fraction, *, field: str = "score") -> Fraction:
    score = Fraction(score)
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise MCDAError("a value score must be between 0 and 100", field=field)
    return score


def weights_normalise(swings: dict[str, Fraction]) -> dict[str, Fraction]:
    """Swing weights scaled to sum to 1. Each must be 0 or more and at least one above 0."""
    if not swings:
        raise MCDAError("give at least one criterion", field="weights")
    for name, swing in swings.items():
        if Fraction(swing) < 0:
            raise MCDAError(f"the swing weight of {name!r} is negative", field="weights")
    total = sum((Fraction(s) for s in swings.values()), Fraction(0))
    if total <= 0:
        raise MCDAError("swing weights sum to zero, so they cannot be normalised", field="weights")
    return {name: Fraction(swing) / total for name, swing in swings.items()}


def weighted_sum(*, weights: dict[str, Fraction], scores: dict[str, Fraction]) -> Fraction:
    """Sum of weight x score over the criteria. Every weighted criterion must have a score."""
    missing = sorted(set(weights) - set(scores))
    if missing:
        raise MCDAError(f"no score for {', '.join(missing)}", field="scores")
    return sum((weights[name] * score_check(scores[name]) for name in weights), Fraction(0))


def dominated(points: dict[str, tuple[Fraction, Fraction]]) -> set[str]:
    """Options with another option at no more cost and no less value, better in one of them.

    `points` maps option -> (cost, value).
    """
    out = set()
    for name, (cost, value) in points.items():
        for other, (other_cost, other_value) in points.items():
            if other == name:
                continue
            if (
                other_cost <= cost
                and other_value >= value
                and (other_cost < cost or other_value > value)
            ):
                out.add(name)
                break
    return out


@dataclass(frozen=True)
class Flip:
    """Moving `criterion`'s weight from `weight_from` to `weight_to` (others rescaled in
    proportion) makes `new_leader` score level with the current leader."""

    criterion: str
    weight_from: Fraction
    weight_to: Fraction
    new_leader: str

    @property
    def change(self) -> Fraction:
        return self.weight_to - self.weight_from


def ranking(*, weights: dict[str, Fraction], scores: dict[str, dict[str, Fraction]]) -> list:
    """(option, total) pairs, best first; ties keep the given order."""
    totals = [(name, weighted_sum(weights=weights, scores=s)) for name, s in scores.items()]
    return sorted(totals, key=lambda pair: -pair[1])


def weight_flips(
    *, weights: dict[str, Fraction], scores: dict[str, dict[str, Fraction]]
) -> list[Flip]:
    """For each criterion, the smallest move of its weight that lets another option draw level
    with the leader (the other weights keep their proportions and the total stays 1).

    With criterion k at weight w and the rest scaled by (1-w)/(1-w_k), an option's total is
    linear in w, so the crossing point solves one linear equation per rival.
    """
    order = ranking(weights=weights, scores=scores)
    if len(order) < 2:
        return []
    leader = order[0][0]
    flips = []
    for k, w_k in weights.items():
        best = None
        for rival in scores:
            if rival == leader:
                continue
            crossing = _crossing(k, w_k, weights, scores[leader], scores[rival])
            if crossing is None:
                continue
            if best is None or abs(crossing - w_k) < abs(best[0] - w_k):
                best = (crossing, rival)
        if best is not None:
            flips.append(Flip(k, w_k, best[0], best[1]))
    return sorted(flips, key=lambda flip: abs(flip.change))


def _crossing(k, w_k, weights, lead, rival) -> Fraction | None:
    # total_j(w) = w*v_jk + (1-w)/(1-w_k) * R_j, where R_j = sum over i != k of w_i v_ji
    def rest(scores):
        return sum((weights[i] * Fraction(scores[i]) for i in weights if i != k), Fraction(0))

    if w_k == 1:
        return None  # nothing else carries weight to trade against
    r_lead, r_rival = rest(lead) / (1 - w_k), rest(rival) / (1 - w_k)
    v_lead, v_rival = Fraction(lead[k]), Fraction(rival[k])
    # w*(v_lead - r_lead) + r_lead == w*(v_rival - r_rival) + r_rival
    slope = (v_lead - r_lead) - (v_rival - r_rival)
    if slope == 0:
        return None
    w = (r_rival - r_lead) / slope
    if not 0 <= w <= 1 or w == w_k:
        return None
    return w

"""Multi-criteria scoring: a worked example, swing-weight normalisation, value functions,
dominance and the weight change that flips the leader."""

from fractions import Fraction

import pytest

from frontline.evaluation import mcda

# Worked by hand. Swings 100 / 60 / 40 normalise to 0.5 / 0.3 / 0.2.
#   A: 0.5x80 + 0.3x40 + 0.2x100 = 40 + 12 + 20 = 72
#   B: 0.5x60 + 0.3x90 + 0.2x50  = 30 + 27 + 10 = 67
#   C: 0.5x20 + 0.3x50 + 0.2x30  = 10 + 15 + 6  = 31
SWINGS = {"role fit": 100, "battery": 60, "security updates": 40}
SCORES = {
    "A": {"role fit": 80, "battery": 40, "security updates": 100},
    "B": {"role fit": 60, "battery": 90, "security updates": 50},
    "C": {"role fit": 20, "battery": 50, "security updates": 30},
}


def test_swing_weights_normalise_to_one():
    weights = mcda.weights_normalise(SWINGS)
    assert weights == {
        "role fit": Fraction(1, 2),
        "battery": Fraction(3, 10),
        "security updates": Fraction(1, 5),
    }
    assert sum(weights.values()) == 1


@pytest.mark.parametrize("swings", [{"a": 0, "b": 0}, {"a": -10, "b": 20}, {}])
def test_weights_that_do_not_normalise_are_refused(swings):
    with pytest.raises(mcda.MCDAError) as caught:
        mcda.weights_normalise(swings)
    assert caught.value.field == "weights"


def test_worked_example_weighted_sums_and_ranking():
    weights = mcda.weights_normalise(SWINGS)
    assert mcda.ranking(weights=weights, scores=SCORES) == [
        ("A", Fraction(72)),
        ("B", Fraction(67)),
        ("C", Fraction(31)),
    ]


@pytest.mark.parametrize("score", [-1, Fraction(1001, 10)])
def test_scores_outside_zero_to_one_hundred_are_refused(score):
    weights = mcda.weights_normalise({"a": 1})
    with pytest.raises(mcda.MCDAError, match="between 0 and 100"):
        mcda.weighted_sum(weights=weights, scores={"a": score})


def test_linear_value_function_maps_worst_to_zero_and_best_to_one_hundred():
    # Battery hours per shift, worst 4 h, best 12 h: 10 h scores 100 x 6/8 = 75
    assert mcda.linear_value(raw=10, worst=4, best=12) == 75
    # Failure rate, less is better: worst 10%, best 1%; 4% scores 100 x (4-10)/(1-10) = 66.67
    assert mcda.linear_value(raw=4, worst=10, best=1) == Fraction(200, 3)
    with pytest.raises(mcda.MCDAError, match="outside"):
        mcda.linear_value(raw=13, worst=4, best=12)


def test_dominated_options_are_marked():
    # C costs more than B and scores less: dominated. A costs most but scores most: not.
    points = {"A": (300, 72), "B": (200, 67), "C": (250, 31)}
    assert mcda.dominated(points) == {"C"}


def test_weight_flips_give_the_smallest_change_that_lets_another_option_draw_level():
    # Raising battery's weight w (others scaled by (1-w)/0.7):
    #   A(w) = 40w + 600/7 (1-w),  B(w) = 90w + 400/7 (1-w)  ->  equal at w = 4/11
    weights = mcda.weights_normalise(SWINGS)
    flips = mcda.weight_flips(weights=weights, scores=SCORES)
    first = flips[0]
    assert (first.criterion, first.weight_to, first.new_leader) == ("battery", Fraction(4, 11), "B")
    assert first.change == Fraction(7, 110)
    # Role fit must fall from 1/2 to 1/3 (A = 64 + 16w, B = 74 - 14w); security updates to 1/9
    others = {flip.criterion: flip.weight_to for flip in flips[1:]}
    assert others == {"role fit": Fraction(1, 3), "security updates": Fraction(1, 9)}
    # At the flip point the two options really are level
    moved = {
        name: (first.weight_to if name == "battery" else w * (1 - first.weight_to) / (1 - w_b))
        for name, w in weights.items()
        for w_b in [weights["battery"]]
    }
    assert mcda.weighted_sum(weights=moved, scores=SCORES["A"]) == mcda.weighted_sum(
        weights=moved, scores=SCORES["B"]
    )

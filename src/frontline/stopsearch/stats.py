"""Monthly statistics: counts, never people. Four grouped queries whatever the month holds."""

from dataclasses import dataclass

from django.db.models import Count, Q

from frontline.stopsearch import selectors, vocab

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class MonthStatistics:
    month: str
    total: int
    by_ethnicity: list[tuple[str, int]]  # (data.police.uk text, count), in code order
    by_object: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    linked: int  # outcome linked to the object of search
    arrests: int

    @property
    def arrest_rate(self) -> float:
        """Arrests per hundred searches, to one decimal place."""
        return round(100 * self.arrests / self.total, 1) if self.total else 0.0

    @property
    def linked_rate(self) -> float:
        return round(100 * self.linked / self.total, 1) if self.total else 0.0


def stop_search_statistics(*, month: str, team_id=None) -> MonthStatistics:
    """The month's figures, force-wide or for one team."""
    records = selectors.stop_searches_in_month(month=month, team_id=team_id).order_by()
    ethnicity = _counts(records, "self_defined_ethnicity")
    objects = _counts(records, "object_of_search")
    outcomes = _counts(records, "outcome")
    totals = records.aggregate(
        total=Count("id"),
        linked=Count("id", filter=Q(outcome_linked_to_object_of_search=True)),
        arrests=Count("id", filter=Q(outcome=vocab.ARREST)),
    )
    by_ethnicity = [
        (text, ethnicity[code])
        for code, text in vocab.SELF_DEFINED_ETHNICITY.items()
        if ethnicity.get(code)
    ]
    if ethnicity.get(""):
        by_ethnicity.append((NOT_RECORDED, ethnicity[""]))
    return MonthStatistics(
        month=month,
        total=totals["total"],
        by_ethnicity=by_ethnicity,
        by_object=[(name, objects[name]) for name in vocab.OBJECTS_OF_SEARCH if objects.get(name)],
        by_outcome=[(name, outcomes[name]) for name in vocab.OUTCOMES if outcomes.get(name)],
        linked=totals["linked"],
        arrests=totals["arrests"],
    )


def _counts(records, column: str) -> dict[str, int]:
    return {row[column]: row["n"] for row in records.values(column).annotate(n=Count("id"))}

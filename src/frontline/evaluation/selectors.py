"""Reading programmes and their ledger. Fixed query counts."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Sum

from frontline.evaluation import greenbook
from frontline.evaluation.models import CATEGORIES, NATURES, CostEntry, Programme, RolloutPhase


@dataclass(frozen=True)
class LedgerTotals:
    by_category: list[tuple[str, int]]  # (label, pence), in category order, non-zero only
    by_nature: list[tuple[str, int]]
    total: int
    entries: int
    devices: int

    @property
    def per_device(self) -> int | None:
        """Total over the devices issued, in whole pence, rounded half up."""
        return greenbook.pence(Fraction(self.total, self.devices)) if self.devices else None

    def share(self, pence: int) -> float:
        return pence / self.total if self.total else 0.0


def programmes_list():
    return list(Programme.objects.annotate(cost_entries=Count("costs")).order_by("-starts_on"))


def programme_get(*, slug: str) -> Programme | None:
    return Programme.objects.filter(slug=slug).first()


def programme_get_by_id(*, programme_id) -> Programme | None:
    return Programme.objects.filter(pk=programme_id).first()


def ledger_entries(*, programme, limit: int = 500) -> list[CostEntry]:
    return list(CostEntry.objects.filter(programme=programme).order_by("spent_on", "id")[:limit])


def ledger_totals(*, programme) -> LedgerTotals:
    """Totals by category and by capital or running: one grouped query."""
    rows = list(
        CostEntry.objects.filter(programme=programme)
        .values("category", "nature")
        .annotate(pence=Sum("amount_pence"), n=Count("id"))
        .order_by()
    )
    category, nature = {}, {}
    for row in rows:
        category[row["category"]] = category.get(row["category"], 0) + row["pence"]
        nature[row["nature"]] = nature.get(row["nature"], 0) + row["pence"]
    return LedgerTotals(
        by_category=[(label, category[key]) for key, label in CATEGORIES if category.get(key)],
        by_nature=[(label, nature[key]) for key, label in NATURES if nature.get(key)],
        total=sum(category.values()),
        entries=sum(row["n"] for row in rows),
        devices=programme.devices_issued,
    )


def rollout_phases(*, programme) -> list[RolloutPhase]:
    return list(RolloutPhase.objects.filter(programme=programme).select_related("station"))

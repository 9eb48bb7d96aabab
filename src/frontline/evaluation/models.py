"""Programmes, their cost ledger, benefits register, options appraisal, multi-criteria scores
and rollout plan. Money is integer pence; rates and weights are exact decimals."""

from decimal import Decimal

from django.db import models

from frontline.common.ids import uuid7

PILOT = "pilot"
ROLLOUT = "rollout"
PROGRAMME_KINDS = [(PILOT, "Pilot"), (ROLLOUT, "Rollout")]

CATEGORIES = [
    ("hardware", "Hardware"),
    ("software_development", "Software development"),
    ("business_management", "Business and management"),
    ("licences", "Licences"),
    ("support", "Support"),
    ("connectivity", "Connectivity"),
    ("training", "Training"),
    ("other", "Other"),
]
CAPITAL = "capital"
RUNNING = "running"
NATURES = [(CAPITAL, "Capital"), (RUNNING, "Running")]

BAU = "bau"
DO_MINIMUM = "do_minimum"
HARDWARE = "hardware"
OPTION_KINDS = [
    (BAU, "Business as usual (paper)"),
    (DO_MINIMUM, "Do minimum"),
    (HARDWARE, "Hardware option"),
]

DIRECT = "direct"
LINEAR = "linear"
SCORING = [(DIRECT, "Direct 0-100 score"), (LINEAR, "Linear value function of a measure")]


class Programme(models.Model):
    """A pilot or rollout of mobile devices, with the parameters its appraisal uses."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    slug = models.SlugField(max_length=60, unique=True, help_text="used by `frontline evaluate`")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=PROGRAMME_KINDS, default=PILOT)
    area = models.CharField(max_length=160, blank=True)
    stations = models.ManyToManyField("accounts.Station", blank=True, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    device_models = models.CharField(max_length=300, blank=True, help_text="devices in use")
    devices_issued = models.PositiveIntegerField(default=0)
    devices_replaced = models.PositiveIntegerField(default=0)
    discount_rate = models.DecimalField(max_digits=6, decimal_places=4, default=Decimal("0.035"))
    appraisal_years = models.PositiveSmallIntegerField(default=10)
    optimism_bias = models.DecimalField(
        max_digits=5, decimal_places=3, default=Decimal("0"), help_text="capital uplift, 2 = +200%"
    )
    officer_hour_pence = models.PositiveIntegerField(
        default=0, help_text="value of an officer hour returned to the front line, pence"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class CostEntry(models.Model):
    """One line of the programme's cost ledger."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(max_length=24, choices=CATEGORIES)
    nature = models.CharField(max_length=10, choices=NATURES)
    amount_pence = models.BigIntegerField()
    spent_on = models.DateField()
    supplier = models.CharField(max_length=160, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="cost_entry_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.amount_pence}p on {self.spent_on}"


class Benefit(models.Model):
    """An entry in the benefits register: what should improve, from what, to what."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="benefits")
    description = models.CharField(max_length=300)
    measure = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, default="minutes")
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    claimed = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    metric = models.CharField(
        max_length=40, blank=True, help_text="measured usage metric that supplies the actual"
    )
    owner = models.CharField(max_length=160)
    cash_releasing = models.BooleanField(default=False)

    class Meta:
        ordering = ["description"]

    def __str__(self) -> str:
        return self.description


class Option(models.Model):
    """One option for one policing role, with its own lifecycle cost inputs."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="options")
    role = models.CharField(max_length=40, help_text="e.g. response, neighbourhood, CID")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=OPTION_KINDS, default=HARDWARE)
    device_model = models.CharField(max_length=120, blank=True)
    devices = models.PositiveIntegerField(default=0)
    unit_cost_pence = models.PositiveIntegerField(default=0)
    accessories_pence = models.PositiveIntegerField(default=0)
    life_years = models.PositiveSmallIntegerField(default=3)
    licence_pence_per_year = models.PositiveIntegerField(default=0, help_text="per device")
    support_pence_per_year = models.PositiveIntegerField(default=0, help_text="per device")
    connectivity_pence_per_year = models.PositiveIntegerField(default=0, help_text="per device")
    failure_rate = models.DecimalField(
        max_digits=5, decimal_places=4, default=Decimal("0"), help_text="share replaced a year"
    )
    other_running_pence_per_year = models.BigIntegerField(default=0, help_text="in total")
    minutes_saved_per_shift = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    shifts_per_year = models.PositiveSmallIntegerField(default=0, help_text="per device user")

    class Meta:
        ordering = ["role", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "role", "name"], name="option_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Criterion(models.Model):
    """A criterion of the multi-criteria scoring for one role, with its swing weight."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    role = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    swing = models.DecimalField(max_digits=6, decimal_places=2, help_text="raw swing weight")
    scoring = models.CharField(max_length=8, choices=SCORING, default=DIRECT)
    unit = models.CharField(max_length=40, blank=True)
    worst = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    best = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["role", "-swing", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "role", "name"], name="criterion_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Score(models.Model):
    """An option's value on a criterion: a 0-100 score, or the measure for a linear one."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(max_digits=12, decimal_places=4)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "criterion"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.value} on {self.criterion_id}"


class RolloutPhase(models.Model):
    """One phase of the rollout plan."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=120)
    station = models.ForeignKey(
        "accounts.Station", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=40)
    devices_planned = models.PositiveIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    budget_pence = models.BigIntegerField()

    class Meta:
        ordering = ["starts_on", "name"]

    def __str__(self) -> str:
        return self.name

from django.db import models


class Draft(models.Model):
    id = models.UUIDField(primary_key=True)
    owner = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    version = models.BigIntegerField(default=1)
    body = models.TextField()
    deleted = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"draft {self.id} v{self.version}"

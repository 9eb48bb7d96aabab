from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontline.accounts"
    label = "accounts"
    verbose_name = "Officers, stations and devices"

    def ready(self) -> None:
        from frontline.common.pgtime import utc_datetimes_for_postgresql

        utc_datetimes_for_postgresql()

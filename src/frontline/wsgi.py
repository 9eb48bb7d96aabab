"""WSGI entry point for the app server behind `frontline serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
application = get_wsgi_application()

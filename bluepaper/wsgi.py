"""WSGI entry point; gunicorn serves `bluepaper.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluepaper.settings.prod")

application = get_wsgi_application()

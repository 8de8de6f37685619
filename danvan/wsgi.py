import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
application = get_wsgi_application()

from danvan.core.keys import check_at_start  # noqa: E402 — needs the apps loaded above
from danvan.core.wsgi import with_body_timeout  # noqa: E402

check_at_start()  # a lost key stops the web server at start, with the key named
application = with_body_timeout(application)

"""Serve danvan on one machine: `make run` calls this.

The web server is gunicorn (threads, so one process serves several people at once) with
static files through WhiteNoise; ``--dev`` uses Django's auto-reloading development server.
"""

import os
import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve danvan on HOST:PORT (gunicorn; --dev for the auto-reloading development server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--dev", action="store_true", help="Django's development server")

    def handle(self, *args, host, port, dev, **options):
        if dev or settings.DEBUG:
            call_command("runserver", f"{host}:{port}")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        command = [gunicorn, "danvan.wsgi", "-c", str(settings.BASE_DIR / "gunicorn.conf.py")]
        command += ["--bind", f"{host}:{port}"]
        self.stdout.write(f"danvan: serving on http://{host}:{port}/ (Ctrl+C to stop)")
        try:
            subprocess.run(command, check=False)
        except KeyboardInterrupt:
            pass

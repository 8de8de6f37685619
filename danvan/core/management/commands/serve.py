"""Serve danvan on one machine: `make run` calls this.

Starts, together, the web server — gunicorn (threads, so one process serves several people at
once; static files through WhiteNoise), or with ``--dev`` Django's auto-reloading development
server — and one background worker with the embedded scheduler (Celery ``worker -B``). Stopping
the command (Ctrl+C) stops both.
"""

import os
import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def _bin(name: str) -> str:
    return shutil.which(name, path=os.path.dirname(sys.executable)) or name


class Command(BaseCommand):
    help = "Serve danvan on HOST:PORT with a background worker (--dev: development server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--dev", action="store_true", help="Django's development server")
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker")

    def handle(self, *args, host, port, dev, no_worker, **options):
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [_bin("celery"), "-A", "danvan", "worker", "-B", "--pool", "solo"]
                + ["--loglevel", "INFO", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME],
                cwd=settings.BASE_DIR,
            )
        try:
            if dev or settings.DEBUG:
                call_command("runserver", f"{host}:{port}", use_reloader=False)
            else:
                call_command("collectstatic", interactive=False, verbosity=0)
                command = [_bin("gunicorn"), "danvan.wsgi", "-c"]
                command += [str(settings.BASE_DIR / "gunicorn.conf.py"), "--bind", f"{host}:{port}"]
                self.stdout.write(f"danvan: serving on http://{host}:{port}/ (Ctrl+C to stop)")
                subprocess.run(command, check=False)
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()

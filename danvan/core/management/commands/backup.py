"""``manage.py backup [--output FILE] [--without-keys]``: one archive with the database, the
uploaded files, the keys and a manifest (danvan/core/backup.py). Works while people use the
site. Keep the archive as safe as the keys it holds, or back the keys up apart with
``--without-keys``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.core import backup


class Command(BaseCommand):
    help = "Back up the database, uploaded files and keys into one archive with a manifest."
    requires_system_checks: list = []  # must work when a key is missing, too

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the archive to write (.tar.gz)")
        parser.add_argument("--without-keys", action="store_true", help="leave the keys out")

    def handle(self, *args, output, without_keys, **options):
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"danvan-{stamp}.tar.gz"
        try:
            backup.backup(Path(output), with_keys=not without_keys, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc

"""``manage.py restore ARCHIVE --yes``: put a backup back (database, uploaded files, keys kept
in var/), then verify it — every table's row count, a real decryption of every key canary,
the uploaded files. Exits with an error when anything does not match."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core import backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` over this installation, then verify it."
    requires_system_checks: list = []  # restoring is how a missing key comes back

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="replace this installation's data without asking"
        )
        parser.add_argument(
            "--verify-only", action="store_true", help="only compare, change nothing"
        )

    def handle(self, *args, archive, yes, verify_only, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"no such archive: {path}")
        try:
            if verify_only:
                result = backup.verify(backup.read_manifest(path))
            else:
                if not yes:
                    raise CommandError(
                        "restore replaces the database, the uploaded files and the keys of this "
                        "installation: run it again with --yes"
                    )
                result = backup.restore(path, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        for line in result.lines:
            self.stdout.write(f"ok   {line}")
        for line in result.failures:
            self.stdout.write(f"FAIL {line}")
        if result.failures:
            raise CommandError(f"restore verification failed: {len(result.failures)} problem(s)")
        self.stdout.write(f"restore verified: {len(result.lines)} checks passed")

"""Fail when a user-facing string has no Vietnamese translation.

1. Every catalogue under LOCALE_PATHS: no untranslated and no fuzzy entry.
2. When GNU gettext is installed (CI installs it), extract the strings of the code and templates
   again into a scratch copy and fail on any string the committed catalogue lacks.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LANGUAGE = "vi"
DOMAINS = ("django",)


class Command(BaseCommand):
    help = (
        "Check that the Vietnamese catalogue is complete (and current, when gettext is installed)."
    )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        problems: list[str] = []
        for domain in DOMAINS:
            po_path = locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
            if not po_path.exists():
                raise CommandError(f"Missing catalogue {po_path}.")
            catalogue = polib.pofile(str(po_path))
            problems += [f"untranslated: {e.msgid!r}" for e in catalogue.untranslated_entries()]
            problems += [f"fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
            problems += self._missing_from_code(locale_dir, domain, catalogue)
        if problems:
            shown = "\n  ".join(problems[:50])
            more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
            raise CommandError(
                f"The {LANGUAGE} catalogue is incomplete ({len(problems)}):\n  {shown}{more}\n"
                "Run `make messages`, translate, and commit danvan/locale."
            )
        self.stdout.write(f"translations: the {LANGUAGE} catalogue is complete")

    def _missing_from_code(self, locale_dir: Path, domain: str, catalogue) -> list[str]:
        if not shutil.which("xgettext"):
            self.stdout.write(
                "translations: GNU gettext is not installed, so strings were not re-extracted "
                "(CI does it)"
            )
            return []
        known = {(e.msgctxt, e.msgid) for e in catalogue if e.msgstr or e.msgstr_plural}
        with tempfile.TemporaryDirectory() as scratch:
            # makemessages writes into every locale/ folder it walks past, so it runs on a
            # scratch copy of the sources: the committed catalogue is never touched.
            root = Path(scratch)
            shutil.copytree(
                Path(settings.BASE_DIR) / "danvan",
                root / "danvan",
                ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
            )
            shutil.copy(Path(settings.BASE_DIR) / "manage.py", root / "manage.py")
            copy = root / "danvan" / "locale"
            env = {
                **os.environ,
                "DANVAN_LOCALE_DIR": str(copy),
                "DANVAN_VAR_DIR": str(root / "var"),
            }
            subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", LANGUAGE, "-d", domain],
                cwd=root,
                env=env,
                check=True,
                capture_output=True,
            )
            fresh = polib.pofile(str(copy / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"))
            return [
                f"not in catalogue: {e.msgid!r} ({e.occurrences[0][0] if e.occurrences else '?'})"
                for e in fresh
                if not e.obsolete and (e.msgctxt, e.msgid) not in known
            ]

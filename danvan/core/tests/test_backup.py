"""``manage.py backup`` → ``manage.py restore`` on another machine → verified, with a key
rotation in between: every case is still found by its tracking code and its identity opens.
On SQLite always, on PostgreSQL when the tests run there."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)

SEED = r"""
import sys
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from danvan.petitions.cases import services as s
from danvan.accounts.models import Role, User
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.units.models import OrgUnit
from danvan.units.tests.factories import OrgUnitFactory, unit_type
unit = OrgUnit.objects.filter(name="Xã Trường Sơn").first() or OrgUnitFactory(
    name="Xã Trường Sơn", unit_type=unit_type("commune"))
official = User.objects.filter(username="canbo.backup").first()
if official is None:
    official = UserFactory(username="canbo.backup", home_unit=unit)
    grant(official, Role.OFFICIAL, unit)
case = s.case_receive(actor=official, unit=unit, kind="denunciation", channel="post",
    content="Tố cáo việc thu tiền sai quy định", received_on=timezone.localdate(),
    petitioner_name=NAME, petitioner_phone="0912 345 678",
    files=[SimpleUploadedFile("bang-chung.pdf", b"%PDF-1.4 bang chung " + NAME.encode())])
print(case.tracking_code)
"""

CHECK = r"""
from danvan.petitions.cases import selectors, services
for code in CODES:
    case = selectors.public_lookup(code, "0912345678")
    print(code, case is not None and services.read_identity_unaudited(case)["name"])
"""


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _shell(env, code):
    result = _manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _env(var: Path, database_url: str, **extra) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DANVAN_VAR_DIR": str(var),
        "DATABASE_URL": database_url,
        **extra,
    }


def _cycle(tmp_path, office_url: str, restored_url: str):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    office, other_pc = tmp_path / "office", tmp_path / "other-pc"
    office.mkdir()
    other_pc.mkdir()
    (office / "field_key").write_text(old_key)
    env = _env(office, office_url)
    assert _manage(env, "migrate", "--no-input", "-v", "0").returncode == 0
    first = _shell(env, "NAME = 'Người Tố Cáo Một'\n" + SEED)
    (office / "field_key").write_text(f"{new_key}\n{old_key}\n")  # rotation: new key first
    second = _shell(env, "NAME = 'Người Tố Cáo Hai'\n" + SEED)

    archive = tmp_path / "danvan-backup.tar.gz"
    made = _manage(env, "backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    assert archive.stat().st_mode & 0o777 == 0o600

    target = _env(other_pc, restored_url)
    restored = _manage(target, "restore", str(archive), "--yes")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "restore verified" in restored.stdout
    assert (
        "keys: 2 canaries decrypted" in restored.stdout or "canaries decrypted" in restored.stdout
    )
    assert _manage(target, "check").returncode == 0  # the restored keys open everything
    found = _shell(target, f"CODES = {[first, second]!r}\n" + CHECK)
    assert found.splitlines() == [f"{first} Người Tố Cáo Một", f"{second} Người Tố Cáo Hai"]
    return archive, target


def test_backup_restore_verify_with_rotated_keys_on_sqlite(tmp_path):
    archive, target = _cycle(
        tmp_path,
        f"sqlite:///{tmp_path / 'office' / 'danvan.sqlite3'}",
        f"sqlite:///{tmp_path / 'other-pc' / 'danvan.sqlite3'}",
    )
    # A restore that does not match is reported: a row deleted after the restore.
    _shell(
        target, "from danvan.petitions.models import CaseEvent; CaseEvent.objects.first().delete()"
    )
    check = _manage(target, "restore", str(archive), "--verify-only")
    assert check.returncode != 0 and "FAIL petitions_caseevent" in check.stdout


def test_restore_asks_before_replacing(tmp_path):
    result = _manage(_env(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}"), "restore", __file__)
    assert result.returncode != 0


@pytest.mark.django_db
def test_backup_restore_verify_on_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (set DATABASE_URL)")
    import psycopg

    s = connection.settings_dict
    base = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    names = [
        f"danvan_faults_backup_{uuid.uuid4().hex[:8]}",
        f"danvan_faults_restore_{uuid.uuid4().hex[:8]}",
    ]
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        _cycle(tmp_path, f"{base}/{names[0]}", f"{base}/{names[1]}")
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

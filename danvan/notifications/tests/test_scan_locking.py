"""One PC: the reminder scan no longer fails with "database is locked" when people write.

It used to keep a read cursor open over the deadlines while it wrote notices: on SQLite in WAL
mode that cursor pins an old snapshot, and the scan's first write after anyone else's commit
failed at once, whatever the busy timeout. Here, in a real SQLite file, another connection
commits while the scan is between two pages of deadlines.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

SCRIPT = r"""
import datetime as dt, sqlite3
from django.conf import settings
from django.utils import timezone
from danvan.accounts.models import User
from danvan.notifications import reminders, services
from danvan.notifications.models import Notification

inviter = User.objects.create(username="inviter", full_name="Người mời", email="a@example.vn")
expired = timezone.now() - dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, hours=2)
for n in range(6):
    user = User(username=f"moi{n}", full_name=f"Người {n}", email=f"m{n}@example.vn",
                invited_at=expired, invited_by=inviter)
    user.set_unusable_password()
    user.save()

path = settings.DATABASES["default"]["NAME"]
real_deliver = services.deliver
writes = []

def deliver(notices):
    other = sqlite3.connect(path, timeout=5)  # another person saves something meanwhile
    other.execute("INSERT INTO core_jobrun (key, done_at) VALUES (?, '2026-01-01 00:00:00')",
                  [f"someone-else-{len(writes)}"])
    other.commit()
    other.close()
    writes.append(len(notices))
    return real_deliver(notices)

services.deliver = deliver
result = reminders.scan(keys=["accounts.invitation"], chunk_size=2)
print("created", result.created, Notification.objects.count(), len(writes))
"""


@pytest.fixture
def office_db(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DANVAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'danvan.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return env


def test_the_scan_writes_while_others_write(office_db):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
        cwd=ROOT,
        env=office_db,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "database is locked" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["created", "6", "6", "3"]

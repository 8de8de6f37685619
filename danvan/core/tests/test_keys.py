"""A lost key stops danvan at start, naming the key, instead of a new key made in silence."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENCRYPT = (
    "from danvan.petitions.cases import crypto; from django.db import transaction\n"
    "with transaction.atomic(): crypto.encrypt('Nguyễn Văn Tố'); crypto.phone_digest('0912345678')"
)


def _run(env, *args, code=None):
    command = [sys.executable, "manage.py", *args] if code is None else [sys.executable, "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A one-PC install (SQLite in var/) with confidential data written under its key."""
    var = tmp_path_factory.mktemp("var")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DANVAN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}",
    }
    assert _run(env, "migrate", "--no-input", "-v", "0").returncode == 0
    done = _run(env, "shell", "--no-imports", "-c", ENCRYPT)
    assert done.returncode == 0, done.stderr
    return env, var


def test_with_its_key_the_install_starts(office):
    env, _ = office
    result = _run(env, "check")
    assert result.returncode == 0, result.stderr


def test_a_lost_field_key_stops_every_start_and_names_it(office):
    env, var = office
    key = (var / "field_key").read_text()
    (var / "field_key").unlink()
    try:
        check = _run(env, "check")
        assert check.returncode != 0
        assert "khóa trường" in check.stderr and "DANVAN_FIELD_KEYS" in check.stderr
        assert "var/field_key" in check.stderr or str(var / "field_key") in check.stderr
        assert not (var / "field_key").exists()  # the key made at this start is not kept
        web = _run(env, code="import danvan.wsgi")
        assert web.returncode != 0 and "danvan không khởi động" in web.stderr
        # the right key given in the environment: it starts again
        assert _run({**env, "DANVAN_FIELD_KEYS": key}, "check").returncode == 0
    finally:
        (var / "field_key").write_text(key)


def test_a_changed_digest_key_stops_the_start(office):
    env, var = office
    result = _run(
        {**env, "DANVAN_DIGEST_KEY": "another-digest-key-of-at-least-32-characters"}, "check"
    )
    assert result.returncode != 0
    assert "khóa băm" in result.stderr and "DANVAN_DIGEST_KEY" in result.stderr


def test_a_new_install_without_data_starts_with_new_keys(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DANVAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'danvan.sqlite3'}",
    }
    assert _run(env, "migrate", "--no-input", "-v", "0").returncode == 0
    (tmp_path / "field_key").unlink()
    assert _run(env, "check").returncode == 0

import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_production_settings_from_env_example_pass_check_deploy(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        **_env_example(),
        # the example's servers do not exist here; check --deploy needs no connection
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "DANVAN_VAR_DIR": str(tmp_path),
        "DANVAN_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_wrong_setting_stops_start_with_the_variable_named(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DANVAN_VAR_DIR": str(tmp_path), "DANVAN_DEBUG": "perhaps"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DANVAN_DEBUG must be a boolean" in result.stderr


def test_a_malformed_field_key_stops_start_with_the_variable_named(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DANVAN_VAR_DIR": str(tmp_path), "DANVAN_FIELD_KEYS": "abc"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DANVAN_FIELD_KEYS" in result.stderr


def test_without_field_keys_one_is_generated_once_and_kept(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DANVAN_VAR_DIR": str(tmp_path)}
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c"]
    show = "from django.conf import settings; print(settings.FIELD_ENCRYPTION_KEYS[0])"
    first = subprocess.run([*command, show], cwd=ROOT, env=env, capture_output=True, text=True)
    second = subprocess.run([*command, show], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() == (tmp_path / "field_key").read_text()
    assert (tmp_path / "field_key").stat().st_mode & 0o777 == 0o600

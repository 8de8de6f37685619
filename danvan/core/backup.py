"""Backup and restore of a whole installation: the database, the uploaded files and the keys,
in one archive with a manifest (``manage.py backup`` / ``manage.py restore``).

The database is copied consistently while people keep working: on SQLite with the online
backup API (a snapshot of the file), on PostgreSQL with ``pg_dump`` reading a snapshot
exported from a REPEATABLE READ transaction — the row counts written in the manifest are read
in that same snapshot, so a restore can check them exactly.

A restore puts everything back, then verifies: every table's row count against the manifest,
every key canary opens with the restored keys (a real decryption, danvan/core/keys.py), and
the uploaded files are all there with their sizes.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(RuntimeError):
    pass


def _tables(cursor_connection) -> list[str]:
    with cursor_connection.cursor() as cursor:
        return sorted(cursor_connection.introspection.table_names(cursor))


def _count(cursor, table: str, quote) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 — names from the catalogue
    return int(cursor.fetchone()[0])


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--host", s.get("HOST") or "localhost", "--port", str(s.get("PORT") or 5432)]
    args += ["--username", s.get("USER") or "postgres"]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".healthz-"))


def _key_files() -> dict[str, str]:
    """The keys as they are configured (environment or var/), one text file each."""
    return {
        "field_keys": "\n".join(settings.FIELD_ENCRYPTION_KEYS) + "\n",
        "digest_key": (
            settings.DIGEST_KEY.hex()
            if len(settings.DIGEST_KEY) == 32
            else settings.DIGEST_KEY.decode()
        )
        + "\n",
        "secret_key": settings.SECRET_KEY + "\n",
    }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mode: int = 0o600) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(output: Path, *, with_keys: bool = True, log=print) -> dict:
    """Write the archive ``output`` (.tar.gz); return its manifest."""
    from danvan.core import keys

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    manifest: dict = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "keys": {
            "field": [keys.fingerprint(k) for k in settings.FIELD_ENCRYPTION_KEYS],
            "digest": keys.fingerprint(settings.DIGEST_KEY),
            "included": with_keys,
        },
    }
    with tempfile.TemporaryDirectory(prefix="danvan-backup-") as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            dump = work_dir / SQLITE_NAME
            source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
            target = sqlite3.connect(dump)
            with target:
                source.backup(target)  # a consistent copy, readers and writers go on
            source.close()
            counts = {}
            for (table,) in target.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall():
                counts[table] = target.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            target.close()
            manifest["database"] = SQLITE_NAME
        elif connection.vendor == "postgresql":
            dump = work_dir / PG_NAME
            counts = _pg_dump_consistent(dump)
            manifest["database"] = PG_NAME
        else:
            raise BackupError(f"no backup for {connection.vendor}")
        manifest["tables"] = counts
        files = _media_files(media_root)
        manifest["media"] = {
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
        }
        log(f"database: {len(counts)} tables, {sum(counts.values())} rows")
        log(f"media: {manifest['media']['files']} files, {manifest['media']['bytes']} bytes")
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode(), 0o644)
            archive.add(dump, arcname=manifest["database"])
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
            if with_keys:
                for name, text in _key_files().items():
                    _add_bytes(archive, f"keys/{name}", text.encode())
        partial.chmod(0o600)
        partial.replace(output)  # never a half-written archive under the final name
    log(f"backup: {output}")
    return manifest


def _pg_dump_consistent(dump: Path) -> dict[str, int]:
    """pg_dump of the snapshot in which the rows are counted."""
    args, env = _pg_env()
    name = connection.settings_dict["NAME"]
    snapshot_conn = connections.create_connection("default")
    try:
        snapshot_conn.ensure_connection()
        raw = snapshot_conn.connection
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            tables = [row[0] for row in cursor.fetchall()]
            counts = {t: _count(cursor, t, snapshot_conn.ops.quote_name) for t in tables}
            result = subprocess.run(
                ["pg_dump", *args, "--format", "custom", "--no-owner", "--snapshot", snapshot]
                + ["--file", str(dump), name],
                env=env,
                capture_output=True,
                text=True,
            )
            raw.rollback()
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return counts
    finally:
        snapshot_conn.close()


# -- restore ---------------------------------------------------------------------------------


@dataclass
class Verification:
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, line: str) -> None:
        (self.lines if ok else self.failures).append(line)


def read_manifest(archive_path: Path) -> dict:
    with tarfile.open(archive_path, "r:gz") as archive:
        member = archive.extractfile(MANIFEST)
        if member is None:
            raise BackupError("no manifest in this archive")
        manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format {manifest.get('format')!r}")
    return manifest


def restore(archive_path: Path, *, log=print) -> Verification:
    """Put the archive back over this installation, then verify it."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"this archive holds a {manifest['vendor']} database; this installation uses "
            f"{connection.vendor}"
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as work:
        work_dir = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work_dir, filter="data")
        _restore_database(work_dir / manifest["database"])
        log("database: restored")
        if media_root.exists():
            shutil.rmtree(media_root)
        if (work_dir / "media").is_dir():
            shutil.copytree(work_dir / "media", media_root)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
        log("media: restored")
        if (work_dir / "keys").is_dir():
            _restore_keys(work_dir / "keys", log)
    return verify(manifest)


def _restore_database(dump: Path) -> None:
    connections.close_all()
    if connection.vendor == "sqlite":
        target = Path(settings.DATABASES["default"]["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        source = sqlite3.connect(dump)
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
        return
    args, env = _pg_env()
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connections.close_all()
    result = subprocess.run(
        ["pg_restore", *args, "--no-owner", "--exit-on-error", "--dbname"]
        + [connection.settings_dict["NAME"], str(dump)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_keys(folder: Path, log) -> None:
    """Keys kept in var/ are written back; keys given in the environment are left as they
    are (the verification then says whether they open the restored data)."""
    var = Path(settings.VAR_DIR)
    field_keys = [k for k in (folder / "field_keys").read_text().split() if k]
    digest = (folder / "digest_key").read_text().strip()
    secret = (folder / "secret_key").read_text().strip()
    for variable, file_name, value in (
        ("DANVAN_FIELD_KEYS", "field_key", "\n".join(field_keys)),
        ("DANVAN_DIGEST_KEY", "digest_key", digest),
        ("DANVAN_SECRET_KEY", "secret_key", secret),
    ):
        if os.environ.get(variable):
            log(f"keys: {variable} is set in the environment; var/{file_name} left as it is")
            continue
        path = var / file_name
        path.write_text(value)
        path.chmod(0o600)
        log(f"keys: var/{file_name} restored")
    if not os.environ.get("DANVAN_FIELD_KEYS"):
        settings.FIELD_ENCRYPTION_KEYS = field_keys
    if not os.environ.get("DANVAN_DIGEST_KEY"):
        settings.DIGEST_KEY = bytes.fromhex(digest) if len(digest) == 64 else digest.encode()


def verify(manifest: dict) -> Verification:
    from danvan.core import keys

    result = Verification()
    connections.close_all()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, expected in sorted(manifest["tables"].items()):
            try:
                found = _count(cursor, table, quote)
            except Exception as exc:  # noqa: BLE001 — a missing table is a failed check
                result.check(False, f"{table}: missing ({type(exc).__name__})")
                continue
            result.check(found == expected, f"{table}: {found} rows (backup: {expected})")
    problems = keys.problems()
    canaries = sum(1 for _ in _canaries())
    result.check(
        not problems,
        f"keys: {canaries} canaries decrypted" if not problems else "; ".join(problems),
    )
    files = _media_files(Path(settings.MEDIA_ROOT))
    size = sum(p.stat().st_size for p in files)
    expected = manifest["media"]
    result.check(
        len(files) == expected["files"] and size == expected["bytes"],
        f"media: {len(files)} files, {size} bytes (backup: {expected['files']}, {expected['bytes']})",
    )
    return result


def _canaries():
    from danvan.core.models import KeyCanary

    return KeyCanary.objects.all().iterator()

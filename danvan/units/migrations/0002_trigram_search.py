"""Optional PostgreSQL acceleration: a trigram index makes "name contains" searches indexed.

Results are the same without it (SQLite, or PostgreSQL without the pg_trgm extension).
"""

import logging

from django.db import migrations, transaction

log = logging.getLogger(__name__)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS orgunit_name_trgm_idx ON units_orgunit "
                "USING gin (name_folded gin_trgm_ops);"
            )
    except Exception as exc:  # no privilege to create the extension: search still works
        log.warning("pg_trgm index not created (%s); unit search runs without it.", exc)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgunit_name_trgm_idx;")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]

"""Optional PostgreSQL acceleration: a trigram index makes the "words contain" search of models
and exemplars indexed (the public showcase searched over the whole country).

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
                "CREATE INDEX IF NOT EXISTS exemplar_search_trgm_idx ON exemplars_exemplar "
                "USING gin (search_folded gin_trgm_ops);"
            )
    except Exception as exc:  # no privilege to create the extension: search still works
        log.warning("pg_trgm index not created (%s); the model search runs without it.", exc)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS exemplar_search_trgm_idx;")


class Migration(migrations.Migration):
    dependencies = [("exemplars", "0001_initial"), ("units", "0002_trigram_search")]
    operations = [migrations.RunPython(create_index, drop_index)]

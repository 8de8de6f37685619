"""The law's list of what must be disclosed (``danvan/democracy/law_list.py``)."""

from django.db import migrations


def add_items(apps, schema_editor):
    from danvan.democracy.law_list import seed

    seed(apps.get_model("democracy", "DisclosureItem"), apps.get_model("democracy", "ChannelRule"))


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_grassroots_democracy")]

    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]

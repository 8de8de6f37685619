from django.core.management.base import BaseCommand

from danvan.units.services import units_load_official


class Command(BaseCommand):
    help = "Load the official administrative divisions (34 provinces, 3,321 communes) and their agencies. Idempotent."

    def handle(self, *args, **options):
        result = units_load_official()
        self.stdout.write(f"load_units: {result}")

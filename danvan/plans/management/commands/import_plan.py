"""``python manage.py import_plan FILE [--json] [--unit CODE_OR_ID]``: show the draft the
importer proposes for an existing plan (.docx or .txt). Saves nothing.

``--json`` is a contract: header fields (with ``co_issuers`` of a joint document and
``confidence``: "high" or "low" for each field read), citations with number, symbol, date,
type and issuer, sections, tasks with their units (roles "lead"/"support") and deadlines."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import ValidationFailed
from danvan.plans import importer
from danvan.units.models import OrgUnit


class Command(BaseCommand):
    # It reads a file and saves nothing, encrypted data included: no start checks (such as
    # the field-key check, which reads the database) stand between a clerk and a quick look.
    requires_system_checks = []
    help = (
        "Read an existing plan (.docx or .txt) and print the structured draft the importer "
        "proposes: header, citations, sections, tasks with their units and deadlines. "
        "Nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The plan to read (.docx or .txt).")
        parser.add_argument("--json", action="store_true", help="Print the draft as JSON.")
        parser.add_argument(
            "--unit",
            help="Official code or id of the issuing unit: match the responsible units named "
            "in the plan to units of its territory.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        within = self._unit(options["unit"]) if options["unit"] else None
        try:
            with path.open("rb") as handle:
                text = importer.read_upload(handle)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except ValidationFailed as exc:
            raise CommandError(f"{path.name}: {exc.message}") from None
        draft, data = importer.propose(text, within=within)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._summary(draft, data.get("unit_matches"))

    def _unit(self, value: str) -> OrgUnit:
        unit = OrgUnit.objects.select_related("unit_type").filter(official_code=value).first()
        if unit is None and value.isdigit():
            unit = OrgUnit.objects.select_related("unit_type").filter(pk=int(value)).first()
        if unit is None:
            raise CommandError(f"No unit has the official code or id {value!r}.")
        return unit

    def _summary(self, draft, matches) -> None:
        header = draft.header
        write = self.stdout.write
        code = f"{header.number}/{header.symbol}".strip("/") if header.symbol else ""
        write(f"{header.doc_type or '(no document type)'} {code}".rstrip())
        issuers = " + ".join(filter(None, [header.issuer, *header.co_issuers]))
        for label, value in (
            ("Issuer", " / ".join(filter(None, [header.issuer_parent, issuers]))),
            (
                "Place and date",
                ", ".join(filter(None, [header.place, str(header.issued_on or "")])),
            ),
            ("Title", header.title),
            ("Legal bases", ", ".join(draft.legal_bases)),
            ("Citations", ", ".join(c.code for c in draft.citations)),
            ("Check (read with low confidence)", ", ".join(header.uncertain())),
        ):
            if value:
                write(f"{label}: {value}")
        for section in draft.sections:
            write(
                f"\n{section.numeral}. {section.title}".rstrip(". ")
                + f" ({len(section.tasks)} tasks)"
            )
            for task in section.tasks:
                write(f"  {task.label or '•'} {task.content[:100]}")
                for name, role in zip(task.responsible, task.roles, strict=True):
                    match = (matches or {}).get(name)
                    found = f" → {match['name']}" if match else ""
                    write(f"      [{role}] {name}{found}")
                if task.deadline.text:
                    due = task.deadline.date or task.deadline.recurring or "?"
                    write(f"      deadline: {task.deadline.text} ({due})")

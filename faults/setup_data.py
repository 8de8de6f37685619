"""Run inside ``manage.py shell`` by faults/run.py: the people and data the faults need.

Prints one JSON line: an official's API token and session, a province officer's session, the
commune, a report round and submission whose one-click reminder e-mails the commune.
"""

import datetime as dt
import json

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.module_loading import import_string

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.api import services as api_services
from danvan.reports import services as reports
from danvan.reports.models import ReportKind, SelectionMode
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type


def session_for(user) -> str:
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


nation = OrgUnitFactory(name="Việt Nam", unit_type=unit_type("nation"), level=Level.CENTRAL)
province = OrgUnitFactory(
    name="Tỉnh Quảng Trị", unit_type=unit_type("province"), level=Level.PROVINCE, parent=nation
)
ubnd = OrgUnitFactory(
    name="UBND tỉnh Quảng Trị",
    unit_type=unit_type("people_committee"),
    level=Level.PROVINCE,
    parent=province,
)
commune = OrgUnitFactory(name="Xã Trường Sơn", unit_type=unit_type("commune"), parent=province)
official = UserFactory(username="canbo", home_unit=commune, email="canbo@example.vn")
grant(official, Role.OFFICIAL, commune)
officer = UserFactory(username="bdv", home_unit=province, email="bdv@example.vn")
grant(officer, Role.BDV_OFFICER, province)
template = reports.template_create(actor=officer, unit=province, name="Báo cáo dân vận")
today = dt.date.today()
report_round = reports.round_open(
    actor=officer,
    unit=province,
    recipient=ubnd,
    template=template,
    kind=ReportKind.SIX_MONTH,
    title="Báo cáo 6 tháng",
    year=today.year,
    selection_mode=SelectionMode.TYPES,
    selection_root=province,
    selection_types=["commune@"],
    opens_on=today,
    due_date=today + dt.timedelta(days=20),
)
print(
    json.dumps(
        {
            "token": api_services.token_create(
                actor=official, name="faults", expires_at=None
            ).secret,
            "official_session": session_for(official),
            "officer_session": session_for(officer),
            "province": province.pk,
            "commune": commune.pk,
            "round": report_round.pk,
            "submission": report_round.submissions.get(unit=commune).pk,
        }
    )
)

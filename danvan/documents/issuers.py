"""Who a document of a unit says issued it: the parent-body line and the issuer's name.

- State format (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.2): the issuer's name in full
  ("ỦY BAN NHÂN DÂN XÃ TRƯỜNG SƠN"); a department of a People's Committee prints its body
  above it, which may be shortened ("UBND TỈNH QUẢNG TRỊ" over "SỞ NỘI VỤ").
- Party format (Hướng dẫn 36-HD/VPTW): a Ban prints its committee above it ("TỈNH ỦY QUẢNG
  TRỊ" over "BAN TUYÊN GIÁO VÀ DÂN VẬN"); a commune's Party committee its provincial Party
  organisation ("ĐẢNG BỘ TỈNH QUẢNG TRỊ" over "ĐẢNG ỦY XÃ TRƯỜNG SƠN"); a provincial
  committee prints itself only.

Names are the ones the units carried on the document's date (``units.selectors.name_on``): a
plan of 2022 of today's Ban Tuyên giáo và Dân vận prints "BAN DÂN VẬN".
"""

from __future__ import annotations

import datetime as dt

from danvan.documents.structure import DocumentFormat
from danvan.units.defaults import UNDER_THE_FRONT
from danvan.units.models import Level, OrgUnit
from danvan.units.selectors import name_on

# Agencies of a People's Committee: their documents print the committee above them.
UNDER_PEOPLE_COMMITTEE = {"home_affairs", "justice", "inspectorate", "department"}
# Only a parent-body line may be shortened (Nghị định 30/2020, Phụ lục I, II.2).
PARENT_ABBREVIATIONS = (
    ("Ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ Việt Nam"),
)


def _abbreviated(name: str) -> str:
    for full, short in PARENT_ABBREVIATIONS:
        if name.lower().startswith(full.lower()):
            return short + name[len(full) :]
    return name


def _strip_suffix(name: str, suffix: str) -> str:
    """ "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị" less "Tỉnh ủy Quảng Trị"."""
    if suffix and name.lower().endswith(" " + suffix.lower()):
        return name[: -len(suffix) - 1].strip()
    return name


def _territory(unit: OrgUnit) -> OrgUnit | None:
    node = unit.parent
    while node is not None and not node.unit_type.is_territory:
        node = node.parent
    return node


def _sibling(territory: OrgUnit, code: str) -> OrgUnit | None:
    return (
        OrgUnit.objects.filter(parent=territory, unit_type__code=code)
        .prefetch_related("former_names")
        .order_by("pk")
        .first()
    )


def _province_of(territory: OrgUnit) -> OrgUnit | None:
    node = territory
    while node is not None and node.level != Level.PROVINCE:
        node = node.parent
    return node


def _kind_and_name(territory: OrgUnit) -> str:
    """ "Tỉnh Quảng Trị" → "tỉnh Quảng Trị" (as it stands inside a body's name)."""
    return territory.name[:1].lower() + territory.name[1:]


def _party_lines(unit: OrgUnit, name: str, territory: OrgUnit, on) -> tuple[str, str]:
    if unit.unit_type.code == "party_committee":
        if territory.level == Level.PROVINCE:
            return "", name
        province = _province_of(territory)
        return (f"Đảng bộ {_kind_and_name(province)}" if province else ""), name
    committee = _sibling(territory, "party_committee")
    if committee is None:
        return "", name
    committee_name = name_on(committee, on)
    return committee_name, _strip_suffix(name, committee_name)


def _state_lines(unit: OrgUnit, name: str, territory: OrgUnit, on) -> tuple[str, str]:
    if unit.unit_type.code in UNDER_PEOPLE_COMMITTEE:
        committee = _sibling(territory, "people_committee")
        if committee is None:
            return "", name
        short = territory.short_name or territory.name
        issuer = name
        if name.startswith("Sở "):  # "Sở Nội vụ tỉnh Quảng Trị" → "Sở Nội vụ"
            issuer = _strip_suffix(name, _kind_and_name(territory))
        else:  # "Thanh tra tỉnh Quảng Trị" → "Thanh tra tỉnh"
            issuer = _strip_suffix(name, short)
        return _abbreviated(name_on(committee, on)), issuer
    return "", name


def issuer_lines(
    unit: OrgUnit, fmt: DocumentFormat | str, on: dt.date | None = None
) -> tuple[str, str]:
    """(parent-body line, issuer) for a document of ``unit`` dated ``on``, as typed (the
    renderer prints them in capitals). The parent line is "" when there is none."""
    fmt = DocumentFormat(fmt)
    name = name_on(unit, on)
    territory = None if unit.unit_type.is_territory else _territory(unit)
    if territory is None:
        # A territory's own plan ("Xã Trường Sơn"): the territory above it, if not the nation.
        parent = unit.parent
        if parent is None or parent.parent_id is None:
            return "", name
        return name_on(parent, on), name
    if unit.parent_id != territory.pk:
        if unit.unit_type.code in UNDER_THE_FRONT:
            return "", name  # a mass organisation issues in its own name
        # Inside another agency (a section of a Sở): that agency above it.
        return _abbreviated(name_on(unit.parent, on)), name
    if fmt is DocumentFormat.PARTY:
        return _party_lines(unit, name, territory, on)
    return _state_lines(unit, name, territory, on)

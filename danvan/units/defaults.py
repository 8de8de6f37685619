"""Default unit types and agency templates. Created once; administrators may edit them after."""

import datetime as dt
from dataclasses import dataclass

from danvan.units.models import DocumentFormat, Level

P, C = Level.PROVINCE, Level.COMMUNE

# code, name, level ("" for agencies, which take the level of the territory they sit in),
# is_territory, document format, order
UNIT_TYPES = [
    ("nation", "Quốc gia", Level.CENTRAL, True, DocumentFormat.STATE, 1),
    ("province", "Tỉnh", P, True, DocumentFormat.STATE, 10),
    ("central_city", "Thành phố trực thuộc trung ương", P, True, DocumentFormat.STATE, 11),
    (
        "district",
        "Huyện, quận, thị xã (trước 1/7/2025)",
        Level.DISTRICT,
        True,
        DocumentFormat.STATE,
        15,
    ),
    ("commune", "Xã", C, True, DocumentFormat.STATE, 20),
    ("ward", "Phường", C, True, DocumentFormat.STATE, 21),
    ("special_zone", "Đặc khu", C, True, DocumentFormat.STATE, 22),
    ("village", "Thôn, ấp, bản", Level.VILLAGE, True, DocumentFormat.STATE, 30),
    ("residential_group", "Tổ dân phố, khu phố", Level.VILLAGE, True, DocumentFormat.STATE, 31),
    ("party_committee", "Cấp ủy Đảng", "", False, DocumentFormat.PARTY, 40),
    ("mass_mobilisation", "Ban Tuyên giáo và Dân vận", "", False, DocumentFormat.PARTY, 41),
    ("people_council", "Hội đồng nhân dân", "", False, DocumentFormat.STATE, 42),
    ("people_committee", "Ủy ban nhân dân", "", False, DocumentFormat.STATE, 43),
    ("home_affairs", "Sở Nội vụ", "", False, DocumentFormat.STATE, 44),
    ("justice", "Sở Tư pháp", "", False, DocumentFormat.STATE, 45),
    ("inspectorate", "Thanh tra", "", False, DocumentFormat.STATE, 46),
    ("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam", "", False, DocumentFormat.STATE, 47),
    ("farmers_union", "Hội Nông dân", "", False, DocumentFormat.STATE, 48),
    ("womens_union", "Hội Liên hiệp Phụ nữ", "", False, DocumentFormat.STATE, 49),
    ("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "", False, DocumentFormat.STATE, 50),
    ("veterans_association", "Hội Cựu chiến binh", "", False, DocumentFormat.STATE, 51),
    ("labour_federation", "Liên đoàn Lao động", "", False, DocumentFormat.STATE, 52),
    ("police", "Công an", "", False, DocumentFormat.STATE, 53),
    ("military_command", "Cơ quan quân sự", "", False, DocumentFormat.STATE, 54),
    ("department", "Sở, ban, ngành khác", "", False, DocumentFormat.STATE, 60),
    ("agency", "Cơ quan, tổ chức khác", "", False, DocumentFormat.STATE, 90),
]

# Names of unit types shipped before the 2025 reform, replaced by ``ensure_defaults`` when an
# administrator has not changed them since.
FORMER_UNIT_TYPE_NAMES = {
    "mass_mobilisation": ("Ban Dân vận",),
    "fatherland_front": ("Ủy ban MTTQ Việt Nam",),
    "youth_union": ("Đoàn TNCS Hồ Chí Minh",),
}

FRONT = "fatherland_front"
# The mass organisations: since 2025 under the Fatherland Front committee of their level
# (Nghị quyết 203/2025/QH15 amending the Constitution, Điều 9).
UNDER_THE_FRONT = (
    "farmers_union",
    "womens_union",
    "youth_union",
    "veterans_association",
    "labour_federation",
)

# level, unit type code, name pattern, order. Every name is the body's full name: a document
# prints it as its issuer (Nghị định 30/2020/NĐ-CP, Phụ lục I); abbreviations belong only to
# the parent-body line, which the renderer derives (``documents.issuers``).
AGENCY_TEMPLATES = [
    (P, "party_committee", "{party} {short}", 1),
    (P, "mass_mobilisation", "Ban Tuyên giáo và Dân vận {party} {short}", 2),
    (P, "people_council", "Hội đồng nhân dân {kind} {short}", 3),
    (P, "people_committee", "Ủy ban nhân dân {kind} {short}", 4),
    (P, "home_affairs", "Sở Nội vụ {kind} {short}", 5),
    (P, "justice", "Sở Tư pháp {kind} {short}", 6),
    (P, "inspectorate", "Thanh tra {kind} {short}", 7),
    (P, "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {kind} {short}", 8),
    (P, "farmers_union", "Hội Nông dân {kind} {short}", 9),
    (P, "womens_union", "Hội Liên hiệp Phụ nữ {kind} {short}", 10),
    (P, "youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {kind} {short}", 11),
    (P, "veterans_association", "Hội Cựu chiến binh {kind} {short}", 12),
    (P, "labour_federation", "Liên đoàn Lao động {kind} {short}", 13),
    (P, "police", "Công an {kind} {short}", 14),
    (P, "military_command", "Bộ Chỉ huy quân sự {kind} {short}", 15),
    (C, "party_committee", "Đảng ủy {kind} {short}", 1),
    (C, "people_council", "Hội đồng nhân dân {kind} {short}", 2),
    (C, "people_committee", "Ủy ban nhân dân {kind} {short}", 3),
    (C, "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {kind} {short}", 4),
    (C, "farmers_union", "Hội Nông dân {kind} {short}", 5),
    (C, "womens_union", "Hội Liên hiệp Phụ nữ {kind} {short}", 6),
    (C, "youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {kind} {short}", 7),
    (C, "veterans_association", "Hội Cựu chiến binh {kind} {short}", 8),
    (C, "police", "Công an {kind} {short}", 9),
    (C, "military_command", "Ban Chỉ huy quân sự {kind} {short}", 10),
]


@dataclass(frozen=True)
class FormerPattern:
    """A name pattern shipped before. ``renamed`` on: the body itself was renamed that day
    (its old name is kept as a former name for older documents); None: only our spelling
    changed (abbreviations written in full), the body always had the full name."""

    pattern: str
    renamed_on: dt.date | None = None
    reason: str = ""


BAN_MERGER_DATE = dt.date(2025, 3, 1)
BAN_MERGER_REASON = (
    "Kết luận 121-KL/TW ngày 24/01/2025: hợp nhất Ban Tuyên giáo và Ban Dân vận thành "
    "Ban Tuyên giáo và Dân vận (ngày hiệu lực theo quyết định của từng tỉnh ủy, thành ủy)"
)

# (level, unit type code) → the patterns the same template had before.
FORMER_PATTERNS = {
    (P, "mass_mobilisation"): (
        FormerPattern("Ban Dân vận {party} {short}", BAN_MERGER_DATE, BAN_MERGER_REASON),
    ),
    (P, "people_council"): (FormerPattern("HĐND {kind} {short}"),),
    (P, "people_committee"): (FormerPattern("UBND {kind} {short}"),),
    (P, "fatherland_front"): (FormerPattern("UB MTTQ Việt Nam {kind} {short}"),),
    (P, "womens_union"): (FormerPattern("Hội LHPN {kind} {short}"),),
    (P, "youth_union"): (FormerPattern("Đoàn TNCS Hồ Chí Minh {kind} {short}"),),
    (P, "veterans_association"): (FormerPattern("Hội CCB {kind} {short}"),),
    (P, "labour_federation"): (FormerPattern("LĐLĐ {kind} {short}"),),
    (P, "military_command"): (FormerPattern("Bộ CHQS {kind} {short}"),),
    (C, "people_council"): (FormerPattern("HĐND {kind} {short}"),),
    (C, "people_committee"): (FormerPattern("UBND {kind} {short}"),),
    (C, "fatherland_front"): (FormerPattern("UB MTTQ Việt Nam {kind} {short}"),),
    (C, "womens_union"): (FormerPattern("Hội LHPN {kind} {short}"),),
    (C, "youth_union"): (FormerPattern("Đoàn TN {kind} {short}"),),
    (C, "veterans_association"): (FormerPattern("Hội CCB {kind} {short}"),),
    (C, "military_command"): (FormerPattern("Ban CHQS {kind} {short}"),),
}

# Official division type → (our unit type code, lower-case word used in agency names)
PROVINCE_KINDS = {
    "tỉnh": ("province", "tỉnh"),
    "thành phố trung ương": ("central_city", "thành phố"),
}
COMMUNE_KINDS = {
    "xã": ("commune", "xã"),
    "phường": ("ward", "phường"),
    "đặc khu": ("special_zone", "đặc khu"),
}
NATION_CODE = "VN"

# How deep each level of territory sits: a territory may only be placed under a shallower one
# (a village under a commune, a commune under a province), never the other way round.
LEVEL_RANK = {
    Level.CENTRAL: 0,
    Level.PROVINCE: 1,
    Level.DISTRICT: 2,
    Level.COMMUNE: 3,
    Level.VILLAGE: 4,
}

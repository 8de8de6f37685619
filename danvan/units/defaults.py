"""Default unit types and agency templates. Created once; administrators may edit them after."""

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
    ("mass_mobilisation", "Ban Dân vận", "", False, DocumentFormat.PARTY, 41),
    ("people_council", "Hội đồng nhân dân", "", False, DocumentFormat.STATE, 42),
    ("people_committee", "Ủy ban nhân dân", "", False, DocumentFormat.STATE, 43),
    ("home_affairs", "Sở Nội vụ", "", False, DocumentFormat.STATE, 44),
    ("justice", "Sở Tư pháp", "", False, DocumentFormat.STATE, 45),
    ("inspectorate", "Thanh tra", "", False, DocumentFormat.STATE, 46),
    ("fatherland_front", "Ủy ban MTTQ Việt Nam", "", False, DocumentFormat.STATE, 47),
    ("farmers_union", "Hội Nông dân", "", False, DocumentFormat.STATE, 48),
    ("womens_union", "Hội Liên hiệp Phụ nữ", "", False, DocumentFormat.STATE, 49),
    ("youth_union", "Đoàn TNCS Hồ Chí Minh", "", False, DocumentFormat.STATE, 50),
    ("veterans_association", "Hội Cựu chiến binh", "", False, DocumentFormat.STATE, 51),
    ("labour_federation", "Liên đoàn Lao động", "", False, DocumentFormat.STATE, 52),
    ("police", "Công an", "", False, DocumentFormat.STATE, 53),
    ("military_command", "Cơ quan quân sự", "", False, DocumentFormat.STATE, 54),
    ("department", "Sở, ban, ngành khác", "", False, DocumentFormat.STATE, 60),
    ("agency", "Cơ quan, tổ chức khác", "", False, DocumentFormat.STATE, 90),
]

# level, unit type code, name pattern, order
AGENCY_TEMPLATES = [
    (P, "party_committee", "{party} {short}", 1),
    (P, "mass_mobilisation", "Ban Dân vận {party} {short}", 2),
    (P, "people_council", "HĐND {kind} {short}", 3),
    (P, "people_committee", "UBND {kind} {short}", 4),
    (P, "home_affairs", "Sở Nội vụ {kind} {short}", 5),
    (P, "justice", "Sở Tư pháp {kind} {short}", 6),
    (P, "inspectorate", "Thanh tra {kind} {short}", 7),
    (P, "fatherland_front", "UB MTTQ Việt Nam {kind} {short}", 8),
    (P, "farmers_union", "Hội Nông dân {kind} {short}", 9),
    (P, "womens_union", "Hội LHPN {kind} {short}", 10),
    (P, "youth_union", "Đoàn TNCS Hồ Chí Minh {kind} {short}", 11),
    (P, "veterans_association", "Hội CCB {kind} {short}", 12),
    (P, "labour_federation", "LĐLĐ {kind} {short}", 13),
    (P, "police", "Công an {kind} {short}", 14),
    (P, "military_command", "Bộ CHQS {kind} {short}", 15),
    (C, "party_committee", "Đảng ủy {kind} {short}", 1),
    (C, "people_council", "HĐND {kind} {short}", 2),
    (C, "people_committee", "UBND {kind} {short}", 3),
    (C, "fatherland_front", "UB MTTQ Việt Nam {kind} {short}", 4),
    (C, "farmers_union", "Hội Nông dân {kind} {short}", 5),
    (C, "womens_union", "Hội LHPN {kind} {short}", 6),
    (C, "youth_union", "Đoàn TN {kind} {short}", 7),
    (C, "veterans_association", "Hội CCB {kind} {short}", 8),
    (C, "police", "Công an {kind} {short}", 9),
    (C, "military_command", "Ban CHQS {kind} {short}", 10),
]

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

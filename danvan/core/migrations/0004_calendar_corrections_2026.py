"""The official holiday schedule where the ``holidays`` package (0.109) is wrong or early.

Each day names its source; administrators may change or remove it afterwards (``/quan-tri/``
→ Calendar days): this migration runs once and never overwrites a date already entered.
See docs/legal.md.
"""

import datetime as dt

from django.db import migrations

NEW_YEAR_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
CULTURE_DAY = (
    "Nghị quyết 80-NQ/TW (01/2026) chọn 24/11 là Ngày Văn hóa Việt Nam và chủ trương cho "
    "nghỉ; Nghị quyết 30/NQ-CP (02/2026) giao sửa khoản 1 Điều 112 Bộ luật Lao động 2019. "
    "Khi Quốc hội thông qua, xóa dòng này."
)

# date, kind, reason as people read it, source
DAYS = [
    (
        dt.date(2026, 1, 2),
        "day_off",
        "Nghỉ Tết Dương lịch 2026 (hoán đổi với thứ Bảy 10/01/2026)",
        NEW_YEAR_2026,
    ),
    (dt.date(2026, 1, 10), "working_day", "Làm bù cho thứ Sáu 02/01/2026", NEW_YEAR_2026),
    (
        dt.date(2026, 11, 24),
        "working_day",
        "Ngày Văn hóa Việt Nam: chưa là ngày nghỉ lễ theo Bộ luật Lao động",
        CULTURE_DAY,
    ),
    (
        dt.date(2027, 11, 24),
        "working_day",
        "Ngày Văn hóa Việt Nam: chưa là ngày nghỉ lễ theo Bộ luật Lao động",
        CULTURE_DAY,
    ),
]

# year, status, source, note
YEARS = [
    (
        2025,
        "confirmed",
        "Thông báo 6150/TB-BLĐTBXH (Tết Ất Tỵ 2025: 25/01–02/02); hoán đổi dịp 30/4–01/5/2025 "
        "(nghỉ 02/5, làm bù thứ Bảy 26/4)",
        "",
    ),
    (
        2026,
        "confirmed",
        f"{NEW_YEAR_2026} (Tết Dương lịch: nghỉ 01–04/01, làm bù 10/01); phương án nghỉ Tết "
        "Âm lịch (14–22/02) và Quốc khánh (29/8–02/9, làm bù 22/8) của Bộ Nội vụ được Thủ "
        "tướng Chính phủ đồng ý (10/2025)",
        "24/11 chưa là ngày nghỉ lễ: Bộ luật Lao động chưa được sửa.",
    ),
    (
        2027,
        "estimate",
        "Bộ luật Lao động 2019, Điều 112; ngày Tết tính theo âm lịch",
        "Lịch nghỉ Tết Đinh Mùi 2027 và các ngày hoán đổi chưa được công bố: đây là ước tính.",
    ),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    taken = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=date, kind=kind, name=name, source=source)
        for date, kind, name, source in DAYS
        if date not in taken
    )
    for year, status, source, note in YEARS:
        CalendarYear.objects.get_or_create(
            year=year, defaults={"status": status, "source": source, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_calendar_sources_and_years")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

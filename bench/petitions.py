"""Cases at national scale on PostgreSQL: two million cases over five years.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_p .venv/bin/python bench/petitions.py

It drops and recreates its own database (the name must contain "bench"), loads the official
units, adds villages up to ~100,000 units (bench/units.py), then generates the cases with
set-based SQL (INSERT … SELECT generate_series): spread over every commune, five years of
receipt dates, older ones mostly closed, a few still open past their deadline; 500,000
petitioners whose keyed digests are computed in Python and copied in; one handler per case.

It then times, through the real selectors, each against the plain SQL doing the same work:
a commune handler's inbox (by status, overdue; first page and a deep page), a province
officer's inbox and the overdue list of a province, the duplicate lookup on intake and the
public tracking-code lookup.
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_p"
CASES = 2_000_000
PEOPLE = 500_000
YEARS = 5
PAGE = 30  # case_views.PAGE_SIZE

CONTENTS = [
    "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình",
    "Khiếu nại mức bồi thường, hỗ trợ giải phóng mặt bằng dự án đường",
    "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận",
    "Kiến nghị xử lý ô nhiễm môi trường do cơ sở chăn nuôi gây ra",
    "Phản ánh đèn chiếu sáng đường trục thôn bị hỏng nhiều ngày",
    "Kiến nghị giải quyết chế độ chính sách người có công",
    "Phản ánh tình trạng xả rác ra kênh mương nội đồng",
    "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất chồng lấn",
    "Kiến nghị sửa chữa đường giao thông nông thôn xuống cấp",
    "Tố cáo hành vi lấn chiếm đất công của hộ gia đình",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam"]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--units", type=int, default=100_000, help="units in the tree")
    return parser.parse_args(argv)


def person(n: int) -> tuple[str, str]:
    name = f"{FAMILY[n % 10]} {MIDDLE[(n // 10) % 8]} {GIVEN[(n // 80) % 12]} {n // 960}"
    return name, f"09{n:08d}"


def load_people() -> float:
    """500,000 petitioners with the keyed digests the application computes."""
    from danvan.petitions.cases import crypto as case_crypto

    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "CREATE UNLOGGED TABLE bench_people (n int PRIMARY KEY, name text, phone text, "
            "name_digest text, phone_digest text)"
        )
        raw = cur.connection
        with raw.cursor() as pg, pg.copy("COPY bench_people FROM STDIN") as copy:
            for n in range(PEOPLE):
                name, phone = person(n)
                copy.write_row(
                    (n, name, phone, case_crypto.name_digest(name), case_crypto.phone_digest(phone))
                )
    return (time.perf_counter() - started) * 1000


def load_cases(total: int, today: dt.date) -> float:
    from danvan.lib.text import fold
    from danvan.petitions.models import CaseField

    fields = list(CaseField.objects.order_by("pk").values_list("pk", flat=True))
    contents = "ARRAY[" + ",".join(f"'{c}'" for c in CONTENTS) + "]"
    folded = "ARRAY[" + ",".join(f"'{fold(c)}'" for c in CONTENTS) + "]"
    kinds = (
        "ARRAY['complaint','complaint','denunciation','proposal','feedback','proposal',"
        "'feedback','complaint','proposal','denunciation']"
    )
    start = today - dt.timedelta(days=365 * YEARS)
    days = (today - start).days
    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "CREATE UNLOGGED TABLE bench_units AS SELECT (row_number() OVER (ORDER BY u.id)) - 1 "
            "AS n, u.id, u.path FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id "
            "WHERE u.level = 'commune' AND t.is_territory"
        )
        cur.execute("SELECT count(*) FROM bench_units")
        units = cur.fetchone()[0]
        cur.execute(
            f"""
            INSERT INTO petitions_case (
                unit_id, unit_path, tracking_code, kind, level, field_id, channel,
                source_reference, content, content_folded, petitioner_kind, petitioner_count,
                petitioner_name, petitioner_address, petitioner_phone, petitioner_email,
                name_digest, phone_digest, email_digest, is_confidential, is_complex,
                is_especially_complex, is_crowd, is_prolonged, skips_levels, is_remote_area,
                received_on, status, accept_due, accepted_on, resolve_due, due_on, notify_due,
                closed_on, outcome_note, decision_number, decision_date, decision_content,
                resolved_on_time, answer_public, is_hidden, hidden_reason, created_at, updated_at
            )
            SELECT u.id, u.path, upper(substr(md5(g::text || 'danvan'), 1, 4) || '-' ||
                       substr(md5(g::text || 'danvan'), 5, 4) || '-' ||
                       substr(md5(g::text || 'danvan'), 9, 4)),
                   k.kind, 1, ({"ARRAY[" + ",".join(map(str, fields)) + "]"})[1 + g % {len(fields)}],
                   'post', '', ({contents})[1 + g % 10] || ' (' || g || ')',
                   ({folded})[1 + g % 10] || ' (' || g || ')', 'person', 1,
                   CASE WHEN k.kind = 'denunciation' THEN '' ELSE p.name END, '',
                   CASE WHEN k.kind = 'denunciation' THEN '' ELSE p.phone END, '',
                   p.name_digest, p.phone_digest, '', k.kind = 'denunciation', g % 17 = 0,
                   false, g % 29 = 0, g % 31 = 0, false, g % 13 = 0,
                   s.received_on, s.status,
                   s.received_on + 10,
                   CASE WHEN s.status IN ('accepted', 'resolved') THEN s.received_on + 5 END,
                   CASE WHEN s.status IN ('accepted', 'resolved') THEN s.received_on + 35 END,
                   CASE s.status WHEN 'received' THEN s.received_on + 10
                                 WHEN 'accepted' THEN s.received_on + 35 END,
                   NULL,
                   CASE WHEN s.status NOT IN ('received', 'accepted')
                        THEN s.received_on + 20 + (g % 30)::int END,
                   '', CASE WHEN s.status = 'resolved' THEN g || '/QĐ-UBND' ELSE '' END,
                   CASE WHEN s.status = 'resolved' THEN s.received_on + 20 + (g % 30)::int END,
                   CASE WHEN s.status = 'resolved' THEN 'Trả lời công dân' ELSE '' END,
                   CASE WHEN s.status = 'resolved' THEN 20 + (g % 30)::int <= 35 END,
                   s.status = 'resolved' AND k.kind IN ('proposal', 'feedback'), false, '',
                   now(), now()
            FROM generate_series(1::bigint, {total}) g
            JOIN bench_units u ON u.n = (g * 7919) %% {units}
            JOIN bench_people p ON p.n = (g * 104729) %% {PEOPLE}
            CROSS JOIN LATERAL (SELECT ({kinds})[1 + (g / 7) %% 10] AS kind) k
            CROSS JOIN LATERAL (
                SELECT r.received_on,
                       CASE WHEN DATE '{today.isoformat()}' - r.received_on > 90 THEN
                            CASE WHEN g %% 100 < 2 THEN 'accepted' WHEN g %% 100 < 4 THEN 'received'
                                 WHEN g %% 100 < 80 THEN 'resolved' WHEN g %% 100 < 90 THEN 'advised'
                                 WHEN g %% 100 < 95 THEN 'refused' ELSE 'filed' END
                       ELSE CASE WHEN g %% 100 < 30 THEN 'received' WHEN g %% 100 < 70 THEN 'accepted'
                                 ELSE 'resolved' END END AS status
                FROM (SELECT DATE '{start.isoformat()}' + ((g::bigint * 2654435761) %% {days})::int AS received_on) r
            ) s
            """.replace("%%", "%")
        )
    return (time.perf_counter() - started) * 1000


def load_handlers() -> tuple[float, dict]:
    """One official per commune; each case handled by its commune's official."""
    from danvan.accounts.models import Role, RoleGrant, User
    from danvan.units.models import OrgUnit

    started = time.perf_counter()
    ids = [row[0] for row in common.sql_rows("SELECT id FROM bench_units")]
    units = list(OrgUnit.objects.filter(pk__in=ids))
    users = [User(username=f"cb{u.pk}", full_name=f"Cán bộ {u.name}", home_unit=u) for u in units]
    User.objects.bulk_create(users, batch_size=2000)
    by_name = dict(User.objects.filter(username__startswith="cb").values_list("username", "pk"))
    RoleGrant.objects.bulk_create(
        [RoleGrant(user_id=by_name[f"cb{u.pk}"], role=Role.OFFICIAL, unit=u) for u in units],
        batch_size=2000,
    )
    with common.cursor() as cur:
        cur.execute(
            "INSERT INTO petitions_casehandler (case_id, user_id, is_lead, assigned_at) "
            "SELECT c.id, g.user_id, true, now() FROM petitions_case c "
            "JOIN accounts_rolegrant g ON g.unit_id = c.unit_id AND g.role = 'official'"
        )
    return (time.perf_counter() - started) * 1000, by_name


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/petitions.py runs on PostgreSQL only.")
    from django.utils import timezone

    from bench.units import add_villages, make_user
    from danvan.accounts.models import Role, User
    from danvan.core.pagination import keyset_page
    from danvan.petitions.cases import selectors as case_selectors
    from danvan.petitions.cases.selectors import CaseFilters
    from danvan.petitions.models import Case
    from danvan.units.models import Level, OrgUnit
    from danvan.units.services import units_load_official

    today = timezone.localdate()
    print(f"# danvan petitions (cases) benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
    load = common.once(units_load_official)
    print(f"units_load_official: {fmt_ms(load.median_ms)} ms")
    added, insert_ms, paths_ms = add_villages(args.units)
    print(
        f"villages added: {added:,} ({fmt_ms(insert_ms + paths_ms)} ms); "
        f"units: {OrgUnit.objects.count():,}"
    )
    print(f"petitioners (COPY, digests in Python): {fmt_ms(load_people())} ms")
    cases_ms = load_cases(args.cases, today)
    print(f"cases (INSERT … SELECT generate_series): {fmt_ms(cases_ms)} ms")
    handlers_ms, _users = load_handlers()
    print(f"handlers: {fmt_ms(handlers_ms)} ms")
    common.analyze()
    total = Case.objects.count()
    open_overdue = Case.objects.filter(case_selectors.overdue_q(today)).count()
    print(f"cases: {total:,}, open and overdue: {open_overdue:,}\n")

    # The busiest commune's official; the province holding it; its Ban Dân vận officer.
    busiest = common.sql_rows(
        "SELECT unit_id, count(*) FROM petitions_case GROUP BY unit_id ORDER BY 2 DESC LIMIT 1"
    )[0]
    commune = OrgUnit.objects.get(pk=busiest[0])
    province = (
        OrgUnit.objects.get(pk=commune.ancestor_ids[-1])
        if commune.level == Level.COMMUNE
        else commune
    )
    handler = User.objects.get(username=f"cb{commune.pk}")
    handler.active_grants()
    officer = make_user("bench_officer", Role.BDV_OFFICER, province)
    province_cases = Case.objects.filter(unit_path__startswith=province.path).count()
    print(
        f"handler: official of {commune.name} ({busiest[1]:,} cases); "
        f"officer over {province.name} ({province_cases:,} cases)\n"
    )

    def page(actor, filters, before=None):
        return lambda: keyset_page(case_selectors.case_list(actor, filters), before, PAGE).items

    mine = CaseFilters(scope=case_selectors.SCOPE_MINE, status="resolved")
    ids = list(case_selectors.case_list(handler, mine).order_by("-id").values_list("id", flat=True))
    deep_before = ids[min(len(ids) - 1, PAGE * 10)] if ids else None
    officer_ids = common.sql_rows(
        "SELECT id FROM petitions_case WHERE unit_path LIKE %s ORDER BY id DESC OFFSET %s LIMIT 1",
        [province.path + "%", PAGE * 100],
    )
    officer_before = officer_ids[0][0] if officer_ids else None
    columns = (
        "c.id, c.kind, c.level, c.status, c.received_on, c.due_on, c.content, "
        "c.is_confidential, c.is_hidden, u.name, f.name"
    )
    joins = (
        "petitions_case c JOIN units_orgunit u ON u.id = c.unit_id "
        "JOIN petitions_casefield f ON f.id = c.field_id"
    )

    def sql_mine(extra: str, params: list):
        return lambda: common.sql_rows(
            f"SELECT {columns} FROM {joins} JOIN petitions_casehandler h ON h.case_id = c.id "
            f"WHERE h.user_id = %s {extra} ORDER BY c.id DESC LIMIT {PAGE + 1}",
            [handler.pk, *params],
        )

    def sql_subtree(extra: str, params: list):
        return lambda: common.sql_rows(
            f"SELECT {columns} FROM {joins} WHERE c.unit_path LIKE %s {extra} "
            f"ORDER BY c.id DESC LIMIT {PAGE + 1}",
            [province.path + "%", *params],
        )

    overdue_sql = "AND c.status IN ('received', 'accepted') AND c.due_on < %s"
    probe = Case.objects.filter(unit_id=commune.pk, kind="complaint").order_by("-id").first()
    probe_name = common.sql_rows(
        "SELECT name, phone FROM bench_people WHERE name_digest = %s", [probe.name_digest]
    )[0]
    dup_sql = (
        "SELECT c.id, c.content_folded FROM petitions_case c WHERE c.unit_path LIKE %s AND "
        "(c.name_digest = %s OR c.phone_digest = %s) ORDER BY c.id DESC LIMIT 50"
    )
    tracked = Case.objects.filter(kind="feedback", unit_id=commune.pk).first()
    track_phone = common.sql_rows(
        "SELECT phone FROM bench_people WHERE phone_digest = %s", [tracked.phone_digest]
    )[0][0]

    plan = [
        (
            "handler inbox, resolved, first page",
            page(handler, mine),
            sql_mine("AND c.status = 'resolved'", []),
        ),
        (
            "handler inbox, resolved, page 11 (keyset)",
            page(handler, mine, deep_before),
            sql_mine("AND c.status = 'resolved' AND c.id < %s", [deep_before]),
        ),
        (
            "handler inbox, overdue",
            page(handler, CaseFilters(scope="mine", overdue=True)),
            sql_mine(overdue_sql, [today]),
        ),
        ("province officer inbox, first page", page(officer, CaseFilters()), sql_subtree("", [])),
        (
            "province officer inbox, page 101 (keyset)",
            page(officer, CaseFilters(), officer_before),
            sql_subtree("AND c.id < %s", [officer_before]),
        ),
        (
            "overdue list of a province, first page",
            page(officer, CaseFilters(overdue=True)),
            sql_subtree(overdue_sql, [today]),
        ),
        (
            "duplicate lookup on intake (handler)",
            lambda: case_selectors.likely_duplicates(
                handler, name=probe_name[0], phone=probe_name[1], content=probe.content
            ),
            lambda: common.sql_rows(
                dup_sql, [commune.path + "%", probe.name_digest, probe.phone_digest]
            ),
        ),
        (
            "duplicate lookup on intake (province officer)",
            lambda: case_selectors.likely_duplicates(
                officer, name=probe_name[0], phone=probe_name[1], content=probe.content
            ),
            lambda: common.sql_rows(
                dup_sql, [province.path + "%", probe.name_digest, probe.phone_digest]
            ),
        ),
        (
            "public tracking-code lookup",
            lambda: case_selectors.public_lookup(tracked.tracking_code, track_phone),
            lambda: common.sql_rows(
                "SELECT c.id, c.status, c.content, c.phone_digest, u.name FROM petitions_case c "
                "JOIN units_orgunit u ON u.id = c.unit_id WHERE c.tracking_code = %s",
                [tracked.tracking_code],
            ),
        ),
    ]
    results = []
    for label, orm, sql in plan:
        a, b = common.measure_pair(orm, sql, repeat=args.repeat)
        rows = a.result if isinstance(a.result, list) else ([a.result] if a.result else [])
        results.append(Comparison(label, len(rows), a.median_ms, b.median_ms))
    print(f"## Queries (median of {args.repeat} runs, alternating with plain SQL)\n")
    print(common.comparison_table(results).render())
    print(f"\ntotal: {fmt_ms((time.perf_counter() - started) * 1000)} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

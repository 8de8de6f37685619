"""Periodic reports at national scale on PostgreSQL: a national round, its completeness dashboard,
consolidation of every figure and the consolidated DOCX.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_r \\
        .venv/bin/python bench/reports.py

It drops and recreates its own database (the name must contain "bench"), loads the official
units (34 provinces, 3,321 communes and their agencies) and tops them up with generated agencies
under the communes (set-based SQL) to ``--units`` units below the provinces, then:

1. opens a national round through the real service (``round_open``): a template of 40
   indicators, every unit below the nation must report (≈ 50,000 reports, one row each);
2. generates the reports' states (accepted, submitted, returned, draft, not started; some late),
   their narrative and 40 figures each (≈ 2 million figures) with INSERT … SELECT;
3. times, against plain SQL giving the same answer: the completeness dashboard of the country
   and of one province (``selectors.completeness``), the consolidation of all figures
   (``consolidated_figures``), a drill-down page, the per-unit figure matrix behind the Excel
   workbook, and the DOCX of the consolidated report (``exports.consolidated_docx``, against
   the SQL reading what it prints).
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_r"
INDICATORS = 40


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000, help="reporting units (≈)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per operation")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def table(model) -> str:
    return model._meta.db_table


def top_up_agencies(target: int) -> int:
    """Generated agencies under the communes until ``target`` units sit below the provinces."""
    from danvan.units.models import OrgUnit, UnitType

    below = OrgUnit.objects.filter(depth__gte=2).count()
    missing = target - below
    if missing <= 0:
        return 0
    agency = UnitType.objects.get(code="agency").pk
    units = table(OrgUnit)
    with common.cursor() as cur:
        cur.execute(
            f"""
            WITH communes AS (
                SELECT id, level, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS c
                FROM {units} WHERE depth = 2 AND unit_type_id IN (
                    SELECT id FROM units_unittype WHERE is_territory)
            )
            INSERT INTO {units} (name, short_name, name_folded, unit_type_id, level, parent_id,
                                 path, depth, created_at, updated_at)
            SELECT 'Cơ quan ' || g, '', 'co quan ' || g, %s, c.level, c.id, '', 0, now(), now()
            FROM generate_series(0, %s - 1) AS g
            JOIN communes c ON c.n = g %% c.c
            """,
            [agency, missing],
        )
        cur.execute(
            f"""
            UPDATE {units} u SET path = p.path || u.id || '/', depth = p.depth + 1
            FROM {units} p WHERE u.parent_id = p.id AND u.path = ''
            """
        )
    return missing


def make_template(admin, nation):
    from danvan.reports import services

    template = services.template_create(actor=admin, unit=nation, name="Báo cáo toàn quốc")
    first = None
    for n in range(1, INDICATORS + 1):
        indicator = services.indicator_add(
            actor=admin,
            template=template,
            code=f"ct{n:02d}",
            label=f"Chỉ tiêu {n}",
            unit_label="lượt",
            aggregation="avg" if n % 10 == 0 else "sum",
            at_most=first if n == 2 else None,
            source_key="plans.issued" if n == 1 else "",
        )
        first = first or indicator
    return template


def generate_states(report_round) -> dict[str, int]:
    """80% accepted, 5% submitted, 3% returned, 5% draft, 7% not started; 15% of those sent
    late; narrative on every sent report; 40 figures on every report that is not pending."""
    from danvan.reports.models import Submission, SubmissionValue

    subs, values = table(Submission), table(SubmissionValue)
    with common.cursor() as cur:
        cur.execute(
            f"""
            UPDATE {subs} SET
              status = CASE WHEN id %% 100 < 80 THEN 'accepted' WHEN id %% 100 < 85 THEN 'submitted'
                            WHEN id %% 100 < 88 THEN 'returned' WHEN id %% 100 < 93 THEN 'draft'
                            ELSE 'pending' END,
              is_late = (id %% 7 = 0) AND id %% 100 < 88,
              version = CASE WHEN id %% 100 < 88 THEN 1 ELSE 0 END,
              first_submitted_at = CASE WHEN id %% 100 < 88 THEN now() END,
              submitted_at = CASE WHEN id %% 100 < 88 THEN now() END,
              narrative = CASE WHEN id %% 100 < 93 THEN jsonb_build_object(
                'results', 'Kết quả đạt được của đơn vị ' || id || ': tổ chức hội nghị đối thoại, '
                           || 'xây dựng mô hình Dân vận khéo, tiếp công dân định kỳ.',
                'limitations', 'Hạn chế ' || id, 'causes', 'Nguyên nhân ' || id,
                'tasks_ahead', 'Nhiệm vụ thời gian tới ' || id, 'proposals', 'Đề xuất ' || id)
                ELSE '{{}}'::jsonb END
            WHERE round_id = %s
            """,
            [report_round.pk],
        )
        cur.execute(
            f"""
            INSERT INTO {values} (submission_id, indicator_id, value, prefilled, note)
            SELECT s.id, i.id,
                   CASE WHEN i.position = 2 THEN (s.id %% 5) ELSE ((s.id * 7 + i.id * 13) %% 50) END,
                   NULL, ''
            FROM {subs} s CROSS JOIN reports_indicator i
            WHERE s.round_id = %s AND i.template_id = %s AND s.status <> 'pending'
            """,
            [report_round.pk, report_round.template_id],
        )
    from django.db.models import Count

    return dict(
        Submission.objects.filter(round=report_round)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )


# --- Plain SQL ---------------------------------------------------------------------------

COUNTS_SQL = """
    count(*) AS expected,
    count(*) FILTER (WHERE status IN ('submitted', 'accepted')) AS submitted,
    count(*) FILTER (WHERE status = 'accepted') AS accepted,
    count(*) FILTER (WHERE status IN ('submitted', 'accepted') AND NOT is_late) AS on_time,
    count(*) FILTER (WHERE status IN ('submitted', 'accepted') AND is_late) AS late,
    count(*) FILTER (WHERE status = 'returned') AS returned,
    count(*) FILTER (WHERE status IN ('pending', 'draft')) AS missing
"""


def dashboard_sql(round_id: int, area_id: int | None = None):
    where = "s.round_id = %s" + (" AND s.area_id = %s" if area_id else "")
    params = [round_id] + ([area_id] if area_id else [])

    def run():
        total = common.sql_rows(
            f"SELECT {COUNTS_SQL} FROM reports_submission s WHERE {where}", params
        )
        by_type = common.sql_rows(
            f"""SELECT t.name, {COUNTS_SQL} FROM reports_submission s
                JOIN units_orgunit u ON u.id = s.unit_id JOIN units_unittype t ON t.id = u.unit_type_id
                WHERE {where} GROUP BY t.name ORDER BY t.name""",
            params,
        )
        by_area = common.sql_rows(
            f"""SELECT a.name, {COUNTS_SQL} FROM reports_submission s
                JOIN units_orgunit a ON a.id = s.area_id
                WHERE {where} GROUP BY a.id, a.name ORDER BY a.name""",
            params,
        )
        return total + by_type + by_area

    return run


def consolidation_sql(round_id: int):
    def run():
        return common.sql_rows(
            """SELECT i.id, i.code, CASE WHEN i.aggregation = 'avg' THEN avg(v.value)
                                          ELSE sum(v.value) END, count(v.id)
               FROM reports_indicator i
               LEFT JOIN reports_submissionvalue v ON v.indicator_id = i.id AND v.value IS NOT NULL
                 AND v.submission_id IN (SELECT id FROM reports_submission
                                         WHERE round_id = %s AND status = 'accepted')
               WHERE i.template_id = (SELECT template_id FROM reports_reportround WHERE id = %s)
               GROUP BY i.id, i.code, i.aggregation, i.position ORDER BY i.position, i.id""",
            [round_id, round_id],
        )

    return run


def drilldown_sql(round_id: int, indicator_id: int):
    def run():
        return common.sql_rows(
            """SELECT v.value, u.name, a.name FROM reports_submissionvalue v
               JOIN reports_submission s ON s.id = v.submission_id
               JOIN units_orgunit u ON u.id = s.unit_id JOIN units_orgunit a ON a.id = s.area_id
               WHERE s.round_id = %s AND s.status = 'accepted' AND v.indicator_id = %s
               ORDER BY v.submission_id LIMIT 31""",
            [round_id, indicator_id],
        )

    return run


def matrix_sql(round_id: int):
    def run():
        return common.sql_rows(
            """SELECT s.id, u.name, a.name, array_agg(v.value ORDER BY i.position, i.id)
               FROM reports_submission s JOIN units_orgunit u ON u.id = s.unit_id
               JOIN units_orgunit a ON a.id = s.area_id
               JOIN reports_submissionvalue v ON v.submission_id = s.id
               JOIN reports_indicator i ON i.id = v.indicator_id
               WHERE s.round_id = %s AND s.status = 'accepted'
               GROUP BY s.id, u.name, a.name""",
            [round_id],
        )

    return run


def docx_sql(round_id: int, keys: list[str], limit: int):
    """What the DOCX prints, read in plain SQL: the totals, the figures, the first ``limit``
    reports' narrative and, per section, how many reports wrote in it."""
    consolidation = consolidation_sql(round_id)
    dashboard = dashboard_sql(round_id)
    counts = ", ".join(
        f"count(*) FILTER (WHERE coalesce(narrative->>'{key}', '') <> '')" for key in keys
    )

    def run():
        narrative = common.sql_rows(
            """SELECT u.name, s.narrative FROM reports_submission s
               JOIN units_orgunit u ON u.id = s.unit_id JOIN units_orgunit a ON a.id = s.area_id
               WHERE s.round_id = %s AND s.status = 'accepted'
               ORDER BY a.name, u.name, s.id LIMIT %s""",
            [round_id, limit],
        )
        written = common.sql_rows(
            f"SELECT {counts} FROM reports_submission WHERE round_id = %s AND status = 'accepted'",
            [round_id],
        )
        return [dashboard(), consolidation(), narrative, written]

    return run


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/reports.py runs on PostgreSQL only.")

    from bench.units import make_user
    from danvan.accounts.models import Role
    from danvan.reports import exports, selectors, services
    from danvan.reports.models import ReportKind, SelectionMode, SubmissionValue
    from danvan.units.models import OrgUnit
    from danvan.units.services import units_load_official

    print(f"# danvan reports benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
    load = common.once(units_load_official)
    print(f"units_load_official: {fmt_ms(load.median_ms)} ms ({load.result})")
    added = common.once(lambda: top_up_agencies(args.units))
    print(
        f"generated agencies under the communes: {added.result:,} in {fmt_ms(added.median_ms)} ms"
    )
    common.analyze()

    nation = OrgUnit.objects.get(parent__isnull=True)
    admin = make_user("admin", Role.ADMIN, nation)
    template = make_template(admin, nation)
    today = dt.date.today()
    opened = common.once(
        lambda: services.round_open(
            actor=admin,
            unit=nation,
            recipient=nation,
            template=template,
            kind=ReportKind.SIX_MONTH,
            title="Báo cáo công tác dân vận 6 tháng (toàn quốc)",
            year=today.year,
            selection_mode=SelectionMode.SUBTREE,
            selection_root=nation,
            opens_on=today - dt.timedelta(days=30),
            due_date=today,
        )
    )
    report_round = opened.result
    expected = report_round.submissions.count()
    print(
        f"\nround_open (national, SUBTREE): {expected:,} reports in {fmt_ms(opened.median_ms)} ms"
    )
    generated = common.once(lambda: generate_states(report_round))
    figures = SubmissionValue.objects.filter(submission__round=report_round).count()
    print(
        f"generated states, narrative and {figures:,} figures in {fmt_ms(generated.median_ms)} ms: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(generated.result.items()))
    )
    common.analyze()

    province = max(
        OrgUnit.objects.filter(depth=1),
        key=lambda p: report_round.submissions.filter(area=p).count(),
    )
    in_province = report_round.submissions.filter(area=province).count()
    indicator = template.indicators.order_by("position").first()

    print(f"\n## Median of N={args.repeat} runs after 1 warm-up (selector against plain SQL)")
    results: list[Comparison] = []
    mismatches: list[str] = []

    def compare(
        label,
        orm,
        sql,
        rows_of=common.row_count,
        sql_rows_of=common.row_count,
        note="",
        repeat=args.repeat,
    ):
        a, b = common.measure_pair(orm, sql, repeat=repeat)
        rows_a, rows_b = rows_of(a.result), sql_rows_of(b.result)
        if rows_a != rows_b:
            mismatches.append(f"{label}: selector {rows_a} rows, SQL {rows_b}")
        results.append(Comparison(label, rows_a, a.median_ms, b.median_ms, note))
        return a, b

    def dash_rows(state):
        return 1 + len(state.by_type) + len(state.by_area)

    country, country_sql = compare(
        "completeness dashboard, country",
        lambda: selectors.completeness(report_round),
        dashboard_sql(report_round.pk),
        rows_of=dash_rows,
        note=f"{expected:,} reports",
    )
    if country.result.total.expected != country_sql.result[0][0]:
        mismatches.append("country dashboard: totals differ")
    compare(
        f"completeness dashboard, {province.name}",
        lambda: selectors.completeness(report_round, area_id=province.pk),
        dashboard_sql(report_round.pk, province.pk),
        rows_of=dash_rows,
        note=f"{in_province:,} reports",
    )
    totals, totals_sql = compare(
        "consolidation of all figures (sum / average per indicator)",
        lambda: selectors.consolidated_figures(report_round),
        consolidation_sql(report_round.pk),
        note=f"{figures:,} figures",
    )
    ours = [row.total for row in totals.result]
    theirs = [None if v is None else round(v, 2) for _i, _c, v, _n in totals_sql.result]
    if [None if v is None else round(v, 2) for v in ours] != theirs:
        mismatches.append("consolidation: totals differ between the selector and SQL")
    compare(
        "drill-down, first page of one indicator",
        lambda: list(selectors.indicator_breakdown(report_round, indicator)[:31]),
        drilldown_sql(report_round.pk, indicator.pk),
    )
    compare(
        "figure matrix (rows of the Excel sheet)",
        lambda: selectors.figure_matrix(report_round)[1],
        matrix_sql(report_round.pk),
        repeat=max(3, args.repeat // 2),
    )
    compare(
        "DOCX of the consolidated report (vs SQL reading its content)",
        lambda: exports.consolidated_docx(report_round),
        docx_sql(
            report_round.pk,
            [key for key, _title in template.section_list()],
            exports.DOCX_UNITS_PER_SECTION,
        ),
        rows_of=lambda data: 1,
        sql_rows_of=lambda rows: 1,
        note="figures + narrative, 300 units per section",
        repeat=max(3, args.repeat // 2),
    )
    print(common.comparison_table(results).render())
    xlsx = common.once(lambda: exports.figures_xlsx(report_round))
    print(
        f"\nExcel workbook of every figure (once): {fmt_ms(xlsx.median_ms)} ms, "
        f"{len(xlsx.result) / 1e6:.1f} MB"
    )
    docx = exports.consolidated_docx(report_round)
    print(f"DOCX size: {len(docx) / 1e3:.0f} kB")

    for problem in mismatches:
        print(f"ROW COUNT MISMATCH: {problem}")
    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

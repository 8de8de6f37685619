"""Plans at national scale on PostgreSQL: a cascade to every commune, its follow-up, the importer.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_plans \\
        .venv/bin/python bench/plans.py

It drops and recreates its own database (the name must contain "bench"), loads the official
units, then:

1. national cascade: for each of the 34 provinces, the province's People's Committee issues a
   plan of 30 tasks, each led by every commune People's Committee of the province, and asks
   all of them for implementing plans — through the real services (plan_create, task_create,
   plan_issue, plan_cascade), timed per province and for the whole country;
2. follow-up: ``selectors.cascade_dashboard`` for the largest province, a country-wide roll-up
   (per province: assignments done / overdue / total) through the ORM, and the leaders'
   overdue page (``overdue_assignments`` first page) of a province officer, each against plain
   SQL;
3. import: ``parse_plan`` on each of the five seed texts against splitting the text in lines.
"""

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_plans"
TASKS = 30
PAGE_SIZE = 30  # plans/views/followup.py
SEED_RUNS = 20


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT, help="runs per query")
    parser.add_argument("--tasks", type=int, default=TASKS, help="tasks per provincial plan")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def seeds_dir() -> Path:
    for candidate in (Path("/work/shared/seeds"), common.ROOT.parent / "shared" / "seeds"):
        if candidate.is_dir():
            return candidate
    raise SystemExit("No seeds directory (/work/shared/seeds or <repo>/../shared/seeds).")


def table(model) -> str:
    return model._meta.db_table


# --- 1. The national cascade ---------------------------------------------------------------


def provinces_with_committees():
    """[(province, its People's Committee, the People's Committees of its communes)]."""
    from danvan.units.models import Level, OrgUnit

    committees = OrgUnit.objects.active().filter(unit_type__code="people_committee")
    by_parent: dict[int, list] = {}
    for unit in committees.select_related("unit_type").order_by("official_code", "pk"):
        by_parent.setdefault(unit.parent_id, []).append(unit)
    provinces = OrgUnit.objects.filter(level=Level.PROVINCE, unit_type__is_territory=True)
    communes: dict[int, list[int]] = {}
    for pk, parent_id in OrgUnit.objects.filter(
        parent__in=provinces, unit_type__is_territory=True
    ).values_list("pk", "parent_id"):
        communes.setdefault(parent_id, []).append(pk)
    result = []
    for province in provinces.order_by("official_code"):
        own = by_parent[province.pk][0]
        commune_committees = [by_parent[c][0] for c in communes[province.pk] if c in by_parent]
        result.append((province, own, commune_committees))
    return result


def issue_dates() -> tuple[dt.date, int, int]:
    """Issued 300 days ago; the period runs to next year, so about half the deadlines
    (every 20 days after the issue date) have passed."""
    from django.utils import timezone

    today = timezone.localdate()
    issued = today - dt.timedelta(days=300)
    return issued, issued.year, today.year + 1


def cascade_province(leader, province, committee, communes, tasks: int) -> dict[str, float]:
    """One province's plan, created, filled, issued and cascaded through the services."""
    from danvan.plans.services import plan_cascade, plan_create, plan_issue, task_create

    issued_on, start, end = issue_dates()
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    plan = plan_create(
        actor=leader,
        unit=committee,
        title=f"Kế hoạch thực hiện công tác dân vận năm {start} của {province.name}",
        period_start=start,
        period_end=end,
    )
    section = plan.sections.order_by("position")[1]
    t1 = time.perf_counter()
    for i in range(tasks):
        task_create(
            actor=leader,
            plan=plan,
            section=section,
            content=f"Nhiệm vụ {i + 1}: tuyên truyền, vận động nhân dân thực hiện chủ trương.",
            lead_units=communes,
            deadline_kind="date",
            due_date=issued_on + dt.timedelta(days=20 * (i + 1)),
        )
    t2 = time.perf_counter()
    plan = plan_issue(actor=leader, plan=plan, number="1", symbol="KH-UBND", issued_on=issued_on)
    t3 = time.perf_counter()
    plan_cascade(actor=leader, plan=plan, units=communes, due_date=issued_on + dt.timedelta(30))
    t4 = time.perf_counter()
    times["plan_create"] = (t1 - t0) * 1000
    times[f"{tasks} × task_create"] = (t2 - t1) * 1000
    times["plan_issue"] = (t3 - t2) * 1000
    times["plan_cascade"] = (t4 - t3) * 1000
    times["total"] = (t4 - t0) * 1000
    times["plan"] = plan
    return times


def set_statuses() -> None:
    """Setup, not measured: 40 % of the assignments done, 20 % in progress."""
    from danvan.plans.models import TaskAssignment

    common.sql_rows(
        f"""
        UPDATE {table(TaskAssignment)} SET
            status = CASE WHEN id % 5 < 2 THEN 'done' WHEN id % 5 = 2 THEN 'in_progress'
                          ELSE 'not_started' END,
            progress = CASE WHEN id % 5 < 2 THEN 100 WHEN id % 5 = 2 THEN 50 ELSE 0 END
        RETURNING 1
        """
    )


# --- 2. Follow-up ------------------------------------------------------------------------


def dashboard_sql(plan, today):
    from danvan.plans.models import CascadeRequest, Plan, Task, TaskAssignment
    from danvan.units.models import OrgUnit

    query = f"""
        SELECT u.id, u.name, cr.id, cr.due_date, ip.id, ip.status, ip.issued_on,
            count(a.id),
            count(a.id) FILTER (WHERE a.status = 'done'),
            count(a.id) FILTER (WHERE a.status = 'in_progress'),
            count(a.id) FILTER (WHERE t.deadline_kind = 'date' AND t.due_date < %s
                                AND p.status = 'issued' AND a.status <> 'done'),
            sum(a.progress)
        FROM {table(TaskAssignment)} a
        JOIN {table(Task)} t ON t.id = a.task_id
        JOIN {table(Plan)} p ON p.id = t.plan_id
        JOIN {table(OrgUnit)} u ON u.id = a.unit_id
        LEFT JOIN {table(CascadeRequest)} cr ON cr.plan_id = t.plan_id AND cr.unit_id = a.unit_id
        LEFT JOIN {table(Plan)} ip ON ip.id = cr.implementing_plan_id
        WHERE t.plan_id = %s
        GROUP BY u.id, u.name, cr.id, cr.due_date, ip.id, ip.status, ip.issued_on
        ORDER BY u.name
    """
    return lambda: common.sql_rows(query, [today, plan.pk])


def rollup_orm(actor, today, *, scoped: bool = True):
    """Per province (the parent of the issuing People's Committee) of every issued top plan:
    assignments total / done / overdue, as a country page would ask the ORM."""
    from django.db.models import Count, Q

    from danvan.accounts import access
    from danvan.plans.models import AssignmentStatus, PlanStatus, TaskAssignment
    from danvan.plans.selectors import overdue_q

    def run():
        return list(
            (
                access.scope(actor, TaskAssignment.objects.all())
                if scoped
                else TaskAssignment.objects
            )
            .filter(task__plan__status=PlanStatus.ISSUED, task__plan__parent_plan__isnull=True)
            .values("task__plan__unit__parent_id", "task__plan__unit__parent__name")
            .annotate(
                total=Count("id"),
                done=Count("id", filter=Q(status=AssignmentStatus.DONE)),
                overdue=Count("id", filter=overdue_q(today)),
            )
            .order_by("task__plan__unit__parent__name")
        )

    return run


def rollup_sql(today):
    from danvan.plans.models import Plan, Task, TaskAssignment
    from danvan.units.models import OrgUnit

    query = f"""
        SELECT pu.parent_id, pr.name, count(*),
            count(*) FILTER (WHERE a.status = 'done'),
            count(*) FILTER (WHERE t.deadline_kind = 'date' AND t.due_date < %s
                             AND a.status <> 'done')
        FROM {table(TaskAssignment)} a
        JOIN {table(Task)} t ON t.id = a.task_id
        JOIN {table(Plan)} p ON p.id = t.plan_id
        JOIN {table(OrgUnit)} pu ON pu.id = p.unit_id
        JOIN {table(OrgUnit)} pr ON pr.id = pu.parent_id
        WHERE p.status = 'issued' AND p.parent_plan_id IS NULL
        GROUP BY pu.parent_id, pr.name
        ORDER BY pr.name
    """
    return lambda: common.sql_rows(query, [today])


def overdue_page_sql(province, today, order: str = "sort_done, sort_due, a.id"):
    from bench.units import columns
    from danvan.plans.models import Plan, PlanSection, Task, TaskAssignment
    from danvan.units.models import OrgUnit

    query = f"""
        SELECT {columns("a", TaskAssignment)}, {columns("u", OrgUnit)}, {columns("t", Task)},
            {columns("p", Plan)}, {columns("pu", OrgUnit)}, {columns("s", PlanSection)},
            CASE WHEN a.status = 'done' THEN 1 ELSE 0 END AS sort_done,
            COALESCE(t.next_due, DATE '9999-12-31') AS sort_due
        FROM {table(TaskAssignment)} a
        JOIN {table(OrgUnit)} u ON u.id = a.unit_id
        JOIN {table(Task)} t ON t.id = a.task_id
        JOIN {table(Plan)} p ON p.id = t.plan_id
        JOIN {table(OrgUnit)} pu ON pu.id = p.unit_id
        LEFT JOIN {table(PlanSection)} s ON s.id = t.section_id
        WHERE u.path LIKE %s AND p.status = 'issued' AND t.deadline_kind = 'date'
            AND t.due_date < %s AND a.status <> 'done'
        ORDER BY {order}
        LIMIT %s
    """
    return lambda: common.sql_rows(query, [province.path + "%", today, PAGE_SIZE + 1])


# --- 3. Import -----------------------------------------------------------------------------


def import_rows(repeat: int) -> tuple[list[Comparison], list[str]]:
    from danvan.lib.plan_text import parse_plan

    items, notes = [], []
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parse, split = common.measure_pair(
            lambda text=text: parse_plan(text),
            lambda text=text: [line.strip() for line in text.splitlines() if line.strip()],
            repeat=repeat,
        )
        draft = parse.result
        tasks = sum(len(s.tasks) for s in draft.sections)
        items.append(
            Comparison(
                f"parse_plan {path.name[:3]} vs splitlines",
                len(split.result),
                parse.median_ms,
                split.median_ms,
                note=f"{len(text):,} chars, {tasks} tasks",
            )
        )
        notes.append(
            f"{path.name}: {len(text):,} chars, {len(split.result)} lines, "
            f"{len(draft.sections)} sections, {tasks} tasks, {len(draft.citations)} citations"
        )
    return items, notes


# --- Main ----------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/plans.py runs on PostgreSQL only.")
    from django.utils import timezone

    from bench.units import make_user
    from danvan.accounts.models import Role
    from danvan.plans import selectors
    from danvan.plans.models import CascadeRequest, TaskAssignment
    from danvan.units.services import units_load_official

    print(f"# danvan plans benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
    load = common.once(units_load_official)
    print(f"units_load_official: {fmt_ms(load.median_ms)} ms ({load.result})\n")
    common.analyze()

    print(f"## 1. National cascade ({args.tasks} tasks per provincial plan)")
    provinces = provinces_with_committees()
    per_province = []
    country_started = time.perf_counter()
    for index, (province, committee, communes) in enumerate(provinces):
        leader = make_user(f"leader{index}", Role.LEADER, province)
        times = cascade_province(leader, province, committee, communes, args.tasks)
        per_province.append((province, communes, leader, times))
    country_ms = (time.perf_counter() - country_started) * 1000
    assignments = TaskAssignment.objects.count()
    requests = CascadeRequest.objects.count()
    communes_total = sum(len(c) for _p, c, _l, _t in per_province)
    print(
        f"{len(per_province)} provinces, {communes_total:,} commune People's Committees: "
        f"{assignments:,} assignments, {requests:,} cascade requests"
    )
    phases = [k for k in per_province[0][3] if k != "plan"]
    largest = max(per_province, key=lambda item: len(item[1]))
    smallest = min(per_province, key=lambda item: len(item[1]))
    cascade = common.Table(
        [
            "phase",
            "median per province ms",
            f"smallest ({len(smallest[1])} communes) ms",
            f"largest ({len(largest[1])} communes) ms",
            "country ms",
        ]
    )
    for phase in phases:
        values = [t[phase] for _p, _c, _l, t in per_province]
        cascade.add(
            phase,
            fmt_ms(statistics.median(values)),
            fmt_ms(smallest[3][phase]),
            fmt_ms(largest[3][phase]),
            fmt_ms(sum(values)),
        )
    print(cascade.render())
    print(
        f"country, wall time including the 34 users: {fmt_ms(country_ms)} ms "
        f"({country_ms / 1000:.1f} s); largest province: {largest[0].name}\n"
    )

    set_statuses()
    common.analyze()
    today = timezone.localdate()
    province, communes, leader, times = largest
    plan = times["plan"]
    officer = make_user("officer", Role.BDV_OFFICER, province)
    from danvan.units.models import OrgUnit

    admin = make_user("admin", Role.ADMIN, OrgUnit.objects.get(parent__isnull=True))

    print(f"## 2. Follow-up (median of N={args.repeat} runs after 1 warm-up, today {today})")
    results: list[Comparison] = []
    mismatches: list[str] = []
    explained: dict[str, object] = {}

    def compare(label, orm, sql, rows_of=common.row_count, note=""):
        a, b = common.measure_pair(orm, sql, repeat=args.repeat)
        rows_a, rows_b = rows_of(a.result), common.row_count(b.result)
        if rows_a != rows_b:
            mismatches.append(f"{label}: ORM {rows_a} rows, SQL {rows_b}")
        results.append(Comparison(label, rows_a, a.median_ms, b.median_ms, note))
        explained[label] = orm
        return a, b

    dash, dash_sql = compare(
        f"cascade_dashboard ({province.name})",
        lambda: selectors.cascade_dashboard(plan, today),
        dashboard_sql(plan, today),
        note=f"{len(communes) * args.tasks:,} assignments",
    )
    overdue_dash = sum(row.overdue for row in dash.result)
    overdue_sql = sum(row[10] for row in dash_sql.result)
    if overdue_dash != overdue_sql:
        mismatches.append(f"dashboard overdue: {overdue_dash} vs {overdue_sql}")

    rollup, rollup_plain = compare(
        "country roll-up: access.scope + values().annotate()",
        rollup_orm(admin, today),
        rollup_sql(today),
        note=f"{assignments:,} assignments",
    )
    orm_totals = sorted((r["total"], r["done"], r["overdue"]) for r in rollup.result)
    sql_totals = sorted(tuple(r[2:5]) for r in rollup_plain.result)
    if orm_totals != sql_totals:
        mismatches.append("country roll-up: totals differ between ORM and SQL")

    compare(
        "country roll-up: the same without access.scope",
        rollup_orm(admin, today, scoped=False),
        rollup_sql(today),
        note="diagnostic",
    )
    plans = [t["plan"] for _p, _c, _l, t in per_province]
    compare(
        "country roll-up: 34 × cascade_dashboard",
        lambda: [selectors.cascade_dashboard(p, today) for p in plans],
        rollup_sql(today),
        rows_of=lambda result: len(result),
        note="one dashboard per province",
    )
    overdue_total = selectors.overdue_assignments(officer, today).count()
    compare(
        f"overdue_assignments first page (officer, {province.name})",
        lambda: (
            selectors.deadline_page(
                selectors.overdue_assignments(officer, today), None, PAGE_SIZE, all_overdue=True
            ).items
        ),
        overdue_page_sql(province, today, order="t.due_date, a.id"),
        rows_of=lambda items: len(items) + 1 if len(items) == PAGE_SIZE else len(items),
        note=f"of {overdue_total:,} overdue; ordered by deadline, id",
    )
    print(common.comparison_table(results).render())
    print(
        "(overdue page: the plain SQL fetches PAGE_SIZE + 1 rows, as deadline_page does "
        "to know whether a next page exists)\n"
    )

    print(f"## 3. Import: parse_plan, median of {SEED_RUNS} runs")
    imports, notes = import_rows(SEED_RUNS)
    for line in notes:
        print(line)
    print()
    print(common.comparison_table(imports).render())

    print("\n## 4. Plans of the ORM statements with a ratio over 2× or a median over 50 ms")
    for item in results:
        slow = item.orm_ms > 50 or (item.ratio is not None and item.ratio > 2)
        if not slow or item.operation not in explained:
            continue
        statements = common.captured_sql(explained[item.operation])
        print(f"\n### {item.operation}: {len(statements)} statements")
        if len(statements) > 6:
            print("(one dashboard per province: see the dashboard above)")
            continue
        timed_plans = []
        for statement in statements:
            lines = common.explain(statement)
            took = next((x for x in lines if x.startswith("Execution Time")), "")
            timed_plans.append((float(took.split()[2]) if took else 0.0, statement, lines))
            print(f"- {took or '?'}: {statement[:200]}{' …' if len(statement) > 200 else ''}")
        _ms, _statement, lines = max(timed_plans, key=lambda item: item[0])
        print("\nEXPLAIN ANALYZE of the slowest:")
        for line in lines[:45]:
            print("    " + line)
        if len(lines) > 45:
            print(f"    … ({len(lines) - 45} more lines)")

    for problem in mismatches:
        print(f"ROW COUNT MISMATCH: {problem}")
    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

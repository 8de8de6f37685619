"""National-scale benchmark of the organisation tree: ~100,000 units, ORM against plain SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench .venv/bin/python bench/units.py
    DATABASE_URL=sqlite:////tmp/danvan_bench.sqlite3 .venv/bin/python bench/units.py

It drops and recreates its own database (the name must contain "bench"), loads the official
list, adds generated villages and residential groups under every commune, then times the
queries the tree pages and the search box run, each against the same answer in plain SQL.
"""

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

TARGET_UNITS = 100_000
SEARCHES = [
    ("truong son", "no diacritics, two words"),
    ("Trường Sơn", "with diacritics"),
    ("hoàn kiếm", "rare"),
    ("thon", "common word"),
    ("ubnd", "common word"),
    ("xa", "two letters"),
    ("qwxyz", "no match"),
]
VILLAGE_NAMES = [
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Yên Bình", "Tân Lập", "Phú Lợi",
    "An Hòa", "Hòa Bình", "Quyết Tiến", "Đồng Tâm", "Thành Công", "Tân Tiến", "Bình Minh",
    "Phú Mỹ", "Đoàn Kết", "Thống Nhất", "Hợp Nhất", "Minh Khai", "Tiền Phong", "Cầu Đá",
]  # fmt: skip


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT, help="runs per query")
    parser.add_argument("--target", type=int, default=TARGET_UNITS, help="units in the tree")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


# --- Building the tree -------------------------------------------------------------------


def add_villages(target: int) -> tuple[int, float, float]:
    """Add villages (xã, đặc khu) or residential groups (phường) until the tree has ``target``
    units. Returns (units added, insert ms, path ms)."""
    from danvan.lib.text import fold
    from danvan.units.models import Level, OrgUnit, UnitType
    from danvan.units.services import _fill_paths

    rng = random.Random(2025)
    communes = list(
        OrgUnit.objects.filter(level=Level.COMMUNE, unit_type__is_territory=True)
        .order_by("official_code")
        .values_list("id", "unit_type__code")
    )
    extra = max(0, target - OrgUnit.objects.count())
    weights = [rng.uniform(0.4, 1.6) for _ in communes]
    total = sum(weights)
    counts = [int(extra * w / total) for w in weights]
    for i in range(extra - sum(counts)):
        counts[i % len(counts)] += 1
    village = UnitType.objects.get(code="village")
    group = UnitType.objects.get(code="residential_group")
    units = []
    for (commune_id, type_code), count in zip(communes, counts, strict=True):
        named = rng.sample(VILLAGE_NAMES, k=rng.randint(0, min(count, len(VILLAGE_NAMES))))
        for i in range(1, count + 1):
            if type_code == "ward":
                unit_type, name = group, f"Tổ dân phố {i}"
            else:
                label = named[i - 1] if i <= len(named) else str(i)
                unit_type, name = village, f"Thôn {label}"
            units.append(
                OrgUnit(
                    name=name,
                    name_folded=fold(name),
                    unit_type=unit_type,
                    level=Level.VILLAGE,
                    parent_id=commune_id,
                )
            )
    started = time.perf_counter()
    OrgUnit.objects.bulk_create(units, batch_size=2000)
    insert_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    _fill_paths(OrgUnit.objects.filter(path=""))
    paths_ms = (time.perf_counter() - started) * 1000
    return len(units), insert_ms, paths_ms


def make_user(username: str, role: str, unit):
    from danvan.accounts.models import RoleGrant, User

    user = User(username=username, full_name=username, home_unit=unit)
    user.set_unusable_password()
    user.save()
    RoleGrant.objects.create(user=user, role=role, unit=unit)
    user.active_grants()  # cached, as after the first access check of a request
    return user


# --- Plain SQL ---------------------------------------------------------------------------


def columns(alias: str, model) -> str:
    return ", ".join(f"{alias}.{f.column}" for f in model._meta.concrete_fields)


def plain_sql():
    from danvan.units.models import OrgUnit, UnitType

    unit, kind = columns("u", OrgUnit), columns("t", UnitType)
    other = columns("o", OrgUnit)
    return {
        "subtree": f"SELECT {unit} FROM units_orgunit u WHERE u.path LIKE %s",
        "ancestors": (
            "WITH RECURSIVE anc(id, parent_id, name, path, hops) AS ("
            " SELECT id, parent_id, name, path, 0 FROM units_orgunit WHERE id = %s"
            " UNION ALL"
            " SELECT u.id, u.parent_id, u.name, u.path, anc.hops + 1"
            " FROM units_orgunit u JOIN anc ON u.id = anc.parent_id)"
            " SELECT id, name, path FROM anc WHERE hops > 0 ORDER BY hops DESC"
        ),
        "children": (
            f"SELECT {unit}, {kind}, {other},"
            " EXISTS (SELECT 1 FROM units_orgunit c WHERE c.parent_id = u.id) AS has_children"
            " FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id"
            " LEFT JOIN units_orgunit o ON o.id = u.successor_id"
            " WHERE u.parent_id = %s {scope}"
            " ORDER BY t.is_territory DESC, t.ordering, u.name"
        ),
        "search": (
            f"SELECT {unit}, {kind}, {other}"
            " FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id"
            " LEFT JOIN units_orgunit o ON o.id = u.parent_id"
            " WHERE {terms} {scope}"
            " ORDER BY u.depth, t.ordering, u.name, u.id LIMIT %s"
        ),
    }


# --- The measurements --------------------------------------------------------------------


class Bench:
    def __init__(self, repeat: int):
        self.repeat = repeat
        self.results: list[Comparison] = []
        self.plans: list[tuple[str, list[str]]] = []
        self.mismatches: list[str] = []

    def compare(self, operation, orm_fn, sql_query, sql_params=(), *, note=""):
        """Time ``orm_fn`` and the plain SQL in alternation; keep the plan of the ORM's SQL."""
        orm, raw = common.measure_pair(
            orm_fn, lambda: common.sql_rows(sql_query, sql_params), repeat=self.repeat
        )
        rows = common.row_count(orm.result)
        if common.row_count(raw.result) != rows:
            self.mismatches.append(
                f"{operation}: ORM {rows} rows, plain SQL {common.row_count(raw.result)}"
            )
        self.results.append(Comparison(operation, rows, orm.median_ms, raw.median_ms, note))
        statements = common.captured_sql(orm_fn)
        self.plans.append((operation, common.explain(statements[-1])))
        print(f"  {operation}: {rows} rows, {fmt_ms(orm.median_ms)} ms", flush=True)


def scan_summary(plan: list[str]) -> str:
    """The scans, sorts and execution time of a plan, on one line."""
    if common.vendor() != "postgresql":
        return "; ".join(plan)
    keep = []
    for line in plan:
        text = re.sub(r"\s*\(cost=[^)]*\)", "", line.strip().lstrip("-> ").strip())
        if "Scan" in text or "Sort Method" in text or text.startswith("Execution Time"):
            keep.append(re.sub(r"\s+", " ", text))
    return "; ".join(keep)


def run_queries(bench: Bench, officer, admin, province, commune, village) -> None:
    from danvan.accounts import access
    from danvan.lib.text import search_terms
    from danvan.units import selectors
    from danvan.units.models import OrgUnit

    sql = plain_sql()
    scope = "AND u.path LIKE %s"
    for label, unit in (("province", province), ("commune", commune)):
        bench.compare(
            f"subtree of {label}: OrgUnit.objects.subtree_of",
            lambda unit=unit: list(OrgUnit.objects.subtree_of(unit)),
            sql["subtree"],
            [unit.path + "%"],
        )
    bench.compare(
        "subtree of province: access.scope (officer)",
        lambda: list(access.scope(officer, OrgUnit.objects.all(), "units.view")),
        sql["subtree"],
        [province.path + "%"],
    )
    for label, unit in (("commune", commune), ("village", village)):
        bench.compare(
            f"ancestors of {label}: selectors.unit_ancestors",
            lambda unit=unit: selectors.unit_ancestors(unit, officer),
            sql["ancestors"],
            [unit.pk],
            note="plain SQL: recursive CTE",
        )
    for label, unit in (("province", province), ("commune", commune)):
        for who, actor, extra in (("admin", admin, ""), ("officer", officer, scope)):
            bench.compare(
                f"children of {label}: selectors.unit_children ({who})",
                lambda unit=unit, actor=actor: selectors.unit_children(actor, unit),
                sql["children"].format(scope=extra),
                [unit.pk, province.path + "%"] if extra else [unit.pk],
            )
    searches = [(q, note, admin, "admin") for q, note in SEARCHES]
    searches += [
        ("thon", "common word", officer, "officer"),
        ("son", "common syllable", officer, "officer"),
    ]
    for query, note, actor, who in searches:
        terms = search_terms(query)
        where = " AND ".join("u.name_folded LIKE %s" for _ in terms)
        params = [f"%{t}%" for t in terms]
        if who == "officer":
            params.append(province.path + "%")
        bench.compare(
            f'search "{query}": selectors.unit_search ({who})',
            lambda q=query, a=actor: selectors.unit_search(a, q),
            sql["search"].format(terms=where, scope=scope if who == "officer" else ""),
            params + [selectors.SEARCH_LIMIT],
            note=note,
        )


# --- Candidate fixes, measured here before anyone changes the app -------------------------


def search_two_step(actor, query: str) -> list:
    """unit_search choosing the 50 ids first (a narrow sort), then loading those rows."""
    from danvan.units import selectors
    from danvan.units.models import OrgUnit

    qs = selectors.unit_search_queryset(actor, query)
    ids = list(
        qs.order_by("depth", "unit_type__ordering", "name", "id").values_list("pk", flat=True)[
            : selectors.SEARCH_LIMIT
        ]
    )
    rows = OrgUnit.objects.filter(pk__in=ids).select_related("unit_type", "parent")
    by_id = {unit.pk: unit for unit in rows}
    return [by_id[pk] for pk in ids]


def children_lean(actor, unit) -> list:
    """unit_children loading only what a tree node shows (name, dates, type name, has_children)."""
    from django.db.models import Exists, OuterRef

    from danvan.units import selectors
    from danvan.units.models import OrgUnit

    qs = (
        selectors.unit_queryset(actor)
        .filter(parent=unit)
        .select_related("unit_type")
        .only("id", "name", "valid_from", "valid_to", "unit_type__name")
        .annotate(has_children=Exists(OrgUnit.objects.filter(parent=OuterRef("pk"))))
    )
    return list(qs.order_by("-unit_type__is_territory", "unit_type__ordering", "name"))


def candidate_fixes(repeat: int, officer, admin, province, commune) -> common.Table:
    from danvan.accounts import access
    from danvan.units import selectors
    from danvan.units.models import OrgUnit

    table = common.Table(
        ["change", "operation", "rows", "now ms", "with change ms", "speed-up"], align="llrrrr"
    )

    def row(change, operation, now_fn, fixed_fn):
        now, fixed = common.measure_pair(now_fn, fixed_fn, repeat=repeat)
        if [u.pk for u in now.result] != [u.pk for u in fixed.result]:
            raise SystemExit(f"candidate fix changes the answer of {operation}")
        add(change, operation, now, fixed)

    def add(change, operation, now, fixed):
        table.add(
            change,
            operation,
            f"{len(now.result):,}",
            fmt_ms(now.median_ms),
            fmt_ms(fixed.median_ms),
            f"{now.median_ms / fixed.median_ms:.1f}×",
        )

    row(
        '.defer("created_at", "updated_at")',
        "subtree of province",
        lambda: list(OrgUnit.objects.subtree_of(province)),
        lambda: list(OrgUnit.objects.subtree_of(province).defer("created_at", "updated_at")),
    )
    row(
        "tree node: .only(shown fields), no successor join",
        "children of province (officer)",
        lambda: selectors.unit_children(officer, province),
        lambda: children_lean(officer, province),
    )
    for query in ("thon", "xa", "truong son"):
        row(
            "search: ids first, then rows",
            f'search "{query}" (admin)',
            lambda q=query: selectors.unit_search(admin, q),
            lambda q=query: search_two_step(admin, q),
        )
    if common.vendor() == "sqlite":
        checks = [
            ("subtree of commune", lambda: list(OrgUnit.objects.subtree_of(commune))),
            (
                "subtree of province: access.scope (officer)",
                lambda: list(access.scope(officer, OrgUnit.objects.all(), "units.view")),
            ),
            ('search "thon" (officer)', lambda: selectors.unit_search(officer, "thon")),
        ]
        before = [(op, common.measure(fn, repeat=repeat), fn) for op, fn in checks]
        with common.cursor() as cur:
            cur.execute("CREATE INDEX bench_path_nocase_idx ON units_orgunit (path COLLATE NOCASE)")
            cur.execute("ANALYZE")
        try:
            for operation, now, fn in before:
                add(
                    "SQLite index (path COLLATE NOCASE)",
                    operation,
                    now,
                    common.measure(fn, repeat=repeat),
                )
        finally:
            with common.cursor() as cur:
                cur.execute("DROP INDEX bench_path_nocase_idx")
    return table


def print_plans(bench: Bench) -> None:
    kind = "EXPLAIN ANALYZE" if common.vendor() == "postgresql" else "EXPLAIN QUERY PLAN"
    print(f"\n## Plans of the ORM statements ({kind})\n")
    for operation, plan in bench.plans:
        flag = ""
        if operation.startswith("search") and common.vendor() == "postgresql":
            used = any("orgunit_name_trgm_idx" in line for line in plan)
            flag = " [pg_trgm index used]" if used else " [pg_trgm index NOT used]"
        print(f"- {operation}{flag}: {scan_summary(plan)}")
    if common.vendor() != "postgresql":
        return
    for wanted in ('search "truong son"', 'search "thon": selectors.unit_search (admin)'):
        full = [p for p in bench.plans if p[0].startswith(wanted)]
        if full:
            print(f"\nFull plan of {full[0][0]}:")
            for line in full[0][1]:
                print("    " + line)


def pick_units():
    """The province with the largest subtree, its commune with the most children, a village."""
    from django.db.models import Count

    from danvan.units.models import Level, OrgUnit

    province = max(
        OrgUnit.objects.filter(level=Level.PROVINCE, unit_type__is_territory=True),
        key=lambda p: OrgUnit.objects.subtree_of(p).count(),
    )
    commune = (
        OrgUnit.objects.filter(parent=province, unit_type__is_territory=True)
        .annotate(n=Count("children"))
        .order_by("-n", "official_code")
        .first()
    )
    village = OrgUnit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("pk").first()
    return province, commune, village


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup()
    from danvan.accounts.models import Role
    from danvan.units.models import Level, OrgUnit
    from danvan.units.services import units_load_official

    print(f"# danvan units benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms\n")

    print("## 1. Official list")
    first = common.once(units_load_official)
    print(f"units_load_official, empty database: {fmt_ms(first.median_ms)} ms ({first.result})")
    second = common.once(units_load_official)
    print(f"units_load_official, second run: {fmt_ms(second.median_ms)} ms ({second.result})")
    print(f"units after the official list: {OrgUnit.objects.count():,}\n")

    print("## 2. Villages and residential groups")
    added, insert_ms, paths_ms = add_villages(args.target)
    common.analyze()
    total = OrgUnit.objects.count()
    villages = OrgUnit.objects.filter(level=Level.VILLAGE).count()
    print(
        f"added {added:,} units: bulk_create {fmt_ms(insert_ms)} ms, "
        f"_fill_paths {fmt_ms(paths_ms)} ms (then ANALYZE)"
    )
    print(f"total units: {total:,} (villages/residential groups {villages:,})\n")

    print(f"## 3. Queries (median of N={args.repeat} runs after 1 warm-up)")
    province, commune, village = pick_units()
    for label, unit in (("province", province), ("commune", commune), ("village", village)):
        size = OrgUnit.objects.subtree_of(unit).count()
        print(f"{label}: {unit.name} (id {unit.pk}, path {unit.path}, subtree {size:,} units)")
    nation = OrgUnit.objects.get(parent__isnull=True)
    admin = make_user("bench_admin", Role.ADMIN, nation)
    officer = make_user("bench_officer", Role.BDV_OFFICER, province)
    print(
        f"admin: {Role.ADMIN} grant over {nation}; officer: {Role.BDV_OFFICER} grant over {province}"
    )
    if common.vendor() == "postgresql":
        found = common.sql_rows(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'orgunit_name_trgm_idx'"
        )
        print(f"pg_trgm index: {found[0][0] if found else 'ABSENT (migration units 0002)'}")
    bench = Bench(args.repeat)
    run_queries(bench, officer, admin, province, commune, village)

    print(f"\n## 4. Results (N={args.repeat}, {common.vendor()})\n")
    print(common.comparison_table(bench.results).render())
    print_plans(bench)

    print(f"\n## 5. Candidate fixes, measured in this script only (N={args.repeat})\n")
    print(candidate_fixes(args.repeat, officer, admin, province, commune).render())

    for problem in bench.mismatches:
        print(f"ROW COUNT MISMATCH: {problem}")
    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 1 if bench.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

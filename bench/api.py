"""API list latency at national scale: GET /api/v1/units/ against the plain SQL of the same page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_api .venv/bin/python bench/api.py

It drops and recreates its own database (the name must contain "bench"), builds the ~100,000
unit tree of bench/units.py (official list plus generated villages), issues a personal API
token to a national administrator and to a province officer, then times, through Django's
test Client with ``Authorization: Bearer``, the first page and a deep page (cursor at row
50,000) of ``?page_size=50``. Each is compared with the ORM query alone and with plain SQL
returning the same rows, so the ratio shows what the HTTP stack (middleware, token check,
access scope, serializer, JSON) costs on top of the database.

Throttling stays on (set DANVAN_API_RATE_USER to change the rate; the default here is high
enough for the run). With REDIS_URL set, the throttle counts live in Redis, as in production.
"""

import argparse
import base64
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_api"
PAGE_SIZE = 50
DEEP_ROW = 50_000


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT, help="runs per case")
    parser.add_argument("--target", type=int, default=100_000, help="units in the tree")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def cursor_at(position_id: int) -> str:
    """DRF's cursor for "rows after ``position_id``" (ordering -id): base64 of p=<id>."""
    return base64.b64encode(urlencode({"p": str(position_id)}).encode()).decode()


def page_sql(scoped: bool, deep: bool) -> str:
    from bench.units import columns
    from danvan.units.models import OrgUnit, UnitType

    where = []
    if scoped:
        where.append("u.path LIKE %s")
    if deep:
        where.append("u.id < %s")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return (
        f"SELECT {columns('u', OrgUnit)}, {columns('t', UnitType)}"
        " FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id"
        f"{clause} ORDER BY u.id DESC LIMIT {PAGE_SIZE + 1}"
    )


def orm_page(actor, before_id: int | None):
    """The rows the endpoint's queryset yields for one page, without HTTP or serializer."""
    from danvan.units import selectors

    qs = selectors.unit_queryset(actor).select_related("unit_type").order_by("-id")
    if before_id is not None:
        qs = qs.filter(id__lt=before_id)
    return list(qs[: PAGE_SIZE + 1])


def http_page(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.content[:300]}")
    return response.json()["results"]


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    os.environ.setdefault("DANVAN_API_RATE_USER", "100000/hour")
    common.setup(DEFAULT_DATABASE_URL)
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from bench.units import add_villages, make_user, pick_units
    from danvan.accounts.models import Role
    from danvan.api.services import token_create
    from danvan.units.models import OrgUnit
    from danvan.units.services import units_load_official

    print(f"# danvan API benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    common.recreate_database()
    for line in common.machine_info():
        print(line)
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES")
    auth = settings.REST_FRAMEWORK.get("DEFAULT_AUTHENTICATION_CLASSES", [])
    print(f"throttle cache: {cache}; rates: {rates}")
    if not any(path.endswith("ApiTokenAuthentication") for path in auth):
        raise SystemExit(
            "Token authentication is not configured in REST_FRAMEWORK (see danvan/api/conf.py)."
        )

    units_load_official()
    added, _, _ = add_villages(args.target)
    common.analyze()
    total = OrgUnit.objects.count()
    province, _, _ = pick_units()
    nation = OrgUnit.objects.get(parent__isnull=True)
    in_province = OrgUnit.objects.subtree_of(province).count()
    print(f"units: {total:,}; province {province.name}: {in_province:,} units in its subtree\n")

    people = []
    for label, role, unit, size in (
        ("admin (whole country)", Role.ADMIN, nation, total),
        ("province officer", Role.BDV_OFFICER, province, in_province),
    ):
        user = make_user(f"bench_{role}", role, unit)
        secret = token_create(actor=user, name="bench", expires_at=None).secret
        client = Client(SERVER_NAME="localhost", headers={"Authorization": f"Bearer {secret}"})
        people.append((label, user, client, unit, size))

    url = reverse("api:unit-list")
    results: list[Comparison] = []
    plans: list[tuple[str, list[str]]] = []
    mismatches: list[str] = []
    print(f"## Timings (median of N={args.repeat} after 1 warm-up; page_size={PAGE_SIZE})\n")
    for label, user, client, unit, size in people:
        scoped = unit.pk != nation.pk
        deep_row = min(DEEP_ROW, size - PAGE_SIZE - 1)
        ids = common.sql_rows(
            "SELECT u.id FROM units_orgunit u"
            + (" WHERE u.path LIKE %s" if scoped else "")
            + f" ORDER BY u.id DESC OFFSET {deep_row} LIMIT 1",
            [unit.path + "%"] if scoped else None,
        )
        before_id = ids[0][0]
        for page, deep in (("first page", False), (f"page at row {deep_row:,}", True)):
            target = f"{url}?page_size={PAGE_SIZE}" + (
                f"&cursor={cursor_at(before_id)}" if deep else ""
            )
            params = ([unit.path + "%"] if scoped else []) + ([before_id] if deep else [])
            sql = page_sql(scoped, deep)
            http, raw = common.measure_pair(
                lambda c=client, t=target: http_page(c, t),
                lambda s=sql, p=params: common.sql_rows(s, p or None),
                repeat=args.repeat,
            )
            orm = common.measure(
                lambda u=user, b=(before_id if deep else None): orm_page(u, b), repeat=args.repeat
            )
            got = [row["id"] for row in http.result]
            want = [row[0] for row in raw.result][:PAGE_SIZE]
            if got != want:
                mismatches.append(f"{label}, {page}: API ids differ from plain SQL")
            name = f"{label}, {page}"
            results.append(
                Comparison(f"{name}: GET with token", len(got), http.median_ms, raw.median_ms)
            )
            results.append(
                Comparison(
                    f"{name}: ORM queryset only", len(orm.result) - 1, orm.median_ms, raw.median_ms
                )
            )
            statements = common.captured_sql(lambda c=client, t=target: http_page(c, t))
            plans.append((name, common.explain(statements[-1])))
            print(f"  {name}: {fmt_ms(http.median_ms)} ms over HTTP, {fmt_ms(raw.median_ms)} ms SQL, "
                  f"{len(statements)} queries per request", flush=True)  # fmt: skip

    print(f"\n## Results (N={args.repeat}, {common.vendor()}; ratio = median / plain SQL)\n")
    print(common.comparison_table(results).render())
    if common.vendor() == "postgresql":
        print("\n## Plans of the page query the endpoint ran\n")
        from bench.units import scan_summary

        for name, plan in plans:
            print(f"- {name}: {scan_summary(plan)}")
    for problem in mismatches:
        print(f"MISMATCH: {problem}")
    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

"""``manage.py import_plan FILE --json``: the proposed draft on stdout, nothing saved; a bad file
is one clear line on stderr and exit code 1, never a traceback."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from danvan.plans.models import Plan, Task
from danvan.units.tests.factories import OrgUnitFactory, unit_type

_HERE = Path(__file__).resolve()
SEED_001 = next(
    (
        p / "001_8431f30f6f576b05.txt"
        for p in (_HERE.parents[3].parent / "shared" / "seeds", Path("/work/shared/seeds"))
        if p.is_dir()
    ),
    None,
)
PLAN = (
    "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n\n"
    "II. NỘI DUNG\n1. Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh kiểm tra việc tiếp công dân, "
    "báo cáo trước ngày 15/12/2024.\n2. Định kỳ 6 tháng (10/6), một năm (01/11) các sở, ngành "
    "báo cáo kết quả.\n"
)


def run(*args) -> dict:
    out = io.StringIO()
    call_command("import_plan", *args, stdout=out)
    return json.loads(out.getvalue())


def run_cli(*args, capsys) -> tuple[int, str, str]:
    """As from the shell: the exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as ended:
        ManagementUtility(["manage.py", "import_plan", *map(str, args)]).execute()
        raise SystemExit(0)
    captured = capsys.readouterr()
    return ended.value.code, captured.out, captured.err


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "ke-hoach.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_json_has_header_citations_sections_tasks_units_and_deadlines(plan_file):
    data = run(str(plan_file), "--json")
    assert data["header"]["title"] == "Thực hiện công tác dân vận chính quyền năm 2024"
    assert [s["title"] for s in data["sections"]] == ["NỘI DUNG"]
    first, second = data["sections"][0]["tasks"]
    assert (first["responsible"], first["roles"]) == (
        ["Sở Nội vụ", "Thanh tra tỉnh"],
        ["lead", "support"],
    )
    assert first["deadline"] == {
        "kind": "date",
        "date": "2024-12-15",
        "recurring": [],
        "text": "trước ngày 15/12/2024",
    }
    assert second["deadline"]["recurring"] == [[10, 6], [1, 11]]
    assert "unit_matches" not in data
    assert Plan.objects.count() == Task.objects.count() == 0  # nothing saved


@pytest.mark.skipif(SEED_001 is None, reason="the shared seeds are not here")
@pytest.mark.django_db
def test_a_seed_with_its_citations():
    data = run(str(SEED_001), "--json")
    assert data["legal_bases"] == ["1338-QĐ/TU", "4021/CTPH/UBND-BDVTU"]
    assert [c["code"] for c in data["citations"]][2:] == [
        "58-CTr/TU",
        "18/2000/CT-TTg",
        "30c/NQ-CP",
    ]
    assert sum(len(s["tasks"]) for s in data["sections"]) == 17


def test_units_are_matched_in_the_territory_of_unit(plan_file, cast):
    department = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        parent=cast.tree.province,
        unit_type=unit_type("home_affairs"),
    )
    for value in ("44", str(cast.tree.province.pk)):  # official code or id
        data = run(str(plan_file), "--json", "--unit", value)
        assert data["unit_matches"] == {
            "Sở Nội vụ": {"id": department.pk, "name": "Sở Nội vụ tỉnh Quảng Trị"},
            "Thanh tra tỉnh": None,
        }


def test_the_summary_without_json(plan_file, capsys):
    code, out, _err = run_cli(plan_file, capsys=capsys)
    assert code == 0
    assert "II. NỘI DUNG (2 tasks)" in out
    assert "[support] Thanh tra tỉnh" in out
    assert "deadline: trước ngày 15/12/2024 (2024-12-15)" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", bytes(range(256)) * 40, "is not readable text"),
        ("corrupt.docx", b"PK\x03\x04 not really a zip file", "damaged or is not a Word document"),
        ("plan.pdf", b"%PDF-1.4 ...", "Only .docx and .txt files can be imported."),
    ],
)
def test_a_bad_file_is_one_line_and_exit_code_1(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run_cli(path, "--json", capsys=capsys)
    assert code == 1
    assert out == ""
    assert err.strip().count("\n") == 0 and message in err
    assert "Traceback" not in err


def test_a_missing_file_is_an_error(tmp_path, capsys):
    code, _out, err = run_cli(tmp_path / "none.txt", capsys=capsys)
    assert code == 1 and "no such file" in err


@pytest.mark.django_db
def test_an_unknown_unit_is_an_error(plan_file):
    # run_cli would close the test's database connection: CommandError is what exits with 1
    with pytest.raises(CommandError, match="No unit has the official code or id '99999'"):
        call_command("import_plan", str(plan_file), "--unit", "99999", stdout=io.StringIO())

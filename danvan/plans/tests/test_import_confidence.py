"""The review page shows which header fields were read with low confidence, and says which ones
the text does not state; the JSON contract carries the same marks."""

import re

from django.urls import reverse

from danvan.plans import importer

URL = reverse("plans:plan-import")
BROKEN = (  # a legal-library copy: the place and date over two lines, the motto cut
    "ỦY BAN NHÂN DÂN\nỦY BAN MTTQ VIỆT NAM\nHUYỆN AN LÃO\n-------\n|\nCỘNG\n"
    "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 07/KH-UBND\n|\nAn Lão, ngày 02\ntháng 3 năm 2026\n|\n"
    "KẾ HOẠCH\nCông tác dân vận năm 2026\n\n"
    "I. NỘI DUNG\n1. Sở Nội vụ chủ trì kiểm tra việc tiếp công dân trước ngày 30/6/2026.\n"
)
CLEAN = (
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "XÃ TRƯỜNG SƠN | Độc lập - Tự do - Hạnh phúc\n"
    "Số: 19/KH-UBND | Trường Sơn, ngày 06 tháng 4 năm 2026\n\n"
    "KẾ HOẠCH\nCông tác dân vận năm 2026\n\nI. NỘI DUNG\n1. Tổ chức hội nghị.\n"
)


def _input(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group()


def test_low_confidence_fields_are_highlighted_with_a_hint(cast, client_for):
    client = client_for(cast.official_a)
    page = client.post(URL, {"step": "read", "unit": cast.tree.ubnd_a.pk, "text": BROKEN})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Some fields were read from a broken or unusual layout" in html
    assert "is-uncertain" in _input(html, "place")
    assert "is-uncertain" in _input(html, "issued_on")
    assert "is-uncertain" not in _input(html, "number")  # "Số: 07/KH-UBND" on one line
    assert "ỦY BAN NHÂN DÂN HUYỆN AN LÃO – ỦY BAN MTTQ VIỆT NAM HUYỆN AN LÃO" in html
    assert html.count("it was put together from a broken or unusual layout") == 3  # 2 + issuer


def test_a_clean_header_has_no_highlight_and_missing_fields_say_so(cast, client_for):
    client = client_for(cast.official_a)
    page = client.post(URL, {"step": "read", "unit": cast.tree.ubnd_a.pk, "text": CLEAN})
    html = page.content.decode()
    assert "is-uncertain" not in html and "Some fields were read" not in html
    page = client.post(
        URL, {"step": "read", "unit": cast.tree.ubnd_a.pk, "text": CLEAN.split("KẾ HOẠCH")[1]}
    )
    assert page.content.decode().count("Not stated in the text") == 4


def test_the_review_page_in_vietnamese(cast, client_for):
    client = client_for(cast.official_a)
    client.cookies["django_language"] = "vi"
    page = client.post(URL, {"step": "read", "unit": cast.tree.ubnd_a.pk, "text": BROKEN})
    html = page.content.decode()
    assert "Hãy kiểm tra lại" in html


def test_json_contract_carries_confidence_and_joint_issuers(db):
    _draft, data = importer.propose(BROKEN)
    header = data["header"]
    assert header["confidence"]["place"] == "low"
    assert header["confidence"]["number"] == "high"
    assert header["co_issuers"] == ["ỦY BAN MTTQ VIỆT NAM HUYỆN AN LÃO"]
    task = data["sections"][0]["tasks"][0]
    assert (task["responsible"], task["roles"], task["deadline"]["date"]) == (
        ["Sở Nội vụ"],
        ["lead"],
        "2026-06-30",
    )


def test_the_command_prints_the_fields_to_check(tmp_path, db):
    import io
    import json

    from django.core.management import call_command

    path = tmp_path / "ke-hoach.txt"
    path.write_text(BROKEN, encoding="utf-8")
    out = io.StringIO()
    call_command("import_plan", str(path), stdout=out)
    assert "Check (read with low confidence): issuer, place, issued_on" in out.getvalue()
    assert "ỦY BAN NHÂN DÂN HUYỆN AN LÃO + ỦY BAN MTTQ VIỆT NAM HUYỆN AN LÃO" in out.getvalue()
    out = io.StringIO()
    call_command("import_plan", str(path), "--json", stdout=out)
    header = json.loads(out.getvalue())["header"]
    assert {k: header["confidence"][k] for k in ("number", "place")} == {
        "number": "high",
        "place": "low",
    }

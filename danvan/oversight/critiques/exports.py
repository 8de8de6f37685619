"""The answer table of a critique (bảng tổng hợp tiếp thu, giải trình ý kiến phản biện xã hội):
a document of the drafting unit, in its format, with one row per point: who critiqued, the
point, the answer (tiếp thu / giải trình / không tiếp thu) and its content or reasons."""

from __future__ import annotations

from danvan.documents.structure import Document, Paragraph, Section, Signature
from danvan.oversight import docx
from danvan.oversight.models import AnswerKind, Critique
from danvan.oversight.recommendations.services import show_date

ANSWER_WORDS = {
    AnswerKind.DONE: "Tiếp thu",
    AnswerKind.EXPLAINED: "Giải trình",
    AnswerKind.DECLINED: "Không tiếp thu",
}
HEADERS = (
    "STT",
    "Cơ quan, tổ chức phản biện",
    "Ý kiến phản biện",
    "Tiếp thu, giải trình",
    "Nội dung tiếp thu, giải trình, lý do",
)
WIDTHS = (12, 35, 50, 25, 53)


def answer_table(points) -> docx.Table:
    rows = []
    for index, point in enumerate(points, start=1):
        answer = point.answer
        rows.append(
            (
                str(index),
                point.issuer.name,
                " ".join(point.text.split()),
                ANSWER_WORDS.get(answer.kind, "") if answer else "Chưa trả lời",
                answer.text.strip() if answer else "",
            )
        )
    return docx.Table(headers=HEADERS, rows=tuple(rows), widths_mm=WIDTHS)


def answer_table_document(critique: Critique, points) -> Document:
    organisations = sorted({p.issuer.name for p in points})
    opening = (
        f"Ngày {show_date(critique.published_on)}, {critique.unit.name} gửi dự thảo "
        f"{critique.title} để phản biện xã hội; đến ngày {show_date(critique.critique_due)} đã nhận "
        f"được ý kiến phản biện của {', '.join(organisations) or 'các cơ quan, tổ chức'} với "
        f"{len(points)} nội dung. {critique.unit.name} tổng hợp, tiếp thu, giải trình như sau:"
    )
    return Document(
        issuer=critique.unit.name,
        parent_issuer=docx.parent_issuer(critique.unit),
        symbol="BC",
        place=docx.place_of(critique.unit),
        issued_on=None,
        doc_type="BẢNG TỔNG HỢP",
        summary=f"Tiếp thu, giải trình ý kiến phản biện xã hội đối với dự thảo {critique.title}",
        preamble=(Paragraph(opening),),
        sections=(Section(title="", label="", blocks=(docx.table_marker("answers"),)),),
        signature=Signature(
            position=critique.signer_position.strip(), name=critique.signer_name.strip()
        ),
        recipients=tuple(organisations) + ("Lưu: VT.",),
    )


def answer_table_docx(critique: Critique, points) -> bytes:
    return docx.render(
        answer_table_document(critique, points),
        docx.document_format(critique.unit),
        tables={"answers": answer_table(points)},
    )

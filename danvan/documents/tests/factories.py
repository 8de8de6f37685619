"""Documents to render in tests."""

import datetime as dt
from dataclasses import replace

from danvan.documents.structure import (
    Authority,
    Document,
    Item,
    Marker,
    Paragraph,
    Section,
    Signature,
    SigningFor,
)


def state_plan(**changes) -> Document:
    document = Document(
        issuer="Ủy ban nhân dân\nTỉnh Trà Vinh",
        number="19",
        symbol="KH-UBND",
        place="Trà Vinh",
        issued_on=dt.date(2020, 4, 6),
        doc_type="Kế hoạch",
        summary="Thực hiện công tác dân vận chính quyền năm 2020",
        preamble=(Paragraph("Thực hiện Chương trình phối hợp số 4021/CTPH/UBND-BDVTU."),),
        sections=(
            Section(
                "MỤC ĐÍCH, YÊU CẦU",
                (
                    Item(text="Xác định công tác dân vận là trách nhiệm của cả hệ thống."),
                    Item(text="Tăng cường phối hợp với Mặt trận Tổ quốc."),
                ),
            ),
            Section(
                "NỘI DUNG",
                (
                    Paragraph("Các cơ quan tập trung thực hiện các nội dung sau:"),
                    Item(
                        title="Đối với các cơ quan nhà nước",
                        children=(
                            Item(
                                title="Hội đồng nhân dân các cấp",
                                children=(
                                    Item(
                                        text="Nâng cao chất lượng tiếp xúc cử tri.",
                                        marker=Marker.DASH,
                                    ),
                                ),
                            ),
                            Item(
                                title="Các cơ quan tư pháp",
                                children=(
                                    Item(text="Phối hợp tuyên truyền.", marker=Marker.LETTER),
                                    Item(text="Đẩy mạnh cải cách tư pháp.", marker=Marker.LETTER),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            Section(
                "TỔ CHỨC THỰC HIỆN",
                (Item(title="Sở Nội vụ có trách nhiệm:", text="làm đầu mối tổng hợp./."),),
            ),
        ),
        recipients=("Thường trực Tỉnh ủy (b/c);", "- Sở Nội vụ;", "Lưu: VT, NC."),
        signature=Signature(
            position="Phó Chủ tịch",
            name="Nguyễn Văn A",
            on_behalf=(
                SigningFor(Authority.ON_BEHALF, "Ủy ban nhân dân"),
                SigningFor(Authority.DEPUTY, "Chủ tịch"),
            ),
        ),
    )
    return replace(document, **changes)


def party_plan(**changes) -> Document:
    document = state_plan(
        issuer="Huyện ủy Định Hóa",
        parent_issuer="Đảng bộ tỉnh Thái Nguyên",
        number="11",
        symbol="KH/HU",
        place="Định Hóa",
        issued_on=dt.date(2022, 9, 15),
        summary="thực hiện Chỉ thị số 11-CT/TU, ngày 08/8/2022 của Ban Thường vụ Tỉnh ủy",
        recipients=("Ban Dân vận Tỉnh ủy (để báo cáo),", "Lưu văn phòng."),
        signature=Signature(
            position="Phó Bí thư Thường trực",
            name="Phạm Chiên Thắng",
            on_behalf=(SigningFor(Authority.ON_BEHALF, "Ban Thường vụ"),),
        ),
    )
    return replace(document, **changes)


WORDS = (
    "Tiếp tục đổi mới nội dung, phương thức công tác dân vận của chính quyền các cấp, "
    "gắn với cải cách hành chính, nâng cao chất lượng phục vụ Nhân dân và doanh nghiệp; "
    "phát huy quyền làm chủ của Nhân dân theo phương châm dân biết, dân bàn, dân làm, "
    "dân kiểm tra, dân giám sát, dân thụ hưởng. "
)


def long_plan(sections: int = 10, items: int = 5, children: int = 2) -> Document:
    """About 13,000 words in 150 paragraphs: 29 A4 pages at 14 pt through LibreOffice."""
    body = tuple(
        Section(
            f"NỘI DUNG SỐ {s}",
            tuple(
                Item(
                    title=f"Nhiệm vụ {s}.{i}",
                    text=WORDS * 2,
                    children=tuple(
                        Item(text=WORDS * 2, marker=Marker.DASH) for _ in range(children)
                    ),
                )
                for i in range(1, items + 1)
            ),
        )
        for s in range(1, sections + 1)
    )
    return state_plan(sections=body)

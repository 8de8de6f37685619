"""The law's list of what must be disclosed, with the channel rules, as a new deployment starts
with it (administrators then edit it in the admin). See docs/legal.md, "Grassroots democracy":
items 1–3 of Điều 11 were checked against the text; the wording of the others follows the law's
list as summarised by public sources and the 2007 Ordinance it replaced, to be checked against
Công báo số 905+906/2022 before relying on it word for word.

Used by migration 0002 and by tests that empty the database between them (``seed``).
"""

LAW = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
BOARD_30 = ("board", 30, "Luật Tiếp cận thông tin 2016, Điều 21.2 (niêm yết ít nhất 30 ngày)")
RADIO_3 = ("radio", 3, f"{LAW}, Điều 13.3 (ít nhất 03 ngày liên tục)")

# code, audience, title, article, times a year (0 = when it happens), channel rules, order
ITEMS = [
    (
        "xa-11-1",
        "commune",
        "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của cấp xã và kết quả thực hiện",
        "Điều 11, khoản 1",
        1,
        [BOARD_30],
        10,
    ),
    (
        "xa-11-2",
        "commune",
        "Dự toán, tình hình thực hiện dự toán ngân sách cấp xã theo quý, 06 tháng, hằng năm; quyết toán ngân sách; kết quả thực hiện kiến nghị của Kiểm toán nhà nước (nếu có)",
        "Điều 11, khoản 2",
        4,
        [BOARD_30],
        20,
    ),
    (
        "xa-11-3",
        "commune",
        "Dự án, công trình đầu tư trên địa bàn cấp xã và tiến độ thực hiện; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; kế hoạch quản lý, sử dụng quỹ đất; quy hoạch xây dựng xã, điểm dân cư nông thôn",
        "Điều 11, khoản 3",
        0,
        [BOARD_30],
        30,
    ),
    (
        "xa-11-4",
        "commune",
        "Quy chế thực hiện dân chủ ở xã, phường, thị trấn",
        "Điều 11, khoản 4",
        0,
        [BOARD_30],
        40,
    ),
    (
        "xa-11-5",
        "commune",
        "Nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã trực tiếp giải quyết công việc của Nhân dân; thủ tục hành chính",
        "Điều 11, khoản 5",
        0,
        [BOARD_30],
        50,
    ),
    (
        "xa-11-6",
        "commune",
        "Việc quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án; các khoản huy động Nhân dân đóng góp",
        "Điều 11, khoản 6",
        1,
        [BOARD_30],
        60,
    ),
    (
        "xa-11-7",
        "commune",
        "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền cấp xã trực tiếp thu",
        "Điều 11, khoản 7",
        0,
        [BOARD_30, RADIO_3],
        70,
    ),
    (
        "xa-11-8",
        "commune",
        "Chủ trương, kế hoạch vay vốn cho Nhân dân; kết quả bình xét hộ nghèo, hộ cận nghèo và đối tượng hưởng chính sách an sinh xã hội",
        "Điều 11, khoản 8",
        1,
        [BOARD_30, RADIO_3],
        80,
    ),
    (
        "xa-11-9",
        "commune",
        "Đề án thành lập, nhập, chia, điều chỉnh địa giới đơn vị hành chính liên quan đến cấp xã",
        "Điều 11, khoản 9",
        0,
        [BOARD_30, RADIO_3],
        90,
    ),
    (
        "xa-11-10",
        "commune",
        "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tiêu cực, tham nhũng của cán bộ, công chức cấp xã, cán bộ thôn, tổ dân phố; kết quả lấy phiếu tín nhiệm",
        "Điều 11, khoản 10",
        0,
        [BOARD_30, RADIO_3],
        100,
    ),
    (
        "xa-11-11",
        "commune",
        "Kết quả tiếp thu ý kiến của Nhân dân về những nội dung lấy ý kiến Nhân dân",
        "Điều 11, khoản 11",
        0,
        [BOARD_30, RADIO_3],
        110,
    ),
    (
        "xa-11-12",
        "commune",
        "Kết quả bàn và quyết định của cộng đồng dân cư; kết quả thực hiện quyết định đó",
        "Điều 11, khoản 12",
        0,
        [BOARD_30, RADIO_3],
        120,
    ),
    (
        "xa-11-13",
        "commune",
        "Thông tin về việc giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền của chính quyền cấp xã",
        "Điều 11, khoản 13",
        0,
        [BOARD_30],
        130,
    ),
    (
        "xa-11-14",
        "commune",
        "Các nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan nhà nước có thẩm quyền hoặc chính quyền cấp xã thấy cần thiết",
        "Điều 11, khoản 14",
        0,
        [],
        140,
    ),
    (
        "cq-1",
        "agency",
        "Chủ trương, chính sách, pháp luật liên quan đến công việc của cơ quan, đơn vị; kế hoạch công tác năm",
        "Chương III (cơ quan, đơn vị)",
        1,
        [],
        210,
    ),
    (
        "cq-2",
        "agency",
        "Kinh phí hoạt động hằng năm và quyết toán; quản lý, sử dụng tài sản công",
        "Chương III (cơ quan, đơn vị)",
        1,
        [],
        220,
    ),
    (
        "cq-3",
        "agency",
        "Tuyển dụng, sử dụng, đào tạo, bồi dưỡng, nâng ngạch, nâng lương, bổ nhiệm, khen thưởng, kỷ luật cán bộ, công chức, viên chức",
        "Chương III (cơ quan, đơn vị)",
        0,
        [],
        230,
    ),
    (
        "cq-4",
        "agency",
        "Kết quả kiểm tra, thanh tra, giải quyết khiếu nại, tố cáo trong cơ quan, đơn vị; nội quy, quy chế của cơ quan, đơn vị",
        "Chương III (cơ quan, đơn vị)",
        0,
        [],
        240,
    ),
]


def seed(Item, Rule) -> None:
    """Create the items that are missing (never overwrite an administrator's edit)."""
    for code, audience, title, article, per_year, rules, ordering in ITEMS:
        item, made = Item.objects.get_or_create(
            code=code,
            defaults={
                "audience": audience,
                "title": title,
                "legal_basis": f"{LAW}, {article}",
                "per_year": per_year,
                "ordering": ordering,
            },
        )
        if made:
            for channel, days, basis in rules:
                Rule.objects.create(item=item, channel=channel, min_days=days, legal_basis=basis)

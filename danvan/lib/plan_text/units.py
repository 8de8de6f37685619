"""Responsible units named in a plan's text, as written.

Where plans name them: headings ("1. Sở Nội vụ có trách nhiệm:", "Đối với các cấp ủy, tổ chức
đảng", "Đề nghị Ban Dân vận Tỉnh ủy:", "2.1. Hội đồng nhân dân các cấp"), a label before a colon
("Công chức Văn phòng – Thống kê xã: Tham mưu …"), the subject of a task ("Sở Nội vụ chủ trì,
phối hợp với Sở Tư pháp …", "Lực lượng vũ trang tỉnh triển khai …") and "phối hợp với Y" (a
supporting unit). A name starts with an organisation word ("Sở", "Ban", "UBND", "các sở") and
ends where the sentence goes on (a verb such as "chủ trì", "triển khai", "để", or punctuation).
Lists are split where a new organisation starts: "Sở Thông tin và Truyền thông, Báo Gia Lai"
gives two names, "Các sở, ngành tỉnh" one.
"""

from __future__ import annotations

import re

from danvan.lib.plan_text.lines import norm
from danvan.lib.plan_text.model import LEAD, SUPPORT

_HEADS = (
    "ủy ban nhân dân", "hội đồng nhân dân", "ủy ban", "ub mttq", "ubmttq", "ubnd", "hđnd",
    "mttq", "mặt trận", "sở", "ban", "bộ", "hội đồng", "hội", "liên đoàn", "lđlđ", "đoàn",
    "cơ quan", "đơn vị", "cấp ủy", "chi bộ", "chi ủy", "đảng ủy", "đảng bộ", "tỉnh ủy",
    "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "chính quyền", "lực lượng", "công an",
    "thanh tra", "phòng", "văn phòng", "trung tâm", "báo", "đài", "công chức", "tòa án",
    "viện kiểm sát", "ngân hàng", "kho bạc", "cục", "chi cục", "ngành", "địa phương",
    "trường", "bệnh viện", "doanh nghiệp", "thường trực", "tổ chức đảng", "tổ chức cơ sở",
    "đoàn thể", "chủ tịch", "thủ trưởng", "người đứng đầu", "bộ đội", "quân đội",
    "hợp tác xã", "tổ dân phố", "thôn", "xã", "phường", "thị trấn", "bch", "bchqs",
    "cổng thông tin", "trang thông tin", "cấp xã", "cấp huyện", "cấp tỉnh", "cấp cơ sở",
)  # fmt: skip
_LEVEL = re.compile(
    r"^(?:cấp (?:xã|huyện|tỉnh|cơ sở)|(?:tỉnh|huyện|thị|quận), (?:thành|thị|huyện|quận) ủy)\b", re.I
)
_AFTER_DETERMINER = (*_HEADS, "cấp", "tổ chức", "huyện", "tỉnh", "thành phố", "thị xã")
_NOT_HEADS = (
    "ban hành", "ban đầu", "báo cáo", "báo chí", "phòng, chống", "phòng chống", "phòng ngừa",
    "hội nghị", "hội thi", "hội thảo", "hội viên", "hội diễn", "hội nhập", "đoàn kết",
    "đoàn kiểm tra", "đoàn viên", "đoàn công tác", "bộ máy", "bộ phận", "bộ tiêu chí",
    "bộ luật", "trường hợp", "xã hội", "công chức, viên chức", "đơn vị tính", "ngành nghề",
    "cơ quan tâm", "chủ tịch hồ chí minh",
)  # fmt: skip
_DETERMINERS = ("các", "những", "toàn thể", "mỗi", "từng")
_GENERIC = {"cơ quan", "đơn vị", "địa phương", "ngành", "cấp", "các cấp", "ban", "sở", "hội"}
_BOUNDARIES = (
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "chủ động", "tiếp tục",
    "tham mưu", "triển khai", "tổ chức", "thực hiện", "chỉ đạo", "lãnh đạo", "hướng dẫn",
    "xây dựng", "tuyên truyền", "đẩy mạnh", "tăng cường", "theo dõi", "kiểm tra", "căn cứ",
    "trực tiếp", "báo cáo", "đăng tin", "tiến hành", "giám sát", "để", "nhằm", "trong", "theo",
    "khi", "đối với", "thường xuyên", "cần", "phải", "nghiêm túc", "quán triệt", "rà soát",
    "đôn đốc", "nâng cao", "vận động", "bố trí", "cung cấp", "ban hành", "mời", "đề xuất",
    "phát huy", "tích cực", "đảm bảo", "bảo đảm", "tập trung", "làm tốt", "được", "là", "sẽ",
    "đã", "đang", "cùng", "tạo", "hỗ trợ", "giúp", "quản lý", "tổng hợp", "biểu dương",
    "khen thưởng", "đổi mới", "chấp hành", "gương mẫu", "xử lý", "giải quyết", "phát hiện",
    "bám sát", "làm", "nắm", "có", "đề nghị", "chuẩn bị", "rà", "ưu tiên", "kịp thời",
    "hoàn thành", "chọn", "nơi", "tổng kết", "sơ kết", "dự kiến", "gửi",
)  # fmt: skip
_ORG_KINDS = ("đảng", "cơ sở", "chính trị", "xã hội", "hội", "đoàn thể", "thành viên")
_BOUNDARY_RE = re.compile(
    r"\s(?:"
    + "|".join(re.escape(b) for b in sorted(_BOUNDARIES, key=len, reverse=True))
    + r")(?=\s|[,.;:]|$)"
)
_STOP_RE = re.compile(r"[.;:()“”\"«»]")
_PREFIX_RE = re.compile(r"^(?:đề nghị|giao|yêu cầu|đối với|trách nhiệm của)\s+", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\s+(?:có|chịu)\s+trách\s+nhiệm.*$", re.IGNORECASE)


def _starts_with(words: str, options) -> str | None:
    for option in options:
        if words == option or words.startswith(option + " ") or words.startswith(option + ","):
            return option
    return None


def level_start(text: str) -> bool:
    """ "cấp xã …", "Tỉnh, thành ủy …": a level of the system named as a unit."""
    return bool(_LEVEL.match(text.strip()))


def org_start(text: str) -> bool:
    """Does ``text`` begin with the name of an organisation ("Sở Nội vụ", "các sở, ngành")?"""
    if level_start(text):
        return True
    words = norm(text.strip())
    if _starts_with(words, _NOT_HEADS):
        return False
    if det := _starts_with(words, _DETERMINERS):
        rest = words[len(det) :].strip()
        return bool(_starts_with(rest, _AFTER_DETERMINER)) and not _starts_with(rest, _NOT_HEADS)
    head = _starts_with(words, _HEADS)
    if head in ("ban", "báo", "đài", "hội", "sở", "bộ", "cục", "trường", "thôn", "xã", "phường"):
        return text.strip()[:1].isupper()  # "Ban Dân vận", not "ban hành" mid-sentence
    return head is not None


def _capital_head(piece: str) -> bool:
    piece = piece.strip()
    if not piece or not org_start(piece):
        return False
    return piece[0].isupper() or _starts_with(norm(piece), _DETERMINERS) is not None


def split_names(name: str) -> list[str]:
    """ "Sở TT&TT, Báo Gia Lai và Đài PT-TH tỉnh" → three names; "Các sở, ngành tỉnh" → one."""
    parts: list[str] = []
    rest = name.strip()
    while True:
        for m in re.finditer(r",\s*|\s+và\s+|\s*;\s*", rest):
            if m.start() and _capital_head(rest[m.end() :]):
                parts.append(rest[: m.start()])
                rest = rest[m.end() :]
                break
        else:
            parts.append(rest)
            break
    return [p.strip(" ,-–") for p in parts if p.strip(" ,-–")]


def take_name(text: str) -> tuple[str, str] | None:
    """(name, what follows) when ``text`` starts with an organisation's name."""
    text = text.strip()
    if not org_start(text):
        return None
    end = len(text)
    if m := _STOP_RE.search(text):
        end = m.start()
    for m in _BOUNDARY_RE.finditer(text[:end]):
        before = norm(text[: m.start()]).rsplit(" ", 1)[-1]
        after = norm(text[m.end() :]).lstrip()
        if m.group().strip() == "tổ chức" and (
            before in ("các", "những", "và") or before.endswith(",") or after.startswith(_ORG_KINDS)
        ):
            continue  # "các tổ chức chính trị - xã hội", "cấp ủy, tổ chức đảng": a noun
        if m.group().strip() == "có" and after.startswith("liên quan"):
            continue  # "các cơ quan có liên quan"
        end = m.start()
        break
    name = text[:end].strip(" ,-–")
    if not name or len(name) > 150 or norm(name) in _GENERIC:
        return None
    return name, text[end:].strip()


def _valid(names: list[str]) -> list[str]:
    return [n for n in names if norm(n) not in _GENERIC and "chủ trì" not in norm(n)]


def heading_units(text: str) -> tuple[list[str], list[str]] | None:
    """(leads, supports) when a heading or a label names who does the tasks under it."""
    text = text.strip().rstrip(":.").strip()
    core = _PREFIX_RE.sub("", text)
    core = _ROLE_TAIL.sub("", core).strip()
    taken = take_name(core)
    if not taken:
        return None
    name, rest = taken
    rest_norm = norm(rest)
    if rest and not rest_norm.startswith(
        ("chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm")
    ):
        return None  # a sentence, not a heading
    supports = support_units(rest) if rest else []
    leads = _valid(split_names(name))
    return (leads, supports) if leads else None


def subject_units(text: str) -> list[str]:
    """The units a task's sentence starts with: "Lực lượng vũ trang tỉnh triển khai …", also
    several separated by semicolons ("Trung tâm Văn hóa; Cổng thông tin điện tử huyện đăng …")."""
    core = _PREFIX_RE.sub("", text.strip())
    pieces = core.split(";")
    if len(pieces) > 1 and all(org_start(p) for p in pieces[1:]):
        heads = [p.strip() for p in pieces[:-1]]
        if all(take_name(h) and take_name(h)[1] == "" for h in heads):
            last = subject_units(pieces[-1])
            if last:
                return [n for h in heads for n in _valid(split_names(h))] + last
    taken = take_name(core)
    if not taken:
        return []
    name, rest = taken
    if not rest or not _BOUNDARY_RE.match(" " + rest):
        return []
    return _valid(split_names(name))


def support_units(text: str) -> list[str]:
    """Units after "phối hợp với" / "phối hợp cùng"."""
    found: list[str] = []
    for m in re.finditer(r"phối hợp(?:\s+chặt chẽ)?\s+(?:với|cùng)\s+", text, re.IGNORECASE):
        taken = take_name(text[m.end() :])
        if taken:
            found.extend(n for n in _valid(split_names(taken[0])) if n not in found)
    return found


_ATTRIBUTE = re.compile(
    r"^(?:(?P<who>(?:cơ quan|đơn vị)\s+)?(?P<role>chủ trì|phối hợp|thực hiện)"
    r"|(?P<time>thời gian(?:\s+(?:thực hiện|hoàn thành))?|thời hạn)"
    r"|(?P<output>sản phẩm|kết quả đầu ra))\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)


def attribute(text: str) -> tuple[str, str] | None:
    """("lead" | "support" | "time" | "output", value) for "Cơ quan chủ trì: Sở Nội vụ" lines."""
    m = _ATTRIBUTE.match(text.strip())
    if not m:
        return None
    value = m["value"].strip().rstrip(".;")
    if m["time"]:
        return "time", value
    if m["output"]:
        return "output", value
    if m["role"].lower() == "thực hiện" and not m["who"]:
        return None
    return (SUPPORT if m["role"].lower() == "phối hợp" else LEAD), value


__all__ = ["LEAD", "SUPPORT", "attribute", "heading_units", "subject_units", "support_units"]

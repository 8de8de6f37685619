"""Tasks written in prose: a sentence that names a unit and a dated deadline ("Đại hội MTTQ các
xã hoàn thành trong tháng 3/2019", "cấp tỉnh tổng kết trước ngày 30/6/2024"), as news pages and
letters write a plan's schedule without numbered items.

Only a sentence with both a unit and a deadline that is a date becomes a task: a sentence that
names a unit without a date reports or explains more often than it assigns.
"""

from __future__ import annotations

import re

from danvan.lib.plan_text import units as U
from danvan.lib.plan_text.deadlines import find_deadline
from danvan.lib.plan_text.model import LEAD, SUPPORT, TaskDraft

_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[^\W\d_])|;\s*")
_CUE = re.compile(r"(?i:trước|chậm nhất|hạn chót|hoàn thành|xong|trong|vào|không quá)\b")
_PIECE = re.compile(r",\s+|\s+và\s+(?=[A-ZĐÀ-Ỹ])")  # "…, …" and "… và <a new subject> …"
_WORD_START = re.compile(r"(?:^|(?<=[\s(“\"]))(?=[^\W\d_])")


def _first_unit(text: str) -> list[str]:
    """The units named first in ``text``, wherever the name stands in the sentence."""
    for m in _WORD_START.finditer(text):
        rest = text[m.start() :]
        if not U.org_start(rest) or not (rest[0].isupper() or U.level_start(rest)):
            continue
        taken = U.take_name(rest)
        if taken:
            names = [n for n in U.split_names(taken[0]) if n]
            if names:
                return names
    return []


def prose_tasks(paragraph: str, year: int | None) -> list[TaskDraft]:
    tasks: list[TaskDraft] = []
    for sentence in _SENTENCE.split(paragraph):
        sentence = sentence.strip()
        if len(sentence) < 12:
            continue
        pieces = [p for p in _PIECE.split(sentence) if p.strip()]
        found = []
        for position, piece in enumerate(pieces):
            deadline = find_deadline(piece, year)
            if deadline.kind != "date" or not _CUE.match(deadline.text):
                continue  # "… chương trình công tác quý II năm 2024": a period, no limit
            leads: list[str] = []
            start = position
            for start in range(position, -1, -1):
                candidate = pieces[start]
                before = candidate.split(deadline.text)[0] if start == position else candidate
                if leads := _first_unit(before):
                    break
            if leads:
                found.append((start, position, leads, deadline))
        for start, position, leads, deadline in found:
            # one task a sentence: the sentence; several: each its own clauses
            content = sentence if len(found) == 1 else ", ".join(pieces[start : position + 1])
            task = TaskDraft(content=content)
            for name in leads:
                task.add_unit(name, LEAD)
            for name in U.support_units(pieces[position]):
                task.add_unit(name, SUPPORT)
            task.deadline = deadline
            tasks.append(task)
    return tasks

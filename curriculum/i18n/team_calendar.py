"""The team calendar's part of THE message catalogue (:mod:`curriculum.i18n.catalogue`
merges it): ``curriculum team --schedule``, ``key: (English, zh-TW)``."""

from __future__ import annotations

TEAM_CALENDAR: dict[str, tuple[str, str]] = {
    "team.cal.title": ("Calendar by member", "成員課程行事曆"),
    "team.cal.sessions": ("Sessions by period", "各期梯次"),
    "team.cal.period": ("Period", "期別"),
    "team.cal.session": ("Session", "梯次"),
    "team.cal.optimal": (
        "Calendar: {n} period{s}, to {last} (fewest periods proven)",
        "行事曆：共 {n} 期，至 {last}（已證明期數最少）",
    ),
    "team.cal.feasible": (
        "Calendar: {n} period{s}, to {last} (fewest periods not proven)",
        "行事曆：共 {n} 期，至 {last}（未證明期數最少）",
    ),
    "team.cal.cap": (
        "at most {hours} h per member and period",
        "每位成員每期至多 {hours} 小時",
    ),
}

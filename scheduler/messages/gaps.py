"""Messages of the gaps part of the explanations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {
    # One gap, as CoverageGap.describe() says it: "{days} {start}-{end}: {reason}".
    "gaps.describe": {
        "en": "{days} {start}-{end}: {reason}",
        "zh": "{days} {start}-{end}：{reason}",
    },
    "gaps.kind.no_shift": {
        "en": "no shift type covers this part of the service window",
        "zh": "没有任何班次覆盖服务时段的这一部分",
    },
    "gaps.kind.not_required": {
        "en": "shift types cover this part of the service window, but the coverage rules require nobody on them (hard minimum 0)",
        "zh": "有班次覆盖服务时段的这一部分，但人数要求未要求任何人上班（硬性最少人数为 0）",
    },
    # Days of a gap that occurs every week (otherwise its dates are listed).
    "gaps.weekday.mon": {"en": "Mondays", "zh": "每周一"},
    "gaps.weekday.tue": {"en": "Tuesdays", "zh": "每周二"},
    "gaps.weekday.wed": {"en": "Wednesdays", "zh": "每周三"},
    "gaps.weekday.thu": {"en": "Thursdays", "zh": "每周四"},
    "gaps.weekday.fri": {"en": "Fridays", "zh": "每周五"},
    "gaps.weekday.sat": {"en": "Saturdays", "zh": "每周六"},
    "gaps.weekday.sun": {"en": "Sundays", "zh": "每周日"},
    "gaps.separator": {"en": ", ", "zh": "、"},
    # The warning block of the command line (cli/gaps.py).
    "gaps.warning.title": {
        "en": "Coverage gaps",
        "zh": "服务时段覆盖缺口",
    },
    "gaps.warning.intro": {
        "en": "The shift types and coverage rules leave parts of the service window unstaffed:",
        "zh": "按现有班次和人数要求，服务时段中有以下部分无人值守：",
    },
    "gaps.warning.line": {
        "en": "{start}-{end} {days}: {reason}",
        "zh": "{start}-{end}，{days}：{reason}",
    },
    "gaps.warning.window": {
        "en": "{line} ({window})",
        "zh": "{line}（服务时段 {window}）",
    },
    "gaps.warning.every_day": {
        "en": "on every day (Mon-Sun)",
        "zh": "每天（周一至周日）",
    },
    "gaps.warning.weekdays": {
        "en": "on {weekdays}",
        "zh": "{weekdays}",
    },
    "gaps.warning.dates": {
        "en": "on {dates}",
        "zh": "{dates}",
    },
    "gaps.warning.range": {
        "en": "{first}-{last}",
        "zh": "{first}至{last}",
    },
}

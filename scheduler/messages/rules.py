"""Names of rules and penalties, and violations in plain words (solver and checker).

``rule.<key>`` labels every key of :data:`scheduler.result.PENALTY_RULES` and
the hard-only keys of docs/rules.md, in the words a supervisor would use: they
name what went wrong, so a breakdown row reads "<label>: 3 x 100".
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Hard-only rules.
    "rule.same_day": {
        "en": "more than one shift on a day",
        "zh": "同一天上了多个班次",
    },
    "rule.overlap": {
        "en": "two duties at the same time",
        "zh": "两个班次时间重叠",
    },
    "rule.unavailable": {
        "en": "duty on a day the agent is unavailable",
        "zh": "在不可排班的日子上班",
    },
    "rule.fixed_assignment": {
        "en": "fixed shift or day off not kept",
        "zh": "未遵守固定的班次或休息日",
    },
    "rule.coverage.min": {
        "en": "fewer agents on a shift than required",
        "zh": "班次人数少于最低要求",
    },
    "rule.coverage.max": {
        "en": "more agents on a shift than allowed",
        "zh": "班次人数超过上限",
    },
    "rule.interval_coverage.min": {
        "en": "fewer agents in a time interval than required",
        "zh": "时段人数少于最低要求",
    },
    # Rules that may be soft (scheduler.result.PENALTY_RULES, in that order).
    "rule.coverage.under": {
        "en": "fewer agents on a shift than preferred",
        "zh": "班次人数少于期望",
    },
    "rule.coverage.over": {
        "en": "more agents on a shift than preferred",
        "zh": "班次人数多于期望",
    },
    "rule.interval_coverage.under": {
        "en": "fewer agents in a time interval than preferred",
        "zh": "时段人数少于期望",
    },
    "rule.interval_coverage.over": {
        "en": "more agents in a time interval than preferred",
        "zh": "时段人数多于期望",
    },
    "rule.min_rest": {
        "en": "too little rest between two duties",
        "zh": "两个班次之间休息时间不足",
    },
    "rule.forbidden_succession": {
        "en": "a shift followed the next day by a shift that may not follow it",
        "zh": "次日接上了不允许衔接的班次",
    },
    "rule.days_off_per_week.min": {
        "en": "fewer days off than required in a week",
        "zh": "每周休息天数少于规定",
    },
    "rule.days_off_per_week.preferred": {
        "en": "fewer days off than preferred in a week",
        "zh": "每周休息天数少于期望",
    },
    "rule.consecutive_working_days.min": {
        "en": "too few working days in a row",
        "zh": "连续上班天数过少",
    },
    "rule.consecutive_working_days.max": {
        "en": "too many working days in a row",
        "zh": "连续上班天数过多",
    },
    "rule.consecutive_days_off.min": {
        "en": "too few days off in a row",
        "zh": "连续休息天数过少",
    },
    "rule.consecutive_days_off.max": {
        "en": "too many days off in a row",
        "zh": "连续休息天数过多",
    },
    "rule.max_weekends": {
        "en": "too many weekends worked",
        "zh": "周末上班次数过多",
    },
    "rule.minutes_per_week.min": {
        "en": "too few hours in a week",
        "zh": "每周工作时长不足",
    },
    "rule.minutes_per_week.max": {
        "en": "too many hours in a week",
        "zh": "每周工作时长超出",
    },
    "rule.minutes_per_horizon.min": {
        "en": "too few hours over the whole roster",
        "zh": "整个排班周期工作时长不足",
    },
    "rule.minutes_per_horizon.max": {
        "en": "too many hours over the whole roster",
        "zh": "整个排班周期工作时长超出",
    },
    "rule.max_shifts_per_type": {
        "en": "too many shifts of one type",
        "zh": "某类班次上得过多",
    },
    "rule.request.on": {
        "en": "request to work not granted",
        "zh": "上班申请未获满足",
    },
    "rule.request.off": {
        "en": "request for time off not granted",
        "zh": "休息申请未获满足",
    },
    "rule.fairness.on_call": {
        "en": "on-call duties shared unevenly",
        "zh": "值班分配不均",
    },
    "rule.fairness.weekend_duties": {
        "en": "weekend duties shared unevenly",
        "zh": "周末班次分配不均",
    },
    "rule.fairness.minutes": {
        "en": "working hours shared unevenly",
        "zh": "工作时长分配不均",
    },
}

"""Messages of the conflict explanation and its relaxations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Weekdays and day sets, as used in the descriptions below.
    "explain.weekday.mon": {"en": "Mondays", "zh": "周一"},
    "explain.weekday.tue": {"en": "Tuesdays", "zh": "周二"},
    "explain.weekday.wed": {"en": "Wednesdays", "zh": "周三"},
    "explain.weekday.thu": {"en": "Thursdays", "zh": "周四"},
    "explain.weekday.fri": {"en": "Fridays", "zh": "周五"},
    "explain.weekday.sat": {"en": "Saturdays", "zh": "周六"},
    "explain.weekday.sun": {"en": "Sundays", "zh": "周日"},
    "explain.every_day": {"en": "every day", "zh": "每天"},
    "explain.on_days": {"en": "on {days}", "zh": "{days}"},
    "explain.list_separator": {"en": ", ", "zh": "、"},
    "explain.own_limits": {"en": "each agent's own limit", "zh": "各人自己的上限"},
    # One hard rule group, as a supervisor names it.
    "explain.group.interval_coverage.min": {
        "en": "at least {min} agent(s) {days} {interval}",
        "zh": "{days} {interval} 时段至少 {min} 人",
    },
    "explain.group.coverage.min": {
        "en": "at least {min} on {shift} {days}",
        "zh": "{days}的 {shift} 班至少 {min} 人",
    },
    "explain.group.coverage.max": {
        "en": "at most {max} on {shift} {days}",
        "zh": "{days}的 {shift} 班最多 {max} 人",
    },
    "explain.group.same_day": {
        "en": "no {first}+{second} on the same day",
        "zh": "同一天不能既上 {first} 班又上 {second} 班",
    },
    "explain.group.unavailable": {
        "en": "{agent} unavailable on {dates}",
        "zh": "{agent} 在 {dates} 不可排班",
    },
    "explain.group.fixed_assignment.shift": {
        "en": "{agent} fixed to {shift} on {date}",
        "zh": "{agent} 在 {date} 固定上 {shift} 班",
    },
    "explain.group.fixed_assignment.off": {
        "en": "{agent} fixed to a day off on {date}",
        "zh": "{agent} 在 {date} 固定休息",
    },
    "explain.group.min_rest": {
        "en": "at least {hours} hours of rest between duties",
        "zh": "两个班次之间至少休息 {hours} 小时",
    },
    "explain.group.forbidden_succession": {
        "en": "no {then} the day after {first}",
        "zh": "上完 {first} 班的第二天不能上 {then} 班",
    },
    "explain.group.days_off_per_week.min": {
        "en": "at least {min} days off in every week (all agents)",
        "zh": "每人每周至少休息 {min} 天",
    },
    "explain.group.consecutive_working_days.max": {
        "en": "at most {value} working days in a row",
        "zh": "最多连续上班 {value} 天",
    },
    "explain.group.consecutive_working_days.min": {
        "en": "at least {value} working days in a row",
        "zh": "每段连续上班至少 {value} 天",
    },
    "explain.group.consecutive_days_off.max": {
        "en": "at most {value} days off in a row",
        "zh": "最多连续休息 {value} 天",
    },
    "explain.group.consecutive_days_off.min": {
        "en": "at least {value} days off in a row",
        "zh": "每段连续休息至少 {value} 天",
    },
    "explain.group.max_weekends": {
        "en": "at most {value} worked weekends",
        "zh": "最多上班 {value} 个周末",
    },
    "explain.group.minutes_per_week.max": {
        "en": "at most {value} hours of work a week",
        "zh": "每周最多工作 {value} 小时",
    },
    "explain.group.minutes_per_week.min": {
        "en": "at least {value} hours of work a week",
        "zh": "每周至少工作 {value} 小时",
    },
    "explain.group.minutes_per_horizon.max": {
        "en": "at most {value} hours of work over the whole roster",
        "zh": "整个排班周期最多工作 {value} 小时",
    },
    "explain.group.minutes_per_horizon.min": {
        "en": "at least {value} hours of work over the whole roster",
        "zh": "整个排班周期至少工作 {value} 小时",
    },
    "explain.group.max_shifts_per_type": {
        "en": "at most {value} {shift} shifts per agent",
        "zh": "每人最多上 {value} 个 {shift} 班",
    },
    # Where a shift is worked, inside relaxation texts.
    "explain.where.office": {"en": "at the office", "zh": "在公司"},
    "explain.where.home": {"en": "on call from home", "zh": "在家值班"},
    # Proposed changes, before the outcome of their verifying solve.
    "explain.relax.days_off": {
        "en": "allow {new} day(s) off in a week instead of {old}, keeping {old} as preferred",
        "zh": "每周最少休息天数由 {old} 天降为 {new} 天，{old} 天作为期望保留",
    },
    "explain.relax.make_soft": {
        "en": 'make "{rule}" a preference instead of a hard rule (weight {weight})',
        "zh": "把“{rule}”从硬性规则改为偏好（权重 {weight}）",
    },
    "explain.relax.same_day": {
        "en": "allow {first} then {second} on the same day ({first} {first_hours} {first_where}, {second} {second_hours} {second_where})",
        "zh": "允许同一天先上 {first} 班再上 {second} 班（{first} {first_hours} {first_where}，{second} {second_hours} {second_where}）",
    },
    "explain.relax.interval_coverage.min": {
        "en": "ask for {new} instead of {old} agent(s) at {interval} on {day}",
        "zh": "{day} {interval} 时段人数要求由 {old} 人降为 {new} 人",
    },
    "explain.relax.coverage.min": {
        "en": "ask for {new} instead of {old} on {shift} on {day}",
        "zh": "{day}的 {shift} 班人数要求由 {old} 人降为 {new} 人",
    },
    "explain.relax.coverage.max": {
        "en": "allow {new} instead of {old} on {shift} on {day}",
        "zh": "{day}的 {shift} 班人数上限由 {old} 人提高到 {new} 人",
    },
    "explain.relax.succession": {
        "en": "allow {then} the day after {first}",
        "zh": "允许上完 {first} 班的第二天上 {then} 班",
    },
    "explain.relax.min_rest": {
        "en": "allow {new} hours of rest between duties instead of {old}",
        "zh": "两个班次之间的休息时间由 {old} 小时降为 {new} 小时",
    },
    "explain.relax.unavailable": {
        "en": "ask {agent} to be available on the dates they are not",
        "zh": "请 {agent} 在其不可排班的日期也可以上班",
    },
    "explain.relax.pin": {
        "en": "release the fixed assignment of {agent} on {date}",
        "zh": "取消 {agent} 在 {date} 的固定安排",
    },
    "explain.relax.bound": {
        "en": "loosen {rule} by one step ({changes})",
        "zh": "将“{rule}”放宽一档（{changes}）",
    },
    "explain.relax.add_agent": {
        "en": "add one agent with the same contract as {template}",
        "zh": "增加一名与 {template} 合同相同的客服",
    },
    # What the verifying solve found.
    "explain.outcome.roster": {
        "en": "verified, the best roster found costs {objective}",
        "zh": "已验证，找到的最佳排班扣分 {objective}",
    },
    "explain.outcome.none": {
        "en": "no roster found even so",
        "zh": "即便如此也找不到可行的排班",
    },
    "explain.outcome.short_weeks": {
        "en": "verified, {count} agent-weeks of {days} working days in {weeks} weeks; the best roster costs {objective}",
        "zh": "已验证，{weeks} 周内共有 {count} 人次一周上班 {days} 天；最佳排班扣分 {objective}",
    },
    "explain.outcome.short_weeks_each": {
        "en": "verified, one {days}-day week per week ({count} in {weeks} weeks), rotated by the optimiser; the best roster costs {objective}",
        "zh": "已验证，每周有一人上班 {days} 天（{weeks} 周共 {count} 次）；最佳排班扣分 {objective}",
    },
}

"""Hard-rule violations in plain words, as the checker reports them, and roster-file errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # Hard rules broken by a roster (scheduler.check.Violation.describe).
    "check.same_day": {
        "en": "{agent} works {shifts} on {date}, which may not be worked on the same day",
        "zh": "{agent} 在 {date} 上了 {shifts}，这些班次不能在同一天上",
    },
    "check.unavailable": {
        "en": "{agent} works {shift} on {date} but is unavailable that day",
        "zh": "{agent} 在 {date} 不可排班，却上了 {shift} 班",
    },
    "check.fixed_assignment.shift": {
        "en": "{agent} is pinned to {shift} on {date} but does not work it",
        "zh": "{agent} 在 {date} 被固定为 {shift} 班，但没有上这个班",
    },
    "check.fixed_assignment.off": {
        "en": "{agent} is pinned off on {date} but works {worked}",
        "zh": "{agent} 在 {date} 被固定为休息，却上了 {worked} 班",
    },
    "check.coverage.min": {
        "en": "{shift} on {date} has {count} agent(s) (at least {min} required)",
        "zh": "{date} 的 {shift} 班只有 {count} 人（至少需要 {min} 人）",
    },
    "check.coverage.max": {
        "en": "{shift} on {date} has {count} agent(s) (at most {max} allowed)",
        "zh": "{date} 的 {shift} 班有 {count} 人（最多允许 {max} 人）",
    },
    "check.interval_coverage.min": {
        "en": "{interval} on {date} has {count} agent(s) (at least {min} required)",
        "zh": "{date} {interval} 时段只有 {count} 人（至少需要 {min} 人）",
    },
    "check.min_rest": {
        "en": "{agent} rests only {rest} hours between {shift} on {date} and {later_shift} on {later_date} (at least {required} hours required)",
        "zh": "{agent} 在 {date} 的 {shift} 班与 {later_date} 的 {later_shift} 班之间只休息 {rest} 小时（至少需要 {required} 小时）",
    },
    "check.overlap": {
        "en": "{agent} works {shift} on {date} until {end} and {later_shift} on {later_date} from {start}: the duties overlap",
        "zh": "{agent} 在 {date} 的 {shift} 班到 {end} 才结束，而 {later_date} 的 {later_shift} 班从 {start} 开始：两个班次时间重叠",
    },
    "check.forbidden_succession": {
        "en": "{agent} works {then} on {next_date} right after {shift} on {date}, which is not allowed",
        "zh": "{agent} 在 {date} 上 {shift} 班后，{next_date} 紧接着上 {then} 班，这是不允许的",
    },
    "check.days_off_per_week.min": {
        "en": "{agent} has {off} day(s) off in the week of {date} (at least {min} required)",
        "zh": "{agent} 在 {date} 开始的一周只休息 {off} 天（至少需要 {min} 天）",
    },
    "check.consecutive_working_days.max": {
        "en": "{agent} works {days} days in a row from {date} (at most {max} allowed)",
        "zh": "{agent} 从 {date} 起连续上班 {days} 天（最多允许 {max} 天）",
    },
    "check.consecutive_working_days.max_cycle": {
        "en": "{agent} works every day of the {days}-day cycle, so the run never ends (at most {max} days in a row allowed)",
        "zh": "{agent} 在 {days} 天的循环周期中每天上班，连续上班没有尽头（最多允许连续 {max} 天）",
    },
    "check.consecutive_working_days.min": {
        "en": "{agent} works only {days} day(s) in a row from {date} (at least {min} required)",
        "zh": "{agent} 从 {date} 起只连续上班 {days} 天（至少需要 {min} 天）",
    },
    "check.consecutive_days_off.max": {
        "en": "{agent} is off {days} days in a row from {date} (at most {max} allowed)",
        "zh": "{agent} 从 {date} 起连续休息 {days} 天（最多允许 {max} 天）",
    },
    "check.consecutive_days_off.max_cycle": {
        "en": "{agent} is off every day of the {days}-day cycle, so the run never ends (at most {max} days off in a row allowed)",
        "zh": "{agent} 在 {days} 天的循环周期中每天休息，连续休息没有尽头（最多允许连续 {max} 天）",
    },
    "check.consecutive_days_off.min": {
        "en": "{agent} is off only {days} day(s) in a row from {date} (at least {min} required)",
        "zh": "{agent} 从 {date} 起只连续休息 {days} 天（至少需要 {min} 天）",
    },
    "check.max_weekends": {
        "en": "{agent} works on {weekends} weekend(s) (at most {max} allowed)",
        "zh": "{agent} 有 {weekends} 个周末上班（最多允许 {max} 个）",
    },
    "check.minutes_per_week.min": {
        "en": "{agent} works {minutes} minutes in the week of {date} (at least {min} required)",
        "zh": "{agent} 在 {date} 开始的一周工作 {minutes} 分钟（至少需要 {min} 分钟）",
    },
    "check.minutes_per_week.max": {
        "en": "{agent} works {minutes} minutes in the week of {date} (at most {max} allowed)",
        "zh": "{agent} 在 {date} 开始的一周工作 {minutes} 分钟（最多允许 {max} 分钟）",
    },
    "check.minutes_per_horizon.min": {
        "en": "{agent} works {minutes} minutes over the horizon (at least {min} required)",
        "zh": "{agent} 在整个排班周期内工作 {minutes} 分钟（至少需要 {min} 分钟）",
    },
    "check.minutes_per_horizon.max": {
        "en": "{agent} works {minutes} minutes over the horizon (at most {max} allowed)",
        "zh": "{agent} 在整个排班周期内工作 {minutes} 分钟（最多允许 {max} 分钟）",
    },
    "check.max_shifts_per_type": {
        "en": "{agent} works {count} {shift} shifts (at most {max} allowed)",
        "zh": "{agent} 上了 {count} 个 {shift} 班（最多允许 {max} 个）",
    },
    # Assignments that do not fit the instance (scheduler.check.check raises ValueError).
    "check.assignments_invalid": {
        "en": "the assignments do not fit the instance ({count} problem(s)):",
        "zh": "排班与实例不符（{count} 个问题）：",
    },
    "check.assignment_problem": {
        "en": "assignment {agent},{date},{shift}: {problem}",
        "zh": "排班 {agent},{date},{shift}：{problem}",
    },
    # Roster CSV files (scheduler.check.roster_file).
    "check.roster_invalid": {
        "en": "{source} is not a valid roster ({count} problem(s)):",
        "zh": "{source} 不是有效的排班表（{count} 个问题）：",
    },
    "check.roster_file_missing": {
        "en": "cannot read {path}: {reason}",
        "zh": "无法读取 {path}：{reason}",
    },
    "check.roster_row": {
        "en": "row {row}: {problem}",
        "zh": "第 {row} 行：{problem}",
    },
    "check.roster_header": {
        "en": "the header must name the columns agent, date and shift; missing: {missing}",
        "zh": "表头必须包含 agent、date、shift 三列；缺少：{missing}",
    },
    "check.roster_empty_cell": {
        "en": "the {column} cell is empty",
        "zh": "{column} 列为空",
    },
    "check.roster_bad_date": {
        "en": "{value!r} is not a date (expected YYYY-MM-DD)",
        "zh": "{value!r} 不是日期（应为 YYYY-MM-DD）",
    },
    "check.roster_duplicate": {
        "en": "{agent} {date} {shift} is already listed in row {first}",
        "zh": "{agent} {date} {shift} 已在第 {first} 行列出",
    },
}

"""Messages of the tradeoffs part of the explanations (scheduler/explain).

``tradeoffs.penalty.<key>`` says one penalty of every key of
:data:`scheduler.result.PENALTY_RULES` in a plain sentence (requests without a
shift have a ``.any_shift`` variant, interval penalties stored before they
named their interval an ``.unknown_interval`` one); the other entries are the
words those sentences and the trade-off tables are built from.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # One sentence per penalty (scheduler.explain.tradeoffs.describe_penalty).
    "tradeoffs.penalty.coverage.under": {
        "en": "{shift} on {date} has {count} agent(s) where {preferred} are preferred (weight {weight})",
        "zh": "{date} 的 {shift} 班只有 {count} 人，期望 {preferred} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.coverage.over": {
        "en": "{shift} on {date} has {count} agent(s) where {preferred} are preferred (weight {weight})",
        "zh": "{date} 的 {shift} 班有 {count} 人，期望 {preferred} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.interval_coverage.under": {
        "en": "{interval} on {date} has {count} agent(s) where {preferred} are preferred (weight {weight})",
        "zh": "{date} {interval} 时段只有 {count} 人，期望 {preferred} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.interval_coverage.over": {
        "en": "{interval} on {date} has {count} agent(s) where {preferred} are preferred (weight {weight})",
        "zh": "{date} {interval} 时段有 {count} 人，期望 {preferred} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.interval_coverage.under.unknown_interval": {
        "en": "{amount} agent(s) fewer than preferred in a time interval on {date} (weight {weight})",
        "zh": "{date} 某时段比期望少 {amount} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.interval_coverage.over.unknown_interval": {
        "en": "{amount} agent(s) more than preferred in a time interval on {date} (weight {weight})",
        "zh": "{date} 某时段比期望多 {amount} 人（权重 {weight}）",
    },
    "tradeoffs.penalty.min_rest": {
        "en": "{agent} has less than {hours} hours of rest after {shift} on {date} (weight {weight})",
        "zh": "{agent} 在 {date} 上完 {shift} 班后休息不足 {hours} 小时（权重 {weight}）",
    },
    "tradeoffs.penalty.forbidden_succession": {
        "en": "{agent} works {then} the day after {shift} on {date}, which should not follow it (weight {weight})",
        "zh": "{agent} 在 {date} 上 {shift} 班后，次日接着上了不宜衔接的 {then} 班（权重 {weight}）",
    },
    "tradeoffs.penalty.days_off_per_week.min": {
        "en": "{agent} {worked} in week {week} ({min} day(s) off required, weight {weight})",
        "zh": "{agent} 在第 {week} 周{worked}（至少需要休息 {min} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.days_off_per_week.preferred": {
        "en": "{agent} {worked} in week {week} ({preferred} days off preferred, weight {weight})",
        "zh": "{agent} 在第 {week} 周{worked}（期望休息 {preferred} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.consecutive_working_days.min": {
        "en": "{agent} works only {days} day(s) in a row from {date} (at least {min}, weight {weight})",
        "zh": "{agent} 从 {date} 起只连续上班 {days} 天（至少 {min} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.consecutive_working_days.max": {
        "en": "{agent} works {days} days in a row from {date} (at most {max}, weight {weight})",
        "zh": "{agent} 从 {date} 起连续上班 {days} 天（最多 {max} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.consecutive_days_off.min": {
        "en": "{agent} is off only {days} day(s) in a row from {date} (at least {min}, weight {weight})",
        "zh": "{agent} 从 {date} 起只连续休息 {days} 天（至少 {min} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.consecutive_days_off.max": {
        "en": "{agent} is off {days} days in a row from {date} (at most {max}, weight {weight})",
        "zh": "{agent} 从 {date} 起连续休息 {days} 天（最多 {max} 天，权重 {weight}）",
    },
    "tradeoffs.penalty.max_weekends": {
        "en": "{agent} works on {weekends} weekends (at most {max}, weight {weight})",
        "zh": "{agent} 有 {weekends} 个周末上班（最多 {max} 个，权重 {weight}）",
    },
    "tradeoffs.penalty.minutes_per_week.min": {
        "en": "{agent} works {hours} hours in week {week}, {amount} minutes below the minimum of {limit} hours (weight {weight})",
        "zh": "{agent} 在第 {week} 周工作 {hours} 小时，比最低 {limit} 小时少 {amount} 分钟（权重 {weight}）",
    },
    "tradeoffs.penalty.minutes_per_week.max": {
        "en": "{agent} works {hours} hours in week {week}, {amount} minutes above the maximum of {limit} hours (weight {weight})",
        "zh": "{agent} 在第 {week} 周工作 {hours} 小时，比最高 {limit} 小时多 {amount} 分钟（权重 {weight}）",
    },
    "tradeoffs.penalty.minutes_per_horizon.min": {
        "en": "{agent} works {hours} hours over the whole roster, {amount} minutes below the minimum of {limit} hours (weight {weight})",
        "zh": "{agent} 在整个排班周期工作 {hours} 小时，比最低 {limit} 小时少 {amount} 分钟（权重 {weight}）",
    },
    "tradeoffs.penalty.minutes_per_horizon.max": {
        "en": "{agent} works {hours} hours over the whole roster, {amount} minutes above the maximum of {limit} hours (weight {weight})",
        "zh": "{agent} 在整个排班周期工作 {hours} 小时，比最高 {limit} 小时多 {amount} 分钟（权重 {weight}）",
    },
    "tradeoffs.penalty.max_shifts_per_type": {
        "en": "{agent} works {count} {shift} shifts (at most {max}, weight {weight})",
        "zh": "{agent} 上了 {count} 个 {shift} 班（最多 {max} 个，权重 {weight}）",
    },
    "tradeoffs.penalty.request.on": {
        "en": "{agent} asked to work {shift} on {date} but does not (weight {weight})",
        "zh": "{agent} 申请在 {date} 上 {shift} 班，但未排上（权重 {weight}）",
    },
    "tradeoffs.penalty.request.on.any_shift": {
        "en": "{agent} asked to work on {date} but has the day off (weight {weight})",
        "zh": "{agent} 申请在 {date} 上班，但当天被安排休息（权重 {weight}）",
    },
    "tradeoffs.penalty.request.off": {
        "en": "{agent} asked not to work {shift} on {date} but works it (weight {weight})",
        "zh": "{agent} 申请在 {date} 不上 {shift} 班，但仍被排上（权重 {weight}）",
    },
    "tradeoffs.penalty.request.off.any_shift": {
        "en": "{agent} asked for {date} off but works that day (weight {weight})",
        "zh": "{agent} 申请在 {date} 休息，但当天仍要上班（权重 {weight}）",
    },
    "tradeoffs.penalty.fairness.on_call": {
        "en": "on-call duties range from {low} to {high} across agents ({method} {amount}, weight {weight})",
        "zh": "各人的值班次数在 {low} 到 {high} 之间（{method} {amount}，权重 {weight}）",
    },
    "tradeoffs.penalty.fairness.weekend_duties": {
        "en": "weekend duties range from {low} to {high} across agents ({method} {amount}, weight {weight})",
        "zh": "各人的周末班次在 {low} 到 {high} 之间（{method} {amount}，权重 {weight}）",
    },
    "tradeoffs.penalty.fairness.minutes": {
        "en": "working hours range from {low} to {high} hours across agents ({method} {amount} minutes, weight {weight})",
        "zh": "各人的工作时长在 {low} 到 {high} 小时之间（{method} {amount} 分钟，权重 {weight}）",
    },
    # Words the sentences are built from.
    "tradeoffs.six_day_week": {"en": "works a six-day week", "zh": "上班六天"},
    "tradeoffs.days_worked": {"en": "works {days} days", "zh": "上班 {days} 天"},
    "tradeoffs.method.spread": {"en": "spread", "zh": "差距"},
    "tradeoffs.method.deviation": {"en": "deviation", "zh": "偏差"},
    # The trade-off tables (cli/tradeoffs.py).
    "tradeoffs.title": {"en": "Trade-offs by rule", "zh": "按规则的取舍"},
    "tradeoffs.rule_heading": {
        "en": "{label}: {count} time(s), cost {cost}",
        "zh": "{label}：{count} 次，扣分 {cost}",
    },
    "tradeoffs.total": {"en": "Total cost: {cost}", "zh": "总扣分：{cost}"},
    "tradeoffs.none": {
        "en": "No trade-offs: every soft rule is met.",
        "zh": "没有取舍：所有软性规则都已满足。",
    },
    "tradeoffs.by_agent_title": {"en": "Cost by agent", "zh": "按人员的扣分"},
    "tradeoffs.by_week_title": {"en": "Cost by week", "zh": "按周的扣分"},
    "tradeoffs.week": {"en": "Week", "zh": "周"},
    "tradeoffs.week_label": {"en": "week {week}", "zh": "第 {week} 周"},
    "tradeoffs.whole_team": {"en": "whole team", "zh": "全组"},
    "tradeoffs.whole_roster": {"en": "whole roster", "zh": "整个周期"},
    "tradeoffs.fairness_title": {"en": "Fairness", "zh": "公平性"},
    "tradeoffs.duties": {"en": "Duties", "zh": "班次数"},
    "tradeoffs.on_call": {"en": "On call", "zh": "值班"},
    "tradeoffs.weekend_duties": {"en": "Weekend duties", "zh": "周末班次"},
    "tradeoffs.hours": {"en": "Hours", "zh": "工时"},
    "tradeoffs.min": {"en": "min", "zh": "最少"},
    "tradeoffs.max": {"en": "max", "zh": "最多"},
    "tradeoffs.spread": {"en": "spread", "zh": "差距"},
}

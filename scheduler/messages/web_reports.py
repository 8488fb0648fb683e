"""Messages of the web pages: reports (coverage, fairness, penalties, versions, comparison)."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- choosing a version
    "web.reports.pick_version": {"en": "Version", "zh": "版本"},
    "web.reports.show": {"en": "Show", "zh": "显示"},
    "web.reports.current": {"en": "current", "zh": "当前"},
    # -- coverage
    "web.reports.coverage.title": {"en": "Coverage of {team}", "zh": "{team} 覆盖情况"},
    "web.reports.coverage.intro": {
        "en": "How many agents this version puts on duty against what the instance asks for. "
        "Red: fewer than the minimum; blue: more than the maximum; pale: off the preferred count.",
        "zh": "本版本安排的在岗人数与实例要求的对比。红色：低于最少人数；蓝色：超过最多人数；浅色：偏离期望人数。",
    },
    "web.reports.legend.gap": {"en": "below the minimum", "zh": "低于最少人数"},
    "web.reports.legend.short": {"en": "below the preferred count", "zh": "低于期望人数"},
    "web.reports.legend.over": {"en": "above the maximum", "zh": "超过最多人数"},
    "web.reports.legend.above": {"en": "above the preferred count", "zh": "高于期望人数"},
    "web.reports.legend.ok": {"en": "as asked", "zh": "符合要求"},
    "web.reports.by_shift.title": {
        "en": "Per day and shift type",
        "zh": "按日期和班次",
    },
    "web.reports.date": {"en": "Date", "zh": "日期"},
    "web.reports.need.range": {"en": "{min}–{max}", "zh": "{min}–{max}"},
    "web.reports.need.at_least": {"en": "≥ {min}", "zh": "≥ {min}"},
    "web.reports.need.preferred": {"en": "preferred {preferred}", "zh": "期望 {preferred}"},
    "web.reports.need.none": {"en": "nothing asked", "zh": "无要求"},
    "web.reports.cell.shift": {
        "en": "{date} {shift}: {count} agents on duty",
        "zh": "{date} {shift}：{count} 人在岗",
    },
    "web.reports.cell.interval": {
        "en": "{date} {interval}: {count} agents on duty, at least {min} needed",
        "zh": "{date} {interval}：{count} 人在岗，至少需要 {min} 人",
    },
    "web.reports.cell.preferred": {
        "en": "{preferred} preferred",
        "zh": "期望 {preferred} 人",
    },
    "web.reports.shift_gaps.none": {
        "en": "Every shift has at least its minimum on every day.",
        "zh": "每天每个班次都达到了最少人数。",
    },
    "web.reports.shift_gaps.some": {
        "en": "Shifts below their minimum: {count}.",
        "zh": "低于最少人数的班次：{count} 个。",
    },
    "web.reports.shift_over.some": {
        "en": "Shifts above their maximum: {count}.",
        "zh": "超过最多人数的班次：{count} 个。",
    },
    "web.reports.by_interval.title": {
        "en": "Per interval of {minutes} minutes",
        "zh": "按 {minutes} 分钟时段",
    },
    "web.reports.by_interval.intro": {
        "en": "Agents on duty for the whole of each interval. Inside a service window at least "
        "one agent must be there to answer; interval coverage or the call forecast may ask "
        "for more.",
        "zh": "每个时段全程在岗的人数。服务时间内至少要有一人应答；时段覆盖或话务预测可能要求更多人。",
    },
    "web.reports.by_interval.none": {
        "en": "The instance has no service window and no interval coverage: nothing is asked "
        "per interval.",
        "zh": "实例没有服务时间，也没有时段覆盖要求：没有按时段的要求。",
    },
    "web.reports.interval_gaps.none": {
        "en": "Every interval has at least its minimum on duty.",
        "zh": "每个时段的在岗人数都达到了最少人数。",
    },
    "web.reports.interval_gaps.title": {
        "en": "Intervals below the minimum",
        "zh": "低于最少人数的时段",
    },
    "web.reports.interval_gap": {
        "en": "{date} {interval}: {count} on duty, {min} needed",
        "zh": "{date} {interval}：{count} 人在岗，需要 {min} 人",
    },
    "web.reports.instance_gaps.title": {
        "en": "Gaps of the instance itself (no roster can fill them)",
        "zh": "实例本身的空档（任何排班都无法填补）",
    },
    "web.reports.service.title": {
        "en": "Against the call forecast",
        "zh": "与话务预测对比",
    },
    "web.reports.service.level": {
        "en": "{level} of the calls answered within {seconds} s (target {target}).",
        "zh": "{level} 的来电在 {seconds} 秒内接听（目标 {target}）。",
    },
    "web.reports.service.asa": {
        "en": "Average speed of answer: {seconds} s.",
        "zh": "平均应答时间：{seconds} 秒。",
    },
    "web.reports.service.short": {
        "en": "{short} of {intervals} forecast intervals have fewer agents than the forecast asks for.",
        "zh": "{intervals} 个预测时段中有 {short} 个在岗人数少于预测所需。",
    },
    # -- hard rules, fairness, penalties
    "web.reports.hard.title": {"en": "Hard rules", "zh": "硬性规则"},
    "web.reports.hard.none": {
        "en": "This version keeps every hard rule.",
        "zh": "本版本遵守所有硬性规则。",
    },
    "web.reports.hard.some": {
        "en": "Hard rules this version breaks ({count}):",
        "zh": "本版本违反的硬性规则（{count} 条）：",
    },
    "web.reports.fairness.title": {
        "en": "Fairness: who works what",
        "zh": "公平性：各人的工作量",
    },
    "web.reports.fairness.total": {"en": "Duties", "zh": "班次合计"},
    "web.reports.fairness.on_call": {"en": "On call", "zh": "值班待命"},
    "web.reports.fairness.weekend_duties": {"en": "Weekend duties", "zh": "周末班次"},
    "web.reports.fairness.hours": {"en": "Hours", "zh": "工时"},
    "web.reports.fairness.days_worked": {"en": "Days worked", "zh": "上班天数"},
    "web.reports.fairness.days_off": {"en": "Days off", "zh": "休息天数"},
    "web.reports.fairness.weekends_worked": {"en": "Weekends worked", "zh": "上班周末数"},
    "web.reports.fairness.range": {"en": "Lowest–highest", "zh": "最低–最高"},
    "web.reports.fairness.spread": {
        "en": "{low}–{high} (spread {spread})",
        "zh": "{low}–{high}（差 {spread}）",
    },
    "web.reports.penalties.title": {"en": "Penalties", "zh": "惩罚分"},
    "web.reports.penalties.total": {
        "en": "Total penalty of this version: {total}.",
        "zh": "本版本的惩罚分合计：{total}。",
    },
    "web.reports.penalties.none": {
        "en": "No soft rule costs anything in this version.",
        "zh": "本版本没有任何软性规则扣分。",
    },
    "web.reports.penalties.by_rule": {"en": "By rule", "zh": "按规则"},
    "web.reports.penalties.by_agent": {"en": "By agent", "zh": "按人员"},
    "web.reports.penalties.by_week": {"en": "By week", "zh": "按周"},
    "web.reports.penalties.rule": {"en": "Rule", "zh": "规则"},
    "web.reports.penalties.count": {"en": "Times", "zh": "次数"},
    "web.reports.penalties.cost": {"en": "Cost", "zh": "扣分"},
    "web.reports.penalties.each": {"en": "Each penalty", "zh": "逐条明细"},
    "web.reports.penalties.week": {
        "en": "Week {number} ({start} – {end})",
        "zh": "第 {number} 周（{start} – {end}）",
    },
    "web.reports.penalties.no_agent": {
        "en": "Not tied to one agent (coverage, fairness)",
        "zh": "不归属个人（覆盖、公平性）",
    },
    # -- versions
    "web.reports.versions.title": {"en": "Versions of {team}", "zh": "{team} 的版本"},
    "web.reports.versions.number": {"en": "Version", "zh": "版本"},
    "web.reports.versions.parent": {"en": "Replaces", "zh": "替代"},
    "web.reports.versions.reason": {"en": "Why", "zh": "原因"},
    "web.reports.versions.created": {"en": "Created", "zh": "创建时间"},
    "web.reports.versions.state": {"en": "State", "zh": "状态"},
    "web.reports.versions.view": {"en": "Roster", "zh": "排班表"},
    "web.reports.versions.coverage": {"en": "Coverage", "zh": "覆盖情况"},
    "web.reports.versions.compare": {
        "en": "Compare with version {parent}",
        "zh": "与第 {parent} 版比较",
    },
    "web.reports.versions.first": {"en": "first version", "zh": "首个版本"},
    "web.reports.versions.none": {
        "en": "Team {team} has no roster version yet.",
        "zh": "团队 {team} 还没有任何排班版本。",
    },
    "web.reports.versions.unpublished_note": {
        "en": "A version is published when it is made; one that was not cannot be published "
        "afterwards from here.",
        "zh": "版本在创建时即发布；未发布的版本目前无法在此补发布。",
    },
    "web.reports.reason.published": {"en": "published", "zh": "发布"},
    "web.reports.reason.swap": {"en": "swap {id} approved", "zh": "批准换班 {id}"},
    "web.reports.reason.reroster": {
        "en": "re-rostered: {agent} absent {first} to {last}",
        "zh": "重新排班：{agent} 于 {first} 至 {last} 缺勤",
    },
    # -- comparison
    "web.reports.compare.title": {"en": "Compare versions", "zh": "版本比较"},
    "web.reports.compare.from": {"en": "From version", "zh": "原版本"},
    "web.reports.compare.to": {"en": "To version", "zh": "新版本"},
    "web.reports.compare.submit": {"en": "Compare", "zh": "比较"},
    "web.reports.compare.heading": {
        "en": "Version {before} → version {after}",
        "zh": "第 {before} 版 → 第 {after} 版",
    },
    "web.reports.compare.same": {
        "en": "Nobody's duties differ between these two versions.",
        "zh": "这两个版本之间没有任何人的班次不同。",
    },
    "web.reports.compare.count": {
        "en": "Duties changed: {count}; agents concerned: {agents}.",
        "zh": "变动的班次：{count} 个；涉及人员：{agents} 人。",
    },
    "web.reports.compare.for_whom": {"en": "For whom", "zh": "涉及人员"},
    "web.reports.compare.gained": {"en": "Gains", "zh": "新增"},
    "web.reports.compare.lost": {"en": "Gives up", "zh": "让出"},
    "web.reports.compare.now_answers": {"en": "Now answers for", "zh": "新增责任"},
    "web.reports.compare.no_longer_answers": {
        "en": "No longer answers for",
        "zh": "不再负责",
    },
    "web.reports.compare.changes": {"en": "What changed", "zh": "变动明细"},
    "web.reports.compare.shift": {"en": "Shift", "zh": "班次"},
    "web.reports.compare.holder": {"en": "Works it", "zh": "上班人员"},
    "web.reports.compare.responsible": {"en": "Responsible", "zh": "责任人"},
    "web.reports.compare.nobody": {"en": "nobody", "zh": "无"},
    "web.reports.compare.grid": {
        "en": "Version {number}, changed cells outlined",
        "zh": "第 {number} 版（变动的格子已框出）",
    },
}

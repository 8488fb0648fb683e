"""Text the command line shows: headings, summaries, status lines."""

MESSAGES: dict[str, dict[str, str]] = {
    # Help (shown in English: no instance, so no team language, is known yet).
    "cli.help.app": {
        "en": "Shift rosters for a customer-service team: solve, check, validate.",
        "zh": "客服团队排班：求解、检查、校验。",
    },
    "cli.help.instance": {
        "en": "Instance file (YAML or JSON) describing team, shifts, horizon, coverage and rules.",
        "zh": "排班实例文件（YAML 或 JSON），描述团队、班次、周期、人数要求和规则。",
    },
    "cli.help.lang": {
        "en": "Language of the output (default: the team's language in the instance).",
        "zh": "输出语言（默认：实例中团队的语言）。",
    },
    "cli.help.solve": {
        "en": "Find the best roster for an instance and show it; optionally write CSV, JSON and Excel files.",
        "zh": "为实例求出最佳排班并显示；可选写出 CSV、JSON 和 Excel 文件。",
    },
    "cli.help.time_limit": {
        "en": "Seconds the search may take.",
        "zh": "求解可用的秒数。",
    },
    "cli.help.workers": {
        "en": "Parallel search workers (0: one per CPU core).",
        "zh": "并行求解线程数（0：每个 CPU 核心一个）。",
    },
    "cli.help.seed": {
        "en": "Random seed; the same seed and workers give the same roster.",
        "zh": "随机种子；相同的种子和线程数得到相同的排班。",
    },
    "cli.help.out": {
        "en": "Folder to write roster.csv, roster.json and roster.xlsx to (created if missing).",
        "zh": "写出 roster.csv、roster.json 和 roster.xlsx 的文件夹（不存在时自动创建）。",
    },
    "cli.help.check": {
        "en": "Check a roster CSV (agent,date,shift) against an instance: broken hard rules and soft penalties.",
        "zh": "按实例检查排班 CSV（agent,date,shift）：违反的硬性规则和软性扣分。",
    },
    "cli.help.roster": {
        "en": "Roster CSV file with the columns agent,date,shift.",
        "zh": "包含 agent,date,shift 三列的排班 CSV 文件。",
    },
    "cli.help.validate": {
        "en": "Check that an instance file is valid and show what it contains.",
        "zh": "校验实例文件是否有效，并显示其内容概要。",
    },
    "cli.help.schema": {
        "en": "Print the JSON Schema of the instance file format.",
        "zh": "输出实例文件格式的 JSON Schema。",
    },
    # Instance overview (solve header, validate).
    "cli.instance_counts": {
        "en": "{agents} agents, {shifts} shift types, {days} days ({start} to {end}), {cyclic}",
        "zh": "{agents} 名客服，{shifts} 种班次，{days} 天（{start} 至 {end}），{cyclic}",
    },
    "cli.cyclic": {
        "en": "cyclic (the roster repeats)",
        "zh": "循环排班（排班表周而复始）",
    },
    "cli.not_cyclic": {
        "en": "not cyclic",
        "zh": "不循环",
    },
    "cli.validate_ok": {
        "en": "OK: {source} is a valid instance: {counts}",
        "zh": "OK：{source} 是有效的排班实例：{counts}",
    },
    # Output files.
    "cli.not_a_folder": {
        "en": "it exists and is not a folder",
        "zh": "该路径已存在且不是文件夹",
    },
    "cli.out_unusable": {
        "en": "cannot use {path} as the output folder: {reason}",
        "zh": "无法将 {path} 用作输出文件夹：{reason}",
    },
    "cli.write_failed": {
        "en": "cannot write {path}: {reason}",
        "zh": "无法写入 {path}：{reason}",
    },
    "cli.wrote_files": {
        "en": "Wrote {files} to {folder}",
        "zh": "已将 {files} 写入 {folder}",
    },
    # Live progress while solving.
    "cli.progress.elapsed": {
        "en": "Searching: {seconds} s of {limit} s",
        "zh": "正在求解：已用 {seconds} 秒，上限 {limit} 秒",
    },
    "cli.progress.search": {
        "en": "best objective {objective}   bound {bound}   gap {gap}   rosters found {solutions}",
        "zh": "当前最优目标值 {objective}   下界 {bound}   差距 {gap}   已找到排班 {solutions} 个",
    },
    # Roster grid.
    "cli.week_title": {
        "en": "Week {week}: {start} to {end}",
        "zh": "第 {week} 周：{start} 至 {end}",
    },
    "cli.agent": {"en": "Agent", "zh": "客服"},
    "cli.weekday.mon": {"en": "Mon", "zh": "周一"},
    "cli.weekday.tue": {"en": "Tue", "zh": "周二"},
    "cli.weekday.wed": {"en": "Wed", "zh": "周三"},
    "cli.weekday.thu": {"en": "Thu", "zh": "周四"},
    "cli.weekday.fri": {"en": "Fri", "zh": "周五"},
    "cli.weekday.sat": {"en": "Sat", "zh": "周六"},
    "cli.weekday.sun": {"en": "Sun", "zh": "周日"},
    "cli.location.office": {"en": "at the office", "zh": "在公司"},
    "cli.location.home": {"en": "from home", "zh": "在家"},
    "cli.on_call": {"en": "on call", "zh": "值班"},
    "cli.day_off": {"en": "day off", "zh": "休息"},
    # Per-agent summary.
    "cli.summary_title": {"en": "Per agent", "zh": "每人统计"},
    "cli.hours": {"en": "Hours", "zh": "工时"},
    "cli.days_off": {"en": "Days off", "zh": "休息天数"},
    "cli.weekends_worked": {"en": "Weekends worked", "zh": "周末上班数"},
    # Penalty breakdown.
    "cli.no_penalties": {
        "en": "No penalties: every soft rule is met.",
        "zh": "没有扣分：所有软性规则均已满足。",
    },
    "cli.penalties_title": {"en": "Penalties by rule", "zh": "按规则汇总的扣分"},
    "cli.penalty_details_title": {"en": "Penalties in detail", "zh": "扣分明细"},
    "cli.rule": {"en": "Rule", "zh": "规则"},
    "cli.count": {"en": "Count", "zh": "次数"},
    "cli.cost": {"en": "Cost", "zh": "扣分"},
    "cli.total": {"en": "Total", "zh": "合计"},
    "cli.date": {"en": "Date", "zh": "日期"},
    "cli.shift": {"en": "Shift", "zh": "班次"},
    "cli.amount_x_weight": {"en": "Amount x weight", "zh": "数量 x 权重"},
    # Status.
    "cli.status.OPTIMAL": {
        "en": "Optimal: no better roster exists",
        "zh": "最优：不存在更好的排班",
    },
    "cli.status.FEASIBLE": {
        "en": "Roster found (not proven the best)",
        "zh": "已找到排班（未证明为最优）",
    },
    "cli.status.INFEASIBLE": {
        "en": "Infeasible",
        "zh": "无可行排班",
    },
    "cli.status.UNKNOWN": {
        "en": "No roster found",
        "zh": "未找到排班",
    },
    "cli.status.MODEL_INVALID": {
        "en": "Invalid model",
        "zh": "模型无效",
    },
    "cli.status_line": {
        "en": "objective {objective}, bound {bound}, gap {gap}, {seconds} s",
        "zh": "目标值 {objective}，下界 {bound}，差距 {gap}，用时 {seconds} 秒",
    },
    "cli.status_line_no_roster": {
        "en": "after {seconds} s",
        "zh": "用时 {seconds} 秒",
    },
    "cli.infeasible": {
        "en": "The hard rules cannot all hold at the same time: no roster satisfies every one of them. Loosen a hard rule, make it soft, or add agents.",
        "zh": "硬性规则无法同时满足：不存在满足全部硬性规则的排班。请放宽某条硬性规则、将其改为软性规则，或增加客服人员。",
    },
    "cli.no_roster": {
        "en": "No roster was found within the time limit of {limit} s (nor proven impossible). Try a longer --time-limit.",
        "zh": "在 {limit} 秒的时间上限内未找到排班（也未证明无解）。请尝试更长的 --time-limit。",
    },
    # check.
    "cli.check_ok": {
        "en": "Every hard rule holds.",
        "zh": "所有硬性规则均已满足。",
    },
    "cli.check_broken": {
        "en": "{count} hard rule violation(s):",
        "zh": "违反硬性规则 {count} 处：",
    },
    "cli.check_objective": {
        "en": "Soft penalties: total cost {objective}",
        "zh": "软性扣分：合计 {objective}",
    },
    # roster explain and the explanation after an infeasible solve.
    "cli.help.explain": {
        "en": "Explain an instance: coverage gaps, then why the hard rules conflict and verified ways out, or the trade-offs of the best roster.",
        "zh": "解释一个排班实例：服务时段缺口，以及硬性规则为何冲突和经验证的解决办法，或最佳排班的取舍。",
    },
    "cli.help.json": {
        "en": "Print JSON instead of tables.",
        "zh": "输出 JSON 而不是表格。",
    },
    "cli.explain.conflict": {
        "en": "These hard rules cannot all hold together (each one is needed for the conflict):",
        "zh": "以下硬性规则无法同时满足（缺少其中任何一条冲突即消失）：",
    },
    "cli.explain.conflict_partial": {
        "en": "These hard rules cannot all hold together (not every one was shown to be needed within the time limit):",
        "zh": "以下硬性规则无法同时满足（在时限内未能确认每一条都是必需的）：",
    },
    "cli.explain.relaxations": {
        "en": "Ways out, each checked by solving the changed roster (smallest change first):",
        "zh": "解决办法（每一条都已按修改后的规则实际求解验证，改动小的在前）：",
    },
    "cli.explain.column.change": {"en": "Change", "zh": "改动"},
    "cli.explain.column.verified": {"en": "Verified", "zh": "已验证"},
    "cli.explain.column.objective": {"en": "Cost", "zh": "扣分"},
    "cli.explain.yes": {"en": "yes", "zh": "是"},
    "cli.explain.no": {"en": "no", "zh": "否"},
    "cli.explain.no_gaps": {
        "en": "The shift types cover the whole service window.",
        "zh": "班次覆盖了全部服务时段。",
    },
    "cli.explain.tradeoffs": {
        "en": "Every hard rule holds. What the best roster gives up:",
        "zh": "全部硬性规则均满足。最佳排班的取舍如下：",
    },
    "cli.explain.undecided": {
        "en": "Within the time limit the solver could neither find a roster nor prove that none exists; try a longer --time-limit.",
        "zh": "在时限内既未找到排班，也未能证明不存在排班；请加大 --time-limit。",
    },
}

"""Messages of the staffing part of the explanations (scheduler/explain): the
minimum head count and the ``roster staff-min`` command."""

MESSAGES: dict[str, dict[str, str]] = {
    "staffing.extra_agent_name": {
        "en": "extra {number}",
        "zh": "新增 {number}",
    },
    # Help (shown in English: no instance, so no team language, is known yet).
    "staffing.help.command": {
        "en": "Find the fewest agents with which the hard rules hold, adding copies of one agent, and compare the penalties of a few head counts.",
        "zh": "通过复制某位客服逐个增加人数，找出满足全部硬性规则所需的最少人数，并比较几种人数下的扣分。",
    },
    "staffing.help.template_agent": {
        "en": "Id of the agent whose limits the new agents copy (default: the first agent).",
        "zh": "新增客服沿用其个人限制的客服 ID（默认：第一位客服）。",
    },
    "staffing.help.max": {
        "en": "Largest head count to try (default: search up to the current count + 10, then show the minimum + 2).",
        "zh": "尝试的最大人数（默认：最多搜索到当前人数 + 10，然后显示到最少人数 + 2）。",
    },
    "staffing.help.time_limit": {
        "en": "Seconds each solve (one per head count) may take.",
        "zh": "每次求解（每种人数一次）可用的秒数。",
    },
    "staffing.help.json": {
        "en": "Print the result as JSON instead of a table.",
        "zh": "以 JSON 而不是表格输出结果。",
    },
    # Output.
    "staffing.heading": {
        "en": "{title}: head count, from {current} agents, adding copies of {template}",
        "zh": "{title}：人数测算，从 {current} 人起，逐个增加 {template} 的副本",
    },
    "staffing.copies_note": {
        "en": "New agents keep the limits of {template} but have no unavailable dates, pins or requests.",
        "zh": "新增客服沿用 {template} 的个人限制，但没有不可工作日期、固定排班或个人意愿。",
    },
    "staffing.column.agents": {
        "en": "Agents",
        "zh": "人数",
    },
    "staffing.column.status": {
        "en": "Status",
        "zh": "状态",
    },
    "staffing.column.objective": {
        "en": "Objective",
        "zh": "目标值",
    },
    "staffing.column.bound": {
        "en": "Bound",
        "zh": "下界",
    },
    "staffing.column.time": {
        "en": "Time (s)",
        "zh": "用时（秒）",
    },
    "staffing.column.penalties": {
        "en": "Main penalties",
        "zh": "主要扣分",
    },
    "staffing.status.OPTIMAL": {
        "en": "optimal",
        "zh": "最优",
    },
    "staffing.status.FEASIBLE": {
        "en": "roster found",
        "zh": "已找到排班",
    },
    "staffing.status.INFEASIBLE": {
        "en": "infeasible",
        "zh": "无可行排班",
    },
    "staffing.status.UNKNOWN": {
        "en": "undecided",
        "zh": "未能判定",
    },
    "staffing.status.MODEL_INVALID": {
        "en": "invalid model",
        "zh": "模型无效",
    },
    "staffing.penalty": {
        "en": "{rule} {cost}",
        "zh": "{rule} {cost}",
    },
    "staffing.no_penalties": {
        "en": "none",
        "zh": "无",
    },
    "staffing.found": {
        "en": "The hard rules hold from {minimum} agents on (the team has {current}).",
        "zh": "从 {minimum} 人起可满足全部硬性规则（团队现有 {current} 人）。",
    },
    "staffing.infeasible": {
        "en": "No minimum head count found: the hard rules cannot all hold even with {max} agents. Try a larger --max, or relax a hard rule.",
        "zh": "未找到最少人数：即使有 {max} 人也无法满足全部硬性规则。请增大 --max，或放宽某条硬性规则。",
    },
    "staffing.undecided": {
        "en": "No minimum head count found: within the time limit of {limit} s per solve it cannot be decided whether {agents} agents are enough. Give more time with --time-limit.",
        "zh": "未找到最少人数：在每次求解 {limit} 秒的时限内，无法判定 {agents} 人是否足够。请用 --time-limit 给出更多时间。",
    },
    "staffing.unknown_template": {
        "en": "--template-agent: there is no agent with the id {agent}; the agents are {known}.",
        "zh": "--template-agent：没有 ID 为 {agent} 的客服；现有客服为 {known}。",
    },
    "staffing.max_below_current": {
        "en": "--max {max} is below the team's current head count of {current}; agents are only ever added.",
        "zh": "--max {max} 小于团队现有人数 {current}；本功能只会增加人数。",
    },
}

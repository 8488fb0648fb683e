"""Messages of the staffing part of the explanations (scheduler/explain): the
minimum head count, the fewest agents that meet a call forecast's service
level, and the ``roster staff-min`` command."""

MESSAGES: dict[str, dict[str, str]] = {
    "staffing.extra_agent_name": {
        "en": "extra {number}",
        "zh": "新增 {number}",
    },
    # Help (shown in English: no instance, so no team language, is known yet).
    "staffing.help.command": {
        "en": "Find the fewest agents with which the hard rules hold, adding copies of one agent, and compare the penalties of a few head counts. With a call forecast (a demand section or --demand), find the fewest agents with which every interval meets the service level.",
        "zh": "通过复制某位客服逐个增加人数，找出满足全部硬性规则所需的最少人数，并比较几种人数下的扣分。有来电预测时（demand 部分或 --demand），找出使每个时段都达到服务水平的最少人数。",
    },
    "staffing.help.template_agent": {
        "en": "Id of the agent whose limits the new agents copy (default: the first agent).",
        "zh": "新增客服沿用其个人限制的客服 ID（默认：第一位客服）。",
    },
    "staffing.help.max": {
        "en": "Largest head count to try (default: search up to 10 above the first head count tried, the current one or a higher lower bound, then show the minimum + 2).",
        "zh": "尝试的最大人数（默认：最多搜索到首个尝试人数（当前人数或更高的下界）+ 10，然后显示到最少人数 + 2）。",
    },
    "staffing.help.time_limit": {
        "en": "Seconds each solve (one per head count) may take.",
        "zh": "每次求解（每种人数一次）可用的秒数。",
    },
    "staffing.help.json": {
        "en": "Print the result as JSON instead of a table.",
        "zh": "以 JSON 而不是表格输出结果。",
    },
    "staffing.help.demand": {
        "en": "Demand profile CSV (weekday,interval_start,calls[,aht_s]), relative to the current folder: replaces the instance's profile, or gives one to an instance without a demand section (then --aht, --target-sl and --answer-within are needed too).",
        "zh": "需求预测 CSV（weekday,interval_start,calls[,aht_s]），路径相对于当前目录：替换实例中的预测，或为没有 demand 部分的实例提供预测（此时还需给出 --aht、--target-sl 和 --answer-within）。",
    },
    "staffing.help.target_sl": {
        "en": "Service-level target: the share of calls answered within --answer-within seconds, e.g. 0.8 (replaces demand.target_sl).",
        "zh": "服务水平目标：在 --answer-within 秒内接听的来电比例，例如 0.8（替换 demand.target_sl）。",
    },
    "staffing.help.answer_within": {
        "en": "Seconds within which a call counts as answered in time, e.g. 20 (replaces demand.answer_within_s).",
        "zh": "来电在多少秒内接听算作及时，例如 20（替换 demand.answer_within_s）。",
    },
    "staffing.help.aht": {
        "en": "Average handle time in seconds, for profile rows without an aht_s of their own (replaces demand.aht_s).",
        "zh": "平均处理时长（秒），用于预测中没有自带 aht_s 的行（替换 demand.aht_s）。",
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
    "staffing.column.service": {
        "en": "Service level",
        "zh": "服务水平",
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
    # With a call forecast.
    "staffing.demand_note": {
        "en": "Call forecast {profile}: every interval needs the Erlang head count for {target}, as a hard minimum. The service level is what each roster reaches over the horizon, weighted by calls.",
        "zh": "来电预测 {profile}：每个时段都须达到满足{target}的 Erlang 人数，作为硬性下限。服务水平一栏是各排班在整个周期内按来电量加权达到的水平。",
    },
    "staffing.target.sl": {
        "en": "{percent} % of calls answered within {seconds} s",
        "zh": "在 {seconds} 秒内接听 {percent}% 的来电",
    },
    "staffing.target.asa": {
        "en": "an average speed of answer of at most {seconds} s",
        "zh": "平均应答时间不超过 {seconds} 秒",
    },
    "staffing.target.occupancy": {
        "en": "an occupancy of at most {percent} %",
        "zh": "占用率不超过 {percent}%",
    },
    "staffing.target.join": {
        "en": ", ",
        "zh": "、",
    },
    "staffing.service_cell": {
        "en": "{percent} %",
        "zh": "{percent}%",
    },
    "staffing.service_cell_asa": {
        "en": "ASA {seconds} s",
        "zh": "平均应答 {seconds} 秒",
    },
    "staffing.demand_found": {
        "en": "From {minimum} agents on, every interval meets {target} (the team has {current}).",
        "zh": "从 {minimum} 人起，每个时段都能做到{target}（团队现有 {current} 人）。",
    },
    "staffing.demand_infeasible": {
        "en": "No head count up to {max} agents meets {target} in every interval while the other hard rules hold. Try a larger --max, or a lower target.",
        "zh": "直到 {max} 人，都无法在满足其他硬性规则的同时让每个时段做到{target}。请增大 --max，或降低目标。",
    },
    "staffing.demand_bound": {
        "en": "At least {agents} agents: the forecast needs {needed} agent-minutes a week on the phone, and one agent works at most {most} minutes a week.",
        "zh": "至少需要 {agents} 人：按预测每周需要 {needed} 人·分钟在线接听，而每人每周最多工作 {most} 分钟。",
    },
    "staffing.demand_bound_skipped": {
        "en": "Head counts below {agents} were not solved.",
        "zh": "少于 {agents} 人的情形未求解。",
    },
    "staffing.demand_needs_aht": {
        "en": "--aht is needed: the instance has no demand section, so --demand needs the average handle time in seconds (e.g. --aht 240).",
        "zh": "需要 --aht：实例没有 demand 部分，因此 --demand 需要给出平均处理时长（秒），例如 --aht 240。",
    },
    "staffing.demand_needs_target": {
        "en": "--target-sl and --answer-within are needed: the instance has no demand section, so --demand needs a service-level target (e.g. --target-sl 0.8 --answer-within 20).",
        "zh": "需要 --target-sl 和 --answer-within：实例没有 demand 部分，因此 --demand 需要给出服务水平目标，例如 --target-sl 0.8 --answer-within 20。",
    },
    "staffing.demand_target_pair": {
        "en": "{missing} is needed with {given}: a service level is the share of calls answered within a time.",
        "zh": "{given} 需要与 {missing} 一起给出：服务水平是在一定时间内接听的来电比例。",
    },
    "staffing.demand_option_without_profile": {
        "en": "{option} applies to a call forecast, but the instance has no demand section: give a profile with --demand PROFILE.csv.",
        "zh": "{option} 用于来电预测，但实例没有 demand 部分：请用 --demand PROFILE.csv 给出预测。",
    },
    "staffing.demand_option_sets": {
        "en": "({option} sets {field}.)",
        "zh": "（{option} 对应 {field}。）",
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

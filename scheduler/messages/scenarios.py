"""Messages of the what-if scenarios (scheduler/scenarios) and ``roster scenarios run``."""

MESSAGES: dict[str, dict[str, str]] = {
    # Scenario files.
    "scenarios.invalid_file": {
        "en": "{source}: invalid scenario file",
        "zh": "{source}：情景文件无效",
    },
    "scenarios.not_mapping": {
        "en": "(file): expected a mapping, got {kind}",
        "zh": "（文件）：应为键值映射，实际为 {kind}",
    },
    "scenarios.unknown_field": {
        "en": "{field}: unknown field",
        "zh": "{field}：未知字段",
    },
    "scenarios.cannot_read": {
        "en": "(file): cannot read: {reason}",
        "zh": "（文件）：无法读取：{reason}",
    },
    "scenarios.not_yaml": {
        "en": "(file): not valid YAML: {problem}",
        "zh": "（文件）：不是有效的 YAML：{problem}",
    },
    "scenarios.demand_without_section": {
        "en": "grid.{key}: the base instance has no demand: section to change",
        "zh": "grid.{key}：基础实例没有可修改的 demand: 部分",
    },
    "scenarios.dask_missing": {
        "en": "running on a Dask cluster needs dask.distributed: pip install 'roster[scenarios]' (or 'dask[distributed]')",
        "zh": "在 Dask 集群上运行需要 dask.distributed：pip install 'roster[scenarios]'（或 'dask[distributed]'）",
    },
    "scenarios.matplotlib_missing": {
        "en": "plots need matplotlib: pip install 'roster[scenarios]' (or 'matplotlib')",
        "zh": "绘图需要 matplotlib：pip install 'roster[scenarios]'（或 'matplotlib'）",
    },
    # The command line (cli/scenarios.py). Help is shown in English.
    "scenarios.help.group": {
        "en": "What-if scenarios: solve a grid of changes to one instance.",
        "zh": "假设情景：对同一实例的一组改动逐一求解。",
    },
    "scenarios.help.run": {
        "en": "Solve every combination of a scenario file's grid.",
        "zh": "对情景文件网格中的每种组合求解。",
    },
    "scenarios.help.file": {
        "en": "The scenario file (YAML).",
        "zh": "情景文件（YAML）。",
    },
    "scenarios.help.workers": {
        "en": "Cases solved at once on this machine.",
        "zh": "本机同时求解的情景数。",
    },
    "scenarios.help.dask": {
        "en": "Run on a Dask cluster, e.g. tcp://host:8786 (needs roster[scenarios]).",
        "zh": "在 Dask 集群上运行，例如 tcp://host:8786（需要 roster[scenarios]）。",
    },
    "scenarios.help.out": {
        "en": "Folder for results.csv, results.md and plots.",
        "zh": "写入 results.csv、results.md 和图表的文件夹。",
    },
    "scenarios.not_a_folder": {
        "en": "cannot write to {path}: not a folder",
        "zh": "无法写入 {path}：不是文件夹",
    },
    "scenarios.cannot_write": {
        "en": "cannot write to {path}: {reason}",
        "zh": "无法写入 {path}：{reason}",
    },
    "scenarios.unreachable": {
        "en": "cannot reach the Dask scheduler {address}: {reason}",
        "zh": "无法连接 Dask 调度器 {address}：{reason}",
    },
    "scenarios.where.local": {
        "en": "{workers} local worker(s)",
        "zh": "本机 {workers} 个进程",
    },
    "scenarios.where.dask": {
        "en": "Dask cluster {address}",
        "zh": "Dask 集群 {address}",
    },
    "scenarios.starting": {
        "en": "{cases} case(s) from {file} on {where}",
        "zh": "{file} 共 {cases} 个情景，运行于{where}",
    },
    "scenarios.progress": {
        "en": "solving",
        "zh": "求解中",
    },
    "scenarios.column.case": {"en": "case", "zh": "情景"},
    "scenarios.column.status": {"en": "status", "zh": "状态"},
    "scenarios.column.objective": {"en": "objective", "zh": "目标值"},
    "scenarios.column.bound": {"en": "bound", "zh": "下界"},
    "scenarios.column.time": {"en": "time s", "zh": "用时（秒）"},
    "scenarios.column.shortfall": {"en": "shortfall", "zh": "缺员"},
    "scenarios.column.service_level": {"en": "service level", "zh": "服务水平"},
    "scenarios.column.penalties": {"en": "main penalties", "zh": "主要扣分"},
    "scenarios.skipped.headcount": {
        "en": "headcount.png: the head count does not vary",
        "zh": "headcount.png：人数没有变化",
    },
    "scenarios.skipped.heatmap": {
        "en": "heatmap.png: fewer than two parameters vary",
        "zh": "heatmap.png：变化的参数少于两个",
    },
    "scenarios.skipped.coverage": {
        "en": "coverage/*.png: no case has a demand forecast and a roster",
        "zh": "coverage/*.png：没有既有需求预测又有排班结果的情景",
    },
    "scenarios.not_plotted": {
        "en": "not plotted: {reason}",
        "zh": "未绘制：{reason}",
    },
    "scenarios.wrote": {
        "en": "wrote {files} to {out}",
        "zh": "已将 {files} 写入 {out}",
    },
    # Plot labels (drawn in English: see scheduler/scenarios/plots.py).
    "scenarios.plot.no_roster": {"en": "no roster", "zh": "无排班"},
    "scenarios.plot.head_count": {"en": "head count", "zh": "人数"},
    "scenarios.plot.objective": {"en": "objective (penalty)", "zh": "目标值（扣分）"},
    "scenarios.plot.objective_by_head_count": {
        "en": "objective by head count",
        "zh": "各人数下的目标值",
    },
    "scenarios.plot.penalty_best": {"en": "penalty (best case)", "zh": "扣分（最佳情景）"},
    "scenarios.plot.penalty_by_rule": {"en": "penalty by rule", "zh": "各规则扣分"},
    "scenarios.plot.target": {"en": "target {pct} %", "zh": "目标 {pct}%"},
    "scenarios.plot.service_level": {
        "en": "% of calls answered within {within} s",
        "zh": "{within} 秒内接听的来电比例（%）",
    },
    "scenarios.plot.service_by_head_count": {
        "en": "service level by head count",
        "zh": "各人数下的服务水平",
    },
    "scenarios.plot.objective_blank": {
        "en": "objective (blank: no roster)",
        "zh": "目标值（空白：无排班）",
    },
    "scenarios.plot.coverage_title": {
        "en": "{case}: rostered minus wanted agents (service level {level})",
        "zh": "{case}：排班人数减需求人数（服务水平 {level}）",
    },
    "scenarios.plot.interval_start": {"en": "interval start", "zh": "时段开始"},
    "scenarios.plot.rostered_minus_wanted": {
        "en": "agents rostered - wanted",
        "zh": "排班人数 - 需求人数",
    },
}

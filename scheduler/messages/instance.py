"""Messages about instance files: loading, syntax and references between fields."""

MESSAGES = {
    "instance.file_missing": {
        "en": "cannot read {file}: {reason}",
        "zh": "无法读取 {file}：{reason}",
    },
    "instance.yaml_syntax": {
        "en": "YAML syntax error at line {line}, column {column}: {problem}",
        "zh": "YAML 语法错误（第 {line} 行第 {column} 列）：{problem}",
    },
    "instance.not_mapping": {
        "en": "the file must hold a mapping of fields (team, shift_types, horizon, ...), got {kind}",
        "zh": "文件内容必须是字段映射（team、shift_types、horizon 等），实际为 {kind}",
    },
    "instance.invalid_header": {
        "en": "{source} is not a valid instance ({count} problem(s)):",
        "zh": "{source} 不是有效的排班实例（{count} 个问题）：",
    },
    "instance.duplicate_id": {
        "en": "{kind} id {id!r} is used twice (first at index {first})",
        "zh": "{kind} 编号 {id!r} 重复（第一次出现在第 {first} 项）",
    },
    "instance.unknown_shift": {
        "en": "unknown shift type {id!r}; defined: {known}",
        "zh": "未定义的班次 {id!r}；已定义：{known}",
    },
    "instance.unknown_agent": {
        "en": "unknown agent {id!r}; defined: {known}",
        "zh": "未定义的客服 {id!r}；已定义：{known}",
    },
    "instance.date_outside_horizon": {
        "en": "date {date} is outside the horizon {start} .. {end}",
        "zh": "日期 {date} 不在排班周期 {start} 至 {end} 之内",
    },
    "instance.same_day_overlap": {
        "en": "shift types {first} and {second} overlap in time, so one agent cannot work both on one day",
        "zh": "班次 {first} 与 {second} 时间重叠，同一人不能在同一天上这两个班",
    },
    "instance.same_day_self": {
        "en": "a shift type cannot be paired with itself ({id!r})",
        "zh": "班次不能与自身组合（{id!r}）",
    },
    "instance.duplicate_coverage": {
        "en": "coverage of {shift} on {day} is already set by coverage[{first}]",
        "zh": "{shift} 班在 {day} 的人数要求已由 coverage[{first}] 设置",
    },
    "instance.duplicate_interval_coverage": {
        "en": "interval coverage on {day} at {time} is already set by interval_coverage[{first}]",
        "zh": "{day} {time} 的时段人数要求已由 interval_coverage[{first}] 设置",
    },
    "instance.duplicate_pin": {
        "en": "{agent} on {date} is already pinned by fixed_assignments[{first}], and allowed_same_day does not allow both",
        "zh": "{agent} 在 {date} 已由 fixed_assignments[{first}] 固定，且 allowed_same_day 不允许同一天上这两个班",
    },
    "instance.demand_profile_row": {
        "en": "demand profile, row {line}: {problem}",
        "zh": "需求预测文件第 {line} 行：{problem}",
    },
    "instance.demand_staffing": {
        "en": "cannot compute the agents required: {problem}",
        "zh": "无法计算所需客服人数：{problem}",
    },
    "instance.demand_no_base_dir": {
        "en": "the demand profile is read relative to the instance file; load the file or pass base_dir",
        "zh": "需求预测文件按实例文件所在目录查找；请从文件加载实例或提供 base_dir",
    },
}

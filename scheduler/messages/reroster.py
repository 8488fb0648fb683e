"""Messages of scheduler/reroster: the lines that list what a new roster version changed."""

MESSAGES: dict[str, dict[str, str]] = {
    "reroster.change": {
        "en": "{date} {shift}: {before} -> {after}",
        "zh": "{date} {shift}：{before} → {after}",
    },
    "reroster.added": {
        "en": "{date} {shift}: new duty for {after}",
        "zh": "{date} {shift}：新增 {after} 的班次",
    },
    "reroster.removed": {
        "en": "{date} {shift}: {before}'s duty dropped",
        "zh": "{date} {shift}：取消 {before} 的班次",
    },
    "reroster.unchanged": {
        "en": "nothing changes: the absent agent had no duty to cover",
        "zh": "无需调整：缺勤人员在此期间没有班次",
    },
    "reroster.no_roster": {
        "en": "no new roster ({status}): the absence cannot be covered without breaking a hard rule",
        "zh": "无法生成新排班（{status}）：不违反硬性规则就无法填补此次缺勤",
    },
}

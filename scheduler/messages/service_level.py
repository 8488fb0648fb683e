"""Messages about the service level a roster reaches on its call forecast
(scheduler/explain/service_level.py), as ``roster solve`` prints them."""

MESSAGES: dict[str, dict[str, str]] = {
    "service_level.title": {
        "en": "Service on the call forecast",
        "zh": "来电预测下的服务水平",
    },
    "service_level.answered": {
        "en": "{level} of {calls} forecast calls answered within {within} s (target {target}).",
        "zh": "预测来电 {calls} 通，其中 {level} 在 {within} 秒内接听（目标 {target}）。",
    },
    "service_level.asa": {
        "en": "Average speed of answer {asa} s (target {target}).",
        "zh": "平均应答速度 {asa} 秒（目标 {target}）。",
    },
    "service_level.asa_unbounded": {
        "en": "Some intervals have calls and nobody rostered: callers there wait without end.",
        "zh": "部分时段有来电却无人排班：这些时段的来电将一直等待。",
    },
    "service_level.intervals": {
        "en": "{met} of {total} intervals meet the target; {short} have fewer agents than the forecast needs.",
        "zh": "{total} 个时段中有 {met} 个达到目标；{short} 个时段的人数少于预测所需。",
    },
    "service_level.no_target": {
        "en": "none",
        "zh": "无",
    },
}

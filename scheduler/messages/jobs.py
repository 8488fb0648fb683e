"""Messages of scheduler/jobs: why a background solve did not finish with a roster."""

MESSAGES: dict[str, dict[str, str]] = {
    "jobs.solve_failed": {
        "en": "the solve failed: {reason}",
        "zh": "求解失败：{reason}",
    },
    "jobs.process_died": {
        "en": "the solver process ended unexpectedly (exit code {code})",
        "zh": "求解进程意外退出（退出码 {code}）",
    },
    "jobs.start_failed": {
        "en": "the solver process could not be started: {reason}",
        "zh": "无法启动求解进程：{reason}",
    },
    "jobs.shut_down": {
        "en": "the job service shut down before the solve finished",
        "zh": "求解完成前作业服务已关闭",
    },
    "jobs.unknown": {
        "en": "no solve job {id}",
        "zh": "找不到求解作业 {id}",
    },
}

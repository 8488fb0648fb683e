"""Messages of the web pages: generate a roster, watch the solve, publish or relax."""

MESSAGES: dict[str, dict[str, str]] = {
    # The generate page: pick an instance, a time limit, or upload a file.
    "web.generate.title": {"en": "Generate a roster", "zh": "生成排班"},
    "web.generate.intro": {
        "en": "Pick an instance of the team, set a time limit and start the solver. "
        "The next page shows its progress as it runs.",
        "zh": "选择本团队的一个排班实例，设置时间上限并启动求解器。下一页会实时显示求解进度。",
    },
    "web.generate.instances": {"en": "Instances of the team", "zh": "本团队的排班实例"},
    "web.generate.pick": {"en": "Solve", "zh": "求解"},
    "web.generate.name": {"en": "Name", "zh": "名称"},
    "web.generate.description": {"en": "Description", "zh": "说明"},
    "web.generate.uploaded_at": {"en": "Uploaded", "zh": "上传时间"},
    "web.generate.id": {"en": "Id", "zh": "编号"},
    "web.generate.no_instances": {
        "en": "Team {team} has no instance yet. Upload an instance file below.",
        "zh": "团队 {team} 还没有排班实例。请在下方上传实例文件。",
    },
    "web.generate.unlisted": {
        "en": "{count} older instance(s) are not listed.",
        "zh": "另有 {count} 个较早的排班实例未列出。",
    },
    "web.generate.time_limit": {"en": "Time limit (seconds)", "zh": "时间上限（秒）"},
    "web.generate.time_limit_help": {
        "en": "More than 0 and at most 3600. The solver stops earlier once it proves "
        "the roster is the best one.",
        "zh": "大于 0 且不超过 3600。求解器一旦证明排班最优就会提前停止。",
    },
    "web.generate.start": {"en": "Start the solver", "zh": "开始求解"},
    "web.generate.bad_time_limit": {
        "en": "The time limit must be a number of seconds above 0 and at most 3600.",
        "zh": "时间上限必须是大于 0 且不超过 3600 的秒数。",
    },
    "web.generate.no_instance": {
        "en": "Choose an instance to solve.",
        "zh": "请选择要求解的排班实例。",
    },
    "web.generate.instance_other_team": {
        "en": "Instance {id} does not belong to team {team}.",
        "zh": "排班实例 {id} 不属于团队 {team}。",
    },
    "web.generate.upload.title": {"en": "Upload an instance file", "zh": "上传排班实例文件"},
    "web.generate.upload.file": {
        "en": "Instance file (YAML or JSON)",
        "zh": "实例文件（YAML 或 JSON）",
    },
    "web.generate.upload.help": {
        "en": "The format is described in docs/instance-format.md. The file is checked "
        "first; a file with problems is not stored.",
        "zh": "文件格式见 docs/instance-format.md。文件会先经过检查，有问题的文件不会被保存。",
    },
    "web.generate.upload.submit": {"en": "Upload", "zh": "上传"},
    "web.generate.upload.done": {
        "en": "Instance {name} (#{id}) is stored and selected below.",
        "zh": "排班实例 {name}（#{id}）已保存，并已在下方选中。",
    },
    "web.generate.upload.invalid": {
        "en": "This file cannot be used ({count} problem(s)); nothing was stored:",
        "zh": "该文件无法使用（{count} 个问题），未保存任何内容：",
    },
    "web.generate.upload.missing": {
        "en": "Choose a file to upload.",
        "zh": "请选择要上传的文件。",
    },
    "web.generate.upload.too_big": {
        "en": "The file is larger than {limit} KB; nothing was stored.",
        "zh": "文件超过 {limit} KB，未保存任何内容。",
    },
    "web.generate.example.title": {"en": "Start from the example", "zh": "从示例开始"},
    "web.generate.example.help": {
        "en": "Store the example team file {file} (four agents, three shifts, three weeks) "
        "as this team's first instance.",
        "zh": "将示例团队文件 {file}（四名人员、三个班次、三周）保存为本团队的第一个排班实例。",
    },
    "web.generate.example.submit": {"en": "Use the example", "zh": "使用示例"},
    # The job page: live progress, then the result.
    "web.generate.job.title": {"en": "Solve job: {name}", "zh": "求解作业：{name}"},
    "web.generate.job.meta": {
        "en": "Instance #{id} · time limit {limit} s",
        "zh": "排班实例 #{id} · 时间上限 {limit} 秒",
    },
    "web.generate.job.state": {"en": "State", "zh": "状态"},
    "web.generate.job.progress": {"en": "Time used", "zh": "已用时间"},
    "web.generate.job.elapsed": {"en": "Elapsed", "zh": "已用时间"},
    "web.generate.job.elapsed_value": {
        "en": "{elapsed} s of {limit} s",
        "zh": "{elapsed} 秒 / {limit} 秒",
    },
    "web.generate.job.objective": {"en": "Best cost so far", "zh": "目前最优成本"},
    "web.generate.job.bound": {
        "en": "Bound (no roster can cost less)",
        "zh": "下界（任何排班的成本都不会更低）",
    },
    "web.generate.job.solutions": {"en": "Rosters found", "zh": "已找到的排班数"},
    "web.generate.job.none": {"en": "—", "zh": "—"},
    "web.generate.job.live_help": {
        "en": "This page updates itself twice a second and shows the result when the solver stops.",
        "zh": "本页每秒自动更新两次，求解器停止后会显示结果。",
    },
    "web.generate.job.cancel": {"en": "Cancel the solve", "zh": "取消求解"},
    "web.generate.unknown_job": {
        "en": "There is no solve job {id} (finished jobs are forgotten after a while).",
        "zh": "找不到求解作业 {id}（已完成的作业会在一段时间后被清除）。",
    },
    "web.generate.job_other_team": {
        "en": "This solve job belongs to another team.",
        "zh": "该求解作业属于其他团队。",
    },
    "web.generate.state.explaining": {
        "en": "no roster keeps every rule: finding out why…",
        "zh": "没有满足全部规则的排班：正在查找原因……",
    },
    "web.generate.state.queued": {"en": "waiting for a free solver", "zh": "等待空闲的求解器"},
    "web.generate.state.running": {"en": "solving", "zh": "求解中"},
    "web.generate.state.done": {"en": "finished", "zh": "已完成"},
    "web.generate.state.failed": {"en": "failed", "zh": "失败"},
    "web.generate.state.cancelled": {"en": "cancelled", "zh": "已取消"},
    "web.generate.status.OPTIMAL": {
        "en": "optimal (proven to be the best roster)",
        "zh": "最优（已证明是最好的排班）",
    },
    "web.generate.status.FEASIBLE": {
        "en": "feasible (every hard rule holds; a better roster may exist)",
        "zh": "可行（满足所有硬性规则；可能存在更好的排班）",
    },
    "web.generate.status.INFEASIBLE": {
        "en": "impossible (the hard rules cannot all hold)",
        "zh": "无解（硬性规则无法同时满足）",
    },
    "web.generate.status.UNKNOWN": {
        "en": "undecided (no roster found in the time limit)",
        "zh": "未定（在时间上限内未找到排班）",
    },
    "web.generate.status.MODEL_INVALID": {
        "en": "the model is invalid",
        "zh": "模型无效",
    },
    # A finished solve with a roster.
    "web.generate.result.title": {"en": "Result", "zh": "结果"},
    "web.generate.result.status": {"en": "Status", "zh": "求解状态"},
    "web.generate.result.objective": {"en": "Cost (objective)", "zh": "成本（目标值）"},
    "web.generate.result.gap": {"en": "Gap to the bound", "zh": "与下界的差距"},
    "web.generate.result.gap_value": {"en": "{percent} %", "zh": "{percent}%"},
    "web.generate.result.wall_time": {"en": "Solve time", "zh": "求解用时"},
    "web.generate.result.seconds": {"en": "{value} s", "zh": "{value} 秒"},
    "web.generate.result.publish": {"en": "Publish this roster", "zh": "发布此排班"},
    "web.generate.result.publish_help": {
        "en": "Publishing makes it the team's current roster; agents see it at once.",
        "zh": "发布后它将成为团队的当前排班，人员会立即看到。",
    },
    "web.generate.result.penalties": {"en": "What this roster gives up", "zh": "此排班的取舍"},
    "web.generate.result.no_penalties": {
        "en": "Every preference is met: this roster costs nothing.",
        "zh": "所有偏好均已满足：此排班的成本为零。",
    },
    "web.generate.result.rule": {"en": "Rule", "zh": "规则"},
    "web.generate.result.count": {"en": "Times", "zh": "次数"},
    "web.generate.result.cost": {"en": "Cost", "zh": "成本"},
    "web.generate.result.total": {"en": "Total", "zh": "合计"},
    "web.generate.result.each": {"en": "Each case", "zh": "逐条说明"},
    "web.generate.result.unknown": {
        "en": "The solver found no roster within {limit} s. Try again with a longer time limit.",
        "zh": "求解器在 {limit} 秒内未找到排班。请设置更长的时间上限后重试。",
    },
    "web.generate.result.failed": {
        "en": "The solve failed: {reason}",
        "zh": "求解失败：{reason}",
    },
    "web.generate.result.cancelled": {
        "en": "The solve was cancelled.",
        "zh": "求解已取消。",
    },
    "web.generate.result.invalid": {
        "en": "The solver could not use this instance. Check the file and upload it again.",
        "zh": "求解器无法使用此排班实例。请检查文件后重新上传。",
    },
    "web.generate.nothing_to_publish": {
        "en": "This solve job has no roster to publish (it is {state}).",
        "zh": "该求解作业没有可发布的排班（状态：{state}）。",
    },
    "web.generate.again.title": {"en": "Solve again", "zh": "重新求解"},
    "web.generate.again.submit": {"en": "Solve again", "zh": "重新求解"},
    # A finished solve that proved the hard rules impossible.
    "web.generate.infeasible.title": {
        "en": "No roster can keep every hard rule",
        "zh": "没有任何排班能满足所有硬性规则",
    },
    "web.generate.infeasible.conflict": {
        "en": "These rules cannot all hold together:",
        "zh": "以下规则无法同时满足：",
    },
    "web.generate.infeasible.minimal": {
        "en": "Each of them is needed for the conflict: without any one of them the others can hold.",
        "zh": "每条规则都是冲突的一部分：去掉其中任意一条，其余规则即可同时满足。",
    },
    "web.generate.infeasible.not_minimal": {
        "en": "The list may hold more rules than the conflict needs.",
        "zh": "此列表中可能包含与冲突无关的规则。",
    },
    "web.generate.infeasible.relaxations": {
        "en": "Verified ways out",
        "zh": "已验证的解决办法",
    },
    "web.generate.infeasible.relax_help": {
        "en": "Each change below was tried and the solver found a roster with it. Applying one "
        "stores the changed instance as a new instance of the team and solves it again.",
        "zh": "下面每项修改都已试过，求解器在修改后找到了排班。应用某项修改会把修改后的实例"
        "另存为本团队的新实例，并重新求解。",
    },
    "web.generate.infeasible.change": {
        "en": "In the file: {change}",
        "zh": "文件中的修改：{change}",
    },
    "web.generate.infeasible.apply": {
        "en": "Apply and solve again",
        "zh": "应用并重新求解",
    },
    "web.generate.infeasible.unverified": {
        "en": "{count} other change(s) were tried and did not lead to a roster.",
        "zh": "另有 {count} 项修改经尝试后仍无法得到排班。",
    },
    "web.generate.infeasible.none": {
        "en": "No single change that was tried leads to a roster. "
        "Relax one of the rules above in the file and upload it again.",
        "zh": "尝试过的单项修改都无法得到排班。请在文件中放宽上述某条规则后重新上传。",
    },
    "web.generate.infeasible.undecided": {
        "en": "The solver could not find out in time which rules conflict. "
        "Try again with a longer time limit.",
        "zh": "求解器未能及时查明哪些规则相互冲突。请设置更长的时间上限后重试。",
    },
    "web.generate.infeasible.no_conflict": {
        "en": "A second look found no conflict: the rules can hold. "
        "Solve again with a longer time limit.",
        "zh": "复查未发现冲突：这些规则可以同时满足。请设置更长的时间上限后重新求解。",
    },
    "web.generate.no_relaxation": {
        "en": "This solve job has no verified way out number {index}.",
        "zh": "该求解作业没有编号为 {index} 的已验证解决办法。",
    },
}

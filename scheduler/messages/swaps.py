"""Messages of scheduler/swaps: request states, refusals, evidence, notice, rule checks, responsibility.

Pieces such as ``swaps.state.*``, ``swaps.action.*`` and ``swaps.party.*``
are filled into the sentences by :class:`scheduler.swaps.model.Phrase`, so
each sentence is assembled in one language throughout.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Naming a request.
    "swaps.subject.plain": {"en": "the swap request", "zh": "该换班申请"},
    "swaps.subject.numbered": {"en": "swap request {id}", "zh": "第 {id} 号换班申请"},
    # States, as "swap request 7 is <state>".
    "swaps.state.requested": {"en": "waiting for the colleague's answer", "zh": "正在等待对方答复"},
    "swaps.state.accepted": {"en": "accepted", "zh": "已被对方同意"},
    "swaps.state.declined": {"en": "declined", "zh": "已被对方拒绝"},
    "swaps.state.approved": {"en": "approved", "zh": "已获批准"},
    "swaps.state.rejected": {"en": "rejected", "zh": "已被驳回"},
    "swaps.state.withdrawn": {"en": "withdrawn", "zh": "已撤回"},
    # Actions, as "may not <action>" and "can no longer be <action done>".
    "swaps.action.accept": {"en": "accept", "zh": "同意"},
    "swaps.action.decline": {"en": "decline", "zh": "拒绝"},
    "swaps.action.approve": {"en": "approve", "zh": "批准"},
    "swaps.action.reject": {"en": "reject", "zh": "驳回"},
    "swaps.action.withdraw": {"en": "withdraw", "zh": "撤回"},
    "swaps.action_done.accept": {"en": "accepted", "zh": "同意"},
    "swaps.action_done.decline": {"en": "declined", "zh": "拒绝"},
    "swaps.action_done.approve": {"en": "approved", "zh": "批准"},
    "swaps.action_done.reject": {"en": "rejected", "zh": "驳回"},
    "swaps.action_done.withdraw": {"en": "withdrawn", "zh": "撤回"},
    # Illegal transitions (scheduler.swaps.rules.IllegalTransition).
    "swaps.transition.no_longer": {
        "en": "{subject} is {state}; it can no longer be {action}",
        "zh": "{subject}{state}，不能再{action}",
    },
    "swaps.transition.not_yet": {
        "en": "{subject} is {state}; it cannot be {action} before the colleague accepts it",
        "zh": "{subject}{state}，对方同意之前不能{action}",
    },
    # Who may act (scheduler.swaps.rules.NotAllowed).
    "swaps.party.requester": {"en": "the requester {agent}", "zh": "申请人 {agent}"},
    "swaps.party.counterpart": {"en": "the colleague {agent}", "zh": "被请求的同事 {agent}"},
    "swaps.party.supervisor": {"en": "a supervisor", "zh": "主管"},
    "swaps.either": {"en": "{first} or {second}", "zh": "{first}或{second}"},
    "swaps.actor.unnamed": {"en": "a user who is not an agent", "zh": "非客服人员的用户"},
    "swaps.not_allowed": {
        "en": "{actor} may not {action} {subject}: only {who} may",
        "zh": "{actor} 不能{action}{subject}：只有{who} 可以",
    },
    # Attachments (scheduler.swaps.evidence.EvidenceError).
    "swaps.evidence.empty": {
        "en": "the attachment {filename} is empty",
        "zh": "附件 {filename} 是空文件",
    },
    "swaps.evidence.too_large": {
        "en": "the attachment {filename} has {size} bytes; at most {max} bytes ({max_mib} MiB) are accepted",
        "zh": "附件 {filename} 有 {size} 字节；最多接受 {max} 字节（{max_mib} MiB）",
    },
    "swaps.evidence.type": {
        "en": "the attachment {filename} is of type {content_type}, which is not accepted (accepted: {allowed})",
        "zh": "附件 {filename} 的类型为 {content_type}，不被接受（可接受：{allowed}）",
    },
    "swaps.evidence.no_signature": {
        "en": "the attachment {filename} is declared as {declared} but its content is not {kind}",
        "zh": "附件 {filename} 声明为 {declared}，但其内容不是{kind}",
    },
    "swaps.evidence.mismatch": {
        "en": "the attachment {filename} is declared as {declared} but its content is {actual}",
        "zh": "附件 {filename} 声明为 {declared}，但其内容是{actual}",
    },
    "swaps.evidence.not_text": {
        "en": "the attachment {filename} is declared as text/plain but is not UTF-8 text",
        "zh": "附件 {filename} 声明为 text/plain，但不是 UTF-8 文本",
    },
    "swaps.content.png": {"en": "a PNG image", "zh": " PNG 图片"},
    "swaps.content.jpeg": {"en": "a JPEG image", "zh": " JPEG 图片"},
    "swaps.content.webp": {"en": "a WebP image", "zh": " WebP 图片"},
    "swaps.content.pdf": {"en": "a PDF document", "zh": " PDF 文档"},
    # Notice (scheduler.swaps.evidence.TooLate, DutyInPast).
    "swaps.notice.the_duty": {"en": "the duty", "zh": "该班次"},
    "swaps.notice.past": {
        "en": "{duty} started at {start} and it is now {at}: a duty that has started cannot be changed",
        "zh": "{duty} 已于 {start} 开始，现在是 {at}：已开始的班次不能再更改",
    },
    "swaps.notice.too_late": {
        "en": "{duty} starts at {start}; both agreements were needed by {deadline} ({hours} hours before), but it is {at}. Ask a supervisor to file the change",
        "zh": "{duty} 于 {start} 开始；双方同意须在 {deadline} 之前完成（提前 {hours} 小时），而现在是 {at}。请由主管提交此变更",
    },
    # Changes to a roster (scheduler.swaps.change.InvalidChange).
    "swaps.change.same_agent": {
        "en": "{agent} cannot swap with themselves",
        "zh": "{agent} 不能与自己换班",
    },
    "swaps.change.unknown_duty": {
        "en": "there is no duty {duty} in this roster",
        "zh": "此排班表中没有班次 {duty}",
    },
    "swaps.change.not_holder": {
        "en": "{agent} does not hold {duty} ({holder} does)",
        "zh": "{agent} 不负责班次 {duty}（该班次属于 {holder}）",
    },
    "swaps.change.cover_in_return": {
        "en": "a cover takes nothing in return, but {duty} was given",
        "zh": "代班不需要交换班次，但给出了 {duty}",
    },
    "swaps.change.swap_needs_duty": {
        "en": "a swap needs the duty that {agent} gives in return",
        "zh": "换班需要指定 {agent} 用来交换的班次",
    },
    "swaps.change.same_duty": {
        "en": "a swap needs two different duties, but both are {duty}",
        "zh": "换班需要两个不同的班次，但两者都是 {duty}",
    },
    "swaps.change.same_shift": {
        "en": "both duties are {shift} on {date}: exchanging them changes nothing",
        "zh": "两个班次都是 {date} 的 {shift} 班：交换后没有任何变化",
    },
    "swaps.change.already_on": {
        "en": "{agent} already works {shift} on {date} ({duty})",
        "zh": "{agent} 在 {date} 已经上 {shift} 班（{duty}）",
    },
    "swaps.change.unknown_agent": {
        "en": "unknown agent(s): {agent}",
        "zh": "未知的客服人员：{agent}",
    },
    "swaps.change.not_approved": {
        "en": "swap request {id} is {state}; only an approved request changes the roster",
        "zh": "换班申请 {id} {state}；只有获批准的申请才会更改排班表",
    },
    # Rule check of a change (scheduler.swaps.change.RuleCheck).
    "swaps.check.ok": {
        "en": "the change keeps every hard rule",
        "zh": "此变更符合所有硬性规则",
    },
    "swaps.check.breaks": {
        "en": "the change would break {count} rule(s):",
        "zh": "此变更将违反 {count} 条规则：",
    },
    "swaps.check.penalty_up": {
        "en": "the penalty score rises by {change} (from {before} to {after})",
        "zh": "扣分增加 {change}（从 {before} 到 {after}）",
    },
    "swaps.check.penalty_down": {
        "en": "the penalty score falls by {change} (from {before} to {after})",
        "zh": "扣分减少 {change}（从 {before} 到 {after}）",
    },
    "swaps.check.penalty_same": {
        "en": "the penalty score stays at {after}",
        "zh": "扣分保持为 {after}",
    },
    "swaps.check.cost_change": {"en": "{label}: {change}", "zh": "{label}：{change}"},
    # Suggestions (scheduler.swaps.change.Suggestion).
    "swaps.suggestion.change": {
        "en": "penalty {delta}, then {after}",
        "zh": "扣分 {delta}，变为 {after}",
    },
    "swaps.suggestion.cover": {
        "en": "{counterpart} covers it ({change})",
        "zh": "由 {counterpart} 代班（{change}）",
    },
    "swaps.suggestion.swap": {
        "en": "swap with {counterpart}'s duty {duty} ({change})",
        "zh": "与 {counterpart} 的班次 {duty} 交换（{change}）",
    },
    # Responsibility (scheduler.swaps.responsibility).
    "swaps.responsible.roster": {
        "en": "{agent} is responsible: original roster",
        "zh": "{agent} 负责：原始排班",
    },
    "swaps.responsible.swap": {
        "en": "{agent} is responsible: swap {id} with both agreements on record",
        "zh": "{agent} 负责：换班申请 {id} 已记录双方同意",
    },
    "swaps.responsible.no_evidence": {
        "en": "{agent} remains responsible: swap {id} has no complete evidence",
        "zh": "{agent} 仍然负责：换班申请 {id} 缺少完整的双方同意证明",
    },
    "swaps.responsible.holder": {
        "en": " ({holder} works the duty)",
        "zh": "（由 {holder} 上班）",
    },
    "service.duty_changed": {
        "en": "swap request {id} no longer fits the roster, which changed meanwhile: {reason}",
        "zh": "第 {id} 号换班申请已不再适用于当前排班（排班已被修改）：{reason}",
    },
    # The service's refusal when a change breaks a hard rule (the rule check says which).
    "service.refused": {
        "en": "the change would break a hard rule of the roster",
        "zh": "此项变更会违反排班的硬性规则",
    },
    "swaps.responsible.reroster": {
        "en": "{agent} is responsible: the duty was re-rostered after version {version} because of an absence",
        "zh": "{agent} 负责：因有人缺勤，该班次在第 {version} 版之后重新排班",
    },
}

"""Messages of the web pages: the supervisor's swap inbox (pending requests, evidence, decisions).

The sentences about the change itself (the rule check, who answers for a
duty, why a request is refused) come from the swap library's own entries;
these only frame them on the page.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "web.inbox.title": {"en": "Swap inbox of {team}", "zh": "{team} 换班审批"},
    "web.inbox.intro": {
        "en": "Requests waiting for a colleague's answer or for your decision. Each change is checked against the current roster, version {version}.",
        "zh": "等待同事答复或等待您审批的申请。每项变更都基于当前排班（第 {version} 版）进行检查。",
    },
    "web.inbox.no_roster": {
        "en": "Team {team} has no roster yet: there is nothing to swap.",
        "zh": "团队 {team} 还没有排班表：没有可以调换的班次。",
    },
    "web.inbox.pending": {"en": "Pending requests ({count})", "zh": "待处理的申请（{count}）"},
    "web.inbox.empty": {"en": "No request is waiting.", "zh": "没有待处理的申请。"},
    "web.inbox.request": {"en": "Request {id}", "zh": "第 {id} 号申请"},
    "web.inbox.kind.swap": {"en": "Swap", "zh": "换班"},
    "web.inbox.kind.cover": {"en": "Cover", "zh": "代班"},
    "web.inbox.state.requested": {
        "en": "waiting for the colleague's answer",
        "zh": "等待同事答复",
    },
    "web.inbox.state.accepted": {
        "en": "accepted by the colleague: waiting for your decision",
        "zh": "同事已同意：等待您审批",
    },
    "web.inbox.state.approved": {"en": "approved", "zh": "已批准"},
    "web.inbox.state.rejected": {"en": "rejected", "zh": "已驳回"},
    "web.inbox.state.declined": {"en": "declined by the colleague", "zh": "同事已拒绝"},
    "web.inbox.state.withdrawn": {"en": "withdrawn by the requester", "zh": "申请人已撤回"},
    "web.inbox.filed": {
        "en": "Filed {at}, against version {version}",
        "zh": "提交于 {at}，基于第 {version} 版",
    },
    "web.inbox.filed_by_supervisor": {"en": "filed by a supervisor", "zh": "由主管代为提交"},
    "web.inbox.agent": {"en": "{name} ({code})", "zh": "{name}（{code}）"},
    "web.inbox.side.requester": {"en": "Requester: {agent}", "zh": "申请人：{agent}"},
    "web.inbox.side.counterpart": {"en": "Colleague: {agent}", "zh": "同事：{agent}"},
    "web.inbox.gives": {"en": "Gives up:", "zh": "让出的班次："},
    "web.inbox.works": {"en": "{agent}:", "zh": "{agent}："},
    "web.inbox.nothing_in_return": {
        "en": "nothing in return: a cover",
        "zh": "无需交换班次：代班",
    },
    "web.inbox.agreement.given": {
        "en": "Agreed {at}, {channel}",
        "zh": "于 {at} {channel}表示同意",
    },
    "web.inbox.agreement.missing": {
        "en": "No agreement on record yet",
        "zh": "尚无同意记录",
    },
    "web.inbox.agreement.note": {"en": "Note: {note}", "zh": "备注：{note}"},
    "web.inbox.agreement.evidence": {"en": "Evidence file", "zh": "证明文件"},
    "web.inbox.agreement.no_file": {"en": "no file attached", "zh": "未附文件"},
    "web.inbox.channel.in_person": {"en": "in person", "zh": "当面"},
    "web.inbox.channel.phone": {"en": "by phone", "zh": "通过电话"},
    "web.inbox.channel.chat": {"en": "in a chat", "zh": "通过聊天"},
    "web.inbox.channel.email": {"en": "by email", "zh": "通过电子邮件"},
    "web.inbox.channel.other": {"en": "in another way", "zh": "通过其他方式"},
    "web.inbox.evidence.complete": {
        "en": "Evidence complete: both agreements are on record, so after the change whoever works a duty answers for it.",
        "zh": "证明完整：双方同意均已记录，变更后由实际上班的人对班次负责。",
    },
    "web.inbox.evidence.incomplete": {
        "en": "Evidence incomplete: {missing} has no agreement on record. Approving still changes who works the duties, but not who answers for them: without proof of both agreements, each duty stays the responsibility of whoever answered for it before, so {responsible} still answers for {duty}.",
        "zh": "证明不完整：{missing} 没有同意记录。批准后仍会更改上班人员，但不会更改责任人：没有双方同意的证明，每个班次仍由原责任人负责，因此 {responsible} 仍对 {duty} 负责。",
    },
    "web.inbox.and": {"en": "{first} and {second}", "zh": "{first}和{second}"},
    "web.inbox.check.title": {
        "en": "Rule check on the current roster",
        "zh": "基于当前排班的规则检查",
    },
    "web.inbox.after_approval": {"en": "Once approved", "zh": "批准后"},
    "web.inbox.approve": {"en": "Approve", "zh": "批准"},
    "web.inbox.reject": {"en": "Reject", "zh": "驳回"},
    "web.inbox.reject_note": {
        "en": "Note for the agents (optional)",
        "zh": "给同事的说明（可选）",
    },
    "web.inbox.approve_later": {
        "en": "It can be approved once {counterpart} accepts.",
        "zh": "待 {counterpart} 同意后方可批准。",
    },
    "web.inbox.done.approved": {
        "en": "Request {id} approved: version {version} is now the current roster.",
        "zh": "第 {id} 号申请已批准：第 {version} 版现为当前排班。",
    },
    "web.inbox.done.rejected": {
        "en": "Request {id} rejected.",
        "zh": "第 {id} 号申请已驳回。",
    },
    "web.inbox.refused.approve": {
        "en": "Request {id} was not approved and nothing changed: {reason}",
        "zh": "第 {id} 号申请未获批准，一切保持不变：{reason}",
    },
    "web.inbox.refused.reject": {
        "en": "Request {id} was not rejected and nothing changed: {reason}",
        "zh": "第 {id} 号申请未被驳回，一切保持不变：{reason}",
    },
    "web.inbox.history.title": {
        "en": "Decided requests ({count})",
        "zh": "已处理的申请（{count}）",
    },
    "web.inbox.history.none": {
        "en": "No request has been decided yet.",
        "zh": "尚无已处理的申请。",
    },
    "web.inbox.history.request": {"en": "Request", "zh": "申请"},
    "web.inbox.history.kind": {"en": "Kind", "zh": "类型"},
    "web.inbox.history.duties": {"en": "Duties", "zh": "班次"},
    "web.inbox.history.outcome": {"en": "Outcome", "zh": "结果"},
    "web.inbox.history.decided_by": {"en": "Decided by", "zh": "处理人"},
    "web.inbox.history.when": {"en": "When", "zh": "时间"},
    "web.inbox.history.version": {"en": "version {number}", "zh": "第 {number} 版"},
    "web.inbox.evidence.not_of_request": {
        "en": "Request {id} has no evidence file {sha256}.",
        "zh": "第 {id} 号申请没有证明文件 {sha256}。",
    },
}

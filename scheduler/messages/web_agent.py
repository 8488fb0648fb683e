"""Messages of the web pages: an agent's own duties, calendar feed and swap requests."""

MESSAGES: dict[str, dict[str, str]] = {
    "web.agent.back": {"en": "Back to my duties", "zh": "返回我的班次"},
    "web.agent.no_team": {
        "en": "Your user belongs to no team; ask a supervisor.",
        "zh": "您的账号不属于任何团队，请联系主管。",
    },
    # My duties (/me).
    "web.agent.me.title": {"en": "My duties", "zh": "我的班次"},
    "web.agent.me.version": {
        "en": "{team}, roster version {number}",
        "zh": "{team}，第 {number} 版排班表",
    },
    "web.agent.me.no_roster": {
        "en": "Team {team} has not published a roster yet.",
        "zh": "团队 {team} 尚未发布排班表。",
    },
    "web.agent.me.list": {"en": "List", "zh": "列表"},
    "web.agent.me.count": {"en": "{count} duties", "zh": "共 {count} 个班次"},
    "web.agent.me.no_duties": {
        "en": "You have no duties in this roster.",
        "zh": "您在此排班表中没有班次。",
    },
    "web.agent.me.date": {"en": "Date", "zh": "日期"},
    "web.agent.me.weekday": {"en": "Day", "zh": "星期"},
    "web.agent.me.shift": {"en": "Shift", "zh": "班次"},
    "web.agent.me.time": {"en": "Time", "zh": "时间"},
    "web.agent.me.location": {"en": "Where", "zh": "地点"},
    "web.agent.me.on_call": {"en": "On call", "zh": "值班待命"},
    "web.agent.me.holder": {"en": "Works it", "zh": "上班人员"},
    "web.agent.me.responsible": {"en": "Responsible", "zh": "责任人"},
    "web.agent.me.change": {"en": "Changes", "zh": "变更"},
    "web.agent.me.rerostered": {
        "en": "re-rostered after version {version}",
        "zh": "在第 {version} 版之后重新排班",
    },
    "web.agent.me.open_request": {"en": "request {id} open", "zh": "申请 {id} 处理中"},
    "web.agent.me.started": {"en": "started", "zh": "已开始"},
    "web.agent.me.ask_swap": {"en": "Swap or cover…", "zh": "换班或代班…"},
    "web.agent.me.others": {
        "en": "Duties you still answer for",
        "zh": "您仍需负责的班次",
    },
    "web.agent.me.others_help": {
        "en": "A colleague works these, but without both agreements on record you remain responsible.",
        "zh": "这些班次由同事上班，但由于缺少双方同意的记录，仍由您负责。",
    },
    "web.agent.me.calendar": {"en": "Calendar", "zh": "日历"},
    # The calendar feed.
    "web.agent.feed.title": {"en": "Calendar subscription", "zh": "日历订阅"},
    "web.agent.feed.help": {
        "en": "Subscribe to your duties in a calendar app: the webcal address opens it directly, the https address can be pasted. The address is a secret: whoever has it sees your duties.",
        "zh": "在日历应用中订阅您的班次：webcal 地址可直接打开，https 地址可复制粘贴。该地址是私密的：任何拿到它的人都能看到您的班次。",
    },
    "web.agent.feed.webcal": {"en": "webcal address", "zh": "webcal 地址"},
    "web.agent.feed.https": {"en": "https address", "zh": "https 地址"},
    "web.agent.feed.made": {"en": "Made on {at}.", "zh": "创建于 {at}。"},
    "web.agent.feed.partial": {
        "en": "The whole address was shown only when it was made; if you no longer have it, make a new one.",
        "zh": "完整地址只在创建时显示一次；如果您已找不到它，请生成新地址。",
    },
    "web.agent.feed.shown_once": {
        "en": "Copy the new address now: it is shown only this once.",
        "zh": "请立即复制新地址：它只显示这一次。",
    },
    "web.agent.feed.none": {
        "en": "You have no calendar address yet.",
        "zh": "您还没有日历订阅地址。",
    },
    "web.agent.feed.make": {"en": "Make my calendar address", "zh": "生成我的日历地址"},
    "web.agent.feed.rotate": {"en": "Replace the address", "zh": "更换地址"},
    "web.agent.feed.rotate_help": {
        "en": "The old address stops working at once; subscribe again with the new one.",
        "zh": "旧地址会立即失效；请用新地址重新订阅。",
    },
    "web.agent.feed.not_yours": {
        "en": "Calendar token {id} is not one of your own.",
        "zh": "日历令牌 {id} 不属于您。",
    },
    # Asking for a swap or a cover (/me/duties/{duty}/swap).
    "web.agent.swap.title": {"en": "Swap or cover a duty", "zh": "换班或代班"},
    "web.agent.swap.help": {
        "en": "These colleagues can take the duty without breaking any rule of the roster. Agree with one first, then send the request with your proof; both agreements are needed {hours} hours before the duty starts.",
        "zh": "以下同事接手此班次不会违反任何排班规则。请先与其中一位商量好，再附上证明提交申请；双方须在班次开始前 {hours} 小时完成确认。",
    },
    "web.agent.swap.penalty_help": {
        "en": "The penalty measures how far the roster is from the team's preferences (days off, fairness): lower is better.",
        "zh": "扣分衡量排班偏离团队偏好（休息日、公平性）的程度：越低越好。",
    },
    "web.agent.swap.none": {
        "en": "No colleague can take this duty without breaking a rule of the roster. Ask a supervisor.",
        "zh": "没有同事能在不违反排班规则的情况下接手此班次。请联系主管。",
    },
    "web.agent.swap.cover_by": {
        "en": "{name} ({agent}) covers it",
        "zh": "由 {name}（{agent}）代班",
    },
    "web.agent.swap.swap_with": {
        "en": "Swap with {name} ({agent})",
        "zh": "与 {name}（{agent}）换班",
    },
    "web.agent.swap.you_give": {"en": "{name} works:", "zh": "{name} 上："},
    "web.agent.swap.you_take": {"en": "You work instead:", "zh": "您改上："},
    "web.agent.swap.cost_change": {"en": "{rule}: {change}", "zh": "{rule}：{change}"},
    "web.agent.swap.evidence": {
        "en": "Proof that {name} agreed",
        "zh": "{name} 同意的证明",
    },
    "web.agent.swap.send": {"en": "Ask {name}", "zh": "向 {name} 提出申请"},
    "web.agent.swap.bad_duty": {
        "en": "{duty} is not a duty (a duty is written DATE/SHIFT/SLOT, e.g. 2026-11-30/A/0).",
        "zh": "{duty} 不是有效的班次（班次写作 日期/班次/序号，例如 2026-11-30/A/0）。",
    },
    "web.agent.swap.no_such_duty": {
        "en": "There is no duty {duty} in the current roster.",
        "zh": "当前排班表中没有班次 {duty}。",
    },
    "web.agent.swap.not_yours": {
        "en": "Duty {duty} is not yours: you can ask for a swap or a cover only for your own duties.",
        "zh": "班次 {duty} 不是您的：您只能为自己的班次申请换班或代班。",
    },
    # Evidence of an agreement.
    "web.agent.evidence.channel": {"en": "How they agreed", "zh": "确认方式"},
    "web.agent.evidence.note": {"en": "Note", "zh": "备注"},
    "web.agent.evidence.attachment": {"en": "Proof (optional)", "zh": "证明（可选）"},
    "web.agent.evidence.help": {
        "en": "A chat screenshot or a document: PNG, JPEG, WebP, PDF or text, at most 5 MiB. It is kept with the request for the supervisor who decides it.",
        "zh": "聊天截图或文件：PNG、JPEG、WebP、PDF 或文本，最大 5 MiB。它随申请保存，供审批的主管查看。",
    },
    "web.agent.channel.in_person": {"en": "in person", "zh": "当面"},
    "web.agent.channel.phone": {"en": "by phone", "zh": "电话"},
    "web.agent.channel.chat": {"en": "by chat", "zh": "聊天消息"},
    "web.agent.channel.email": {"en": "by email", "zh": "电子邮件"},
    "web.agent.channel.other": {"en": "another way", "zh": "其他方式"},
    # Requests (/me/requests).
    "web.agent.requests.title": {"en": "Swap requests", "zh": "换班申请"},
    "web.agent.requests.waiting": {"en": "Waiting for your answer", "zh": "等待您答复"},
    "web.agent.requests.none_waiting": {
        "en": "No colleague is waiting for your answer.",
        "zh": "目前没有同事在等待您的答复。",
    },
    "web.agent.requests.sent": {"en": "Your requests", "zh": "您提出的申请"},
    "web.agent.requests.none_sent": {
        "en": "You have not asked for a swap or a cover. Start from a duty on My duties.",
        "zh": "您还没有提出换班或代班申请。请在“我的班次”中选择一个班次开始。",
    },
    "web.agent.requests.answered": {"en": "Requests you answered", "zh": "您已答复的申请"},
    "web.agent.requests.heading.swap": {
        "en": "Swap {id}: {requester} and {counterpart}",
        "zh": "换班申请 {id}：{requester} 与 {counterpart}",
    },
    "web.agent.requests.heading.cover": {
        "en": "Cover {id}: {counterpart} for {requester}",
        "zh": "代班申请 {id}：{counterpart} 代 {requester}",
    },
    "web.agent.requests.offered": {"en": "{name} hands over", "zh": "{name} 让出"},
    "web.agent.requests.asked": {"en": "{name} hands over in return", "zh": "{name} 换出"},
    "web.agent.requests.agreements": {"en": "Agreements", "zh": "双方确认"},
    "web.agent.requests.agreed": {
        "en": "{name} agreed on {at} ({channel})",
        "zh": "{name} 于 {at} 确认（{channel}）",
    },
    "web.agent.requests.no_agreement": {"en": "none yet", "zh": "暂无"},
    "web.agent.requests.by_supervisor": {
        "en": "Filed by a supervisor.",
        "zh": "由主管提交。",
    },
    "web.agent.requests.applied": {
        "en": "in roster version {version}",
        "zh": "已写入第 {version} 版排班表",
    },
    "web.agent.requests.accept_title": {
        "en": "Accept, with your proof",
        "zh": "同意，并附上您的证明",
    },
    "web.agent.requests.accept": {"en": "Accept", "zh": "同意"},
    "web.agent.requests.decline_note": {
        "en": "Reason (optional)",
        "zh": "原因（可选）",
    },
    "web.agent.requests.decline": {"en": "Decline", "zh": "拒绝"},
    "web.agent.requests.withdraw_note": {
        "en": "Why you withdraw it (optional)",
        "zh": "撤回原因（可选）",
    },
    "web.agent.requests.withdraw": {"en": "Withdraw", "zh": "撤回"},
    "web.agent.requests.not_agent_action": {
        "en": "An agent can accept, decline or withdraw a request; approving is for supervisors.",
        "zh": "客服人员只能同意、拒绝或撤回申请；批准由主管负责。",
    },
    # The state of a request, as the agent sees it.
    "web.agent.state.requested": {
        "en": "waiting for the colleague's answer",
        "zh": "等待对方答复",
    },
    "web.agent.state.requested_you": {"en": "waiting for your answer", "zh": "等待您答复"},
    "web.agent.state.accepted": {
        "en": "accepted; waiting for a supervisor",
        "zh": "对方已同意，等待主管批准",
    },
    "web.agent.state.declined": {"en": "declined", "zh": "已被拒绝"},
    "web.agent.state.approved": {"en": "approved", "zh": "已批准"},
    "web.agent.state.rejected": {"en": "rejected by a supervisor", "zh": "已被主管驳回"},
    "web.agent.state.withdrawn": {"en": "withdrawn", "zh": "已撤回"},
    # After a form.
    "web.agent.done.filed": {
        "en": "Request {id} was sent; your colleague can now accept it.",
        "zh": "申请 {id} 已提交，等待同事确认。",
    },
    "web.agent.done.accept": {"en": "You accepted request {id}.", "zh": "您已同意申请 {id}。"},
    "web.agent.done.decline": {"en": "You declined request {id}.", "zh": "您已拒绝申请 {id}。"},
    "web.agent.done.withdraw": {
        "en": "Request {id} was withdrawn.",
        "zh": "申请 {id} 已撤回。",
    },
}

"""Messages of scheduler/store: what was not found, what changed meanwhile, the audit check."""

MESSAGES: dict[str, dict[str, str]] = {
    # NotFound
    "store.not_found.team": {
        "en": "team {team} not found",
        "zh": "找不到团队 {team}",
    },
    "store.not_found.agent": {
        "en": "agent {agent} is not a member of team {team}",
        "zh": "{agent} 不是团队 {team} 的成员",
    },
    "store.not_found.version": {
        "en": "team {team} has no roster version {number}",
        "zh": "团队 {team} 没有第 {number} 版排班表",
    },
    "store.not_found.instance": {
        "en": "instance {id} not found",
        "zh": "找不到实例 {id}",
    },
    "store.not_found.result": {
        "en": "solve result {id} not found",
        "zh": "找不到求解结果 {id}",
    },
    "store.not_found.swap": {
        "en": "swap request {id} not found",
        "zh": "找不到换班申请 {id}",
    },
    "store.not_found.attachment": {
        "en": "no attachment with SHA-256 {sha256}",
        "zh": "找不到 SHA-256 为 {sha256} 的附件",
    },
    # Conflict
    "store.conflict.team_exists": {
        "en": "team {team} already exists",
        "zh": "团队 {team} 已存在",
    },
    "store.conflict.agent_exists": {
        "en": "agent {agent} is already a member of team {team}",
        "zh": "{agent} 已经是团队 {team} 的成员",
    },
    "store.conflict.stale_version": {
        "en": "roster version {parent} of team {team} is no longer the current one (version {head} is): someone changed the roster first",
        "zh": "团队 {team} 的第 {parent} 版排班表已不是当前版本（当前为第 {head} 版）：有人先修改了排班表",
    },
    "store.conflict.swap_state": {
        "en": "swap {id} changed meanwhile: it is now {state}",
        "zh": "换班申请 {id} 已被他人处理：当前状态为 {state}",
    },
    "store.conflict.already_agreed": {
        "en": "{agent} has already agreed to swap {id}",
        "zh": "{agent} 已经同意过换班申请 {id}",
    },
    # Audit verification
    "store.audit.ok": {
        "en": "audit trail intact: {entries} entries, every hash matches",
        "zh": "审计日志完好：共 {entries} 条，所有哈希均一致",
    },
    "store.audit.altered": {
        "en": "audit entry {seq} was altered: its hash does not match its content",
        "zh": "审计记录 {seq} 被篡改：哈希与内容不符",
    },
    "store.audit.removed": {
        "en": "audit entry {seq} was removed: the sequence jumps from {previous} to {found}",
        "zh": "审计记录 {seq} 被删除：序号从 {previous} 跳到了 {found}",
    },
    "store.audit.unlinked": {
        "en": "audit entry {seq} does not follow the entry before it: an entry was inserted or removed here",
        "zh": "审计记录 {seq} 与前一条记录衔接不上：此处有记录被插入或删除",
    },
    # The command line over the store (cli/roster_store.py).
    "store.help.db": {
        "en": "The database: roster db upgrade brings its schema up to date.",
        "zh": "数据库：roster db upgrade 将表结构升级到最新。",
    },
    "store.help.swap": {
        "en": "Swap and cover requests between agents, with evidence that both agreed.",
        "zh": "客服之间的换班与代班申请，附双方同意的证明。",
    },
    "store.help.audit": {"en": "The audit trail of every change.", "zh": "所有变更的审计记录。"},
    "store.help.team": {
        "en": "The team (default: the only team in the store).",
        "zh": "团队（默认：库中唯一的团队）。",
    },
    "store.help.as_agent": {
        "en": "The agent acting (their id, e.g. a1).",
        "zh": "执行操作的客服（编号，如 a1）。",
    },
    "store.help.supervisor": {"en": "The supervisor acting.", "zh": "执行操作的主管。"},
    "store.help.files_for": {
        "en": "File for the agent as this supervisor (allowed after the notice deadline).",
        "zh": "由该主管代为提交（可在截止时间之后提交）。",
    },
    "store.help.channel": {"en": "How the agreement was given.", "zh": "达成一致的方式。"},
    "store.help.note": {"en": "A note kept with the agreement.", "zh": "随同意记录保存的备注。"},
    "store.help.attachment": {
        "en": "A file proving the agreement (PNG, JPEG, WebP, PDF or text, at most 5 MiB).",
        "zh": "证明双方同意的文件（PNG、JPEG、WebP、PDF 或文本，最大 5 MiB）。",
    },
    "store.help.db_upgrade": {
        "en": "Create or upgrade the database schema.",
        "zh": "创建或升级数据库表结构。",
    },
    "store.help.publish": {
        "en": "Solve an instance and publish its roster as the team's current version.",
        "zh": "求解排班实例并将结果发布为团队的当前版本。",
    },
    "store.help.swap_request": {
        "en": "File a swap (with --their-duty) or a cover for one of your duties.",
        "zh": "为自己的一个班次提交换班（加 --their-duty）或代班申请。",
    },
    "store.help.duty": {
        "en": "A duty as DATE/SHIFT/SLOT, e.g. 2026-12-01/A/0.",
        "zh": "班次，格式为 日期/班次/序号，如 2026-12-01/A/0。",
    },
    "store.help.with": {"en": "The colleague asked.", "zh": "被请求的同事。"},
    "store.help.their_duty": {
        "en": "The colleague's duty in exchange (a swap); leave out for a cover.",
        "zh": "同事用来交换的班次（换班）；代班则不填。",
    },
    "store.help.swap_accept": {
        "en": "Agree to a request addressed to you.",
        "zh": "同意发给你的申请。",
    },
    "store.help.swap_decline": {
        "en": "Decline a request addressed to you.",
        "zh": "拒绝发给你的申请。",
    },
    "store.help.swap_withdraw": {
        "en": "Withdraw a request before it is approved.",
        "zh": "在批准前撤回申请。",
    },
    "store.help.swap_approve": {
        "en": "Approve an accepted request: the roster gets a new version.",
        "zh": "批准已同意的申请：排班生成新版本。",
    },
    "store.help.swap_reject": {"en": "Reject a request.", "zh": "驳回申请。"},
    "store.help.swap_list": {"en": "List the team's requests.", "zh": "列出团队的申请。"},
    "store.help.swap_suggest": {
        "en": "Colleagues who could take a duty, or swap for one of theirs, without breaking a hard rule.",
        "zh": "列出可以代班或换班且不违反硬性规则的同事。",
    },
    "store.help.responsibility": {
        "en": "Who is responsible for each duty of a day, and why.",
        "zh": "某一天每个班次由谁负责，以及原因。",
    },
    "store.help.audit_verify": {
        "en": "Recompute the audit chain and name the first altered or removed entry.",
        "zh": "重新计算审计链，指出第一条被篡改或删除的记录。",
    },
    "store.help.reroster": {
        "en": "Re-solve the rest of the roster after an absence, changing as few duties as possible.",
        "zh": "有人缺勤时重新排班剩余部分，尽量少改动班次。",
    },
    "store.help.absent": {"en": "The agent who is absent.", "zh": "缺勤的客服。"},
    "store.cli.cannot_open": {
        "en": "cannot open the store at {url}: {reason}",
        "zh": "无法打开数据库 {url}：{reason}",
    },
    "store.cli.which_team": {
        "en": "name the team with --team; the store holds: {teams}",
        "zh": "请用 --team 指定团队；库中现有：{teams}",
    },
    "store.cli.bad_duty": {
        "en": "a duty is written DATE/SHIFT/SLOT, e.g. 2026-12-01/A/0, not {value!r}",
        "zh": "班次格式应为 日期/班次/序号，如 2026-12-01/A/0，而不是 {value!r}",
    },
    "store.cli.cannot_read": {
        "en": "cannot read {path}: {reason}",
        "zh": "无法读取 {path}：{reason}",
    },
    "store.cli.upgraded": {
        "en": "The database at {url} is up to date.",
        "zh": "数据库 {url} 已是最新结构。",
    },
    "store.cli.nothing_to_publish": {
        "en": "no roster to publish: the solve ended {status}",
        "zh": "没有可发布的排班：求解结果为 {status}",
    },
    "store.cli.published": {
        "en": "Published version {number} of team {team}: {duties} duties, cost {objective}.",
        "zh": "已发布团队 {team} 的第 {number} 版排班：共 {duties} 个班次，扣分 {objective}。",
    },
    "store.cli.filed": {
        "en": "Filed {kind} request {id}; waiting for {counterpart} to accept.",
        "zh": "已提交第 {id} 号{kind}申请，等待 {counterpart} 同意。",
    },
    "store.cli.now": {
        "en": "Request {id} is now {state}.",
        "zh": "第 {id} 号申请现在的状态：{state}。",
    },
    "store.cli.approved": {
        "en": "Request {id} approved: the roster is now version {number}.",
        "zh": "第 {id} 号申请已批准：排班现为第 {number} 版。",
    },
    "store.cli.swaps_title": {"en": "Swap and cover requests", "zh": "换班与代班申请"},
    "store.cli.column.id": {"en": "#", "zh": "编号"},
    "store.cli.column.kind": {"en": "Kind", "zh": "类型"},
    "store.cli.column.state": {"en": "State", "zh": "状态"},
    "store.cli.column.requester": {"en": "Requester", "zh": "申请人"},
    "store.cli.column.duty": {"en": "Duty", "zh": "班次"},
    "store.cli.column.counterpart": {"en": "Colleague", "zh": "同事"},
    "store.cli.column.counterpart_duty": {"en": "Their duty", "zh": "对方班次"},
    "store.cli.column.evidence_complete": {"en": "Both agreed", "zh": "双方已同意"},
    "store.cli.column.version": {"en": "Version", "zh": "版本"},
    "store.cli.no_suggestions": {
        "en": "No colleague can take {duty} without breaking a hard rule.",
        "zh": "没有同事能接替 {duty} 而不违反硬性规则。",
    },
    "store.cli.no_duties": {
        "en": "No duties on {date} in the current roster.",
        "zh": "当前排班在 {date} 没有班次。",
    },
    "store.cli.rerostered": {
        "en": "The roster is now version {number}; {changed} duty(ies) changed.",
        "zh": "排班现为第 {number} 版；改动了 {changed} 个班次。",
    },
    # Users, API tokens and idempotent requests.
    "store.not_found.user": {
        "en": "user {user} not found",
        "zh": "找不到用户 {user}",
    },
    "store.not_found.token": {
        "en": "API token {id} not found",
        "zh": "找不到 API 令牌 {id}",
    },
    "store.conflict.user_exists": {
        "en": "user {user} already exists",
        "zh": "用户 {user} 已存在",
    },
    "store.conflict.agent_has_user": {
        "en": "agent {agent} of team {team} already has a user: {user}",
        "zh": "团队 {team} 的客服 {agent} 已有用户：{user}",
    },
    "store.conflict.idempotency_key": {
        "en": "the Idempotency-Key {idempotency_key!r} has already been used",
        "zh": "Idempotency-Key {idempotency_key!r} 已被使用",
    },
    "store.invalid.user_name": {
        "en": "a user name is 1 to 64 characters without spaces, not {name!r}",
        "zh": "用户名应为 1 到 64 个字符且不含空格，而不是 {name!r}",
    },
    "store.invalid.role": {
        "en": "unknown role {role!r}: supervisor or agent",
        "zh": "未知角色 {role!r}：应为 supervisor 或 agent",
    },
    "store.invalid.agent_user": {
        "en": "an agent user must be bound to a team and to one of its agents",
        "zh": "客服用户必须绑定一个团队及该团队的一名客服",
    },
    "store.invalid.supervisor_agent": {
        "en": "a supervisor is bound to a team or to none, never to an agent",
        "zh": "主管只能绑定团队或不绑定，不能绑定客服",
    },
    "store.help.users": {
        "en": "Users of the HTTP API: supervisors and agents.",
        "zh": "HTTP API 的用户：主管和客服。",
    },
    "store.help.users_add": {
        "en": "Add a user: a supervisor (of one team, or of all without --team) or an agent (with --team and --agent).",
        "zh": "添加用户：主管（管理一个团队，不加 --team 则管理全部团队）或客服（需 --team 和 --agent）。",
    },
    "store.help.users_list": {
        "en": "List the users, or those bound to one team.",
        "zh": "列出用户，或绑定某一团队的用户。",
    },
    "store.help.users_role": {"en": "What the user may do.", "zh": "用户的角色。"},
    "store.help.users_team": {
        "en": "The team the user belongs to.",
        "zh": "用户所属的团队。",
    },
    "store.help.users_agent": {
        "en": "For an agent user: their agent id in the team, e.g. a1.",
        "zh": "客服用户在团队中的客服编号，如 a1。",
    },
    "store.help.tokens": {
        "en": "API tokens: bearer secrets of the users, stored only as hashes.",
        "zh": "API 令牌：用户的 Bearer 密钥，仅以哈希形式保存。",
    },
    "store.help.tokens_create": {
        "en": "Make a token for a user and show its secret, once.",
        "zh": "为用户生成令牌并显示其密钥（仅显示一次）。",
    },
    "store.help.tokens_list": {
        "en": "List the tokens (never their secrets), or one user's.",
        "zh": "列出令牌（不含密钥），或某一用户的令牌。",
    },
    "store.help.tokens_revoke": {
        "en": "Revoke a token: it no longer authenticates.",
        "zh": "吊销令牌：此后无法再用于认证。",
    },
    "store.help.tokens_label": {
        "en": "A note saying what the token is for.",
        "zh": "说明令牌用途的备注。",
    },
    "store.help.tokens_user": {"en": "Only this user's tokens.", "zh": "只列出该用户的令牌。"},
    "store.users.added": {
        "en": "Added user {name} ({role}, {binding}).",
        "zh": "已添加用户 {name}（{role}，{binding}）。",
    },
    "store.users.all_teams": {"en": "all teams", "zh": "全部团队"},
    "store.users.of_team": {"en": "team {team}", "zh": "团队 {team}"},
    "store.users.as_agent": {
        "en": "agent {agent} of team {team}",
        "zh": "团队 {team} 的客服 {agent}",
    },
    "store.users.none": {"en": "No users.", "zh": "没有用户。"},
    "store.users.title": {"en": "Users", "zh": "用户"},
    "store.users.column.id": {"en": "#", "zh": "编号"},
    "store.users.column.name": {"en": "Name", "zh": "名称"},
    "store.users.column.role": {"en": "Role", "zh": "角色"},
    "store.users.column.team": {"en": "Team", "zh": "团队"},
    "store.users.column.agent": {"en": "Agent", "zh": "客服"},
    "store.tokens.created": {
        "en": "Created token {id} for {user}. Its secret:",
        "zh": "已为 {user} 生成第 {id} 号令牌。密钥：",
    },
    "store.tokens.shown_once": {
        "en": "Copy it now: it is not stored and cannot be shown again. Send it as 'Authorization: Bearer <secret>'.",
        "zh": "请立即复制：密钥不会被保存，也无法再次显示。请求时以 'Authorization: Bearer <密钥>' 发送。",
    },
    "store.tokens.revoked": {
        "en": "Token {id} of {user} is revoked.",
        "zh": "{user} 的第 {id} 号令牌已吊销。",
    },
    "store.tokens.none": {"en": "No tokens.", "zh": "没有令牌。"},
    "store.tokens.title": {"en": "API tokens", "zh": "API 令牌"},
    "store.tokens.never": {"en": "never", "zh": "从未"},
    "store.tokens.active": {"en": "active", "zh": "有效"},
    "store.tokens.revoked_at": {"en": "revoked {at}", "zh": "已于 {at} 吊销"},
    "store.tokens.column.id": {"en": "#", "zh": "编号"},
    "store.tokens.column.user": {"en": "User", "zh": "用户"},
    "store.tokens.column.label": {"en": "Label", "zh": "备注"},
    "store.tokens.column.prefix": {"en": "Starts with", "zh": "开头"},
    "store.tokens.column.created": {"en": "Created", "zh": "创建时间"},
    "store.tokens.column.last_used": {"en": "Last used", "zh": "最近使用"},
    "store.tokens.column.state": {"en": "State", "zh": "状态"},
    # Calendar feed tokens (cli/feeds.py).
    "store.not_found.feed_token": {
        "en": "calendar feed token {id} not found",
        "zh": "找不到第 {id} 号日历订阅令牌",
    },
    "store.conflict.feed_token_revoked": {
        "en": "calendar feed token {id} is revoked: make a new one instead of rotating it",
        "zh": "第 {id} 号日历订阅令牌已吊销：请新建令牌，而不是轮换它",
    },
    "store.help.feeds": {
        "en": "Calendar feeds: secret iCalendar addresses of an agent's duties or a team's roster, stored only as hashes.",
        "zh": "日历订阅：客服个人班次或整个团队排班的私密 iCalendar 地址，仅以哈希形式保存。",
    },
    "store.help.feeds_create": {
        "en": "Make a feed token for an agent (--agent), or for the team's feed without one, and show its address once.",
        "zh": "为客服（--agent）或整个团队（不加 --agent）生成订阅令牌，并显示其地址（仅显示一次）。",
    },
    "store.help.feeds_list": {
        "en": "List the feed tokens (never their secrets), or one team's or agent's.",
        "zh": "列出订阅令牌（不含密钥），或某一团队、某一客服的令牌。",
    },
    "store.help.feeds_rotate": {
        "en": "Replace a feed token: the old address stops working, a new one is shown once.",
        "zh": "更换订阅令牌：旧地址失效，新地址仅显示一次。",
    },
    "store.help.feeds_revoke": {
        "en": "Revoke a feed token: its address answers 404 from now on.",
        "zh": "吊销订阅令牌：此后其地址返回 404。",
    },
    "store.help.feeds_agent": {
        "en": "The agent whose duties the feed shows; leave out for the team's feed.",
        "zh": "订阅显示其班次的客服；不填则为整个团队的订阅。",
    },
    "store.help.feeds_base_url": {
        "en": "Where the API is served, to print full addresses (e.g. https://roster.example.com).",
        "zh": "API 的服务地址，用于显示完整的订阅地址（如 https://roster.example.com）。",
    },
    "store.feeds.created": {
        "en": "Created feed token {id} for {feed}. Its secret and addresses:",
        "zh": "已为{feed}生成第 {id} 号订阅令牌。密钥及地址：",
    },
    "store.feeds.rotated": {
        "en": "Feed token {old} is revoked; token {id} replaces it for {feed}. Its secret and addresses:",
        "zh": "第 {old} 号订阅令牌已吊销，由第 {id} 号令牌接替（{feed}）。密钥及地址：",
    },
    "store.feeds.shown_once": {
        "en": "Copy it now: it is not stored and cannot be shown again. Subscribe to the webcal:// address in a calendar app; the address alone gives read access to the feed.",
        "zh": "请立即复制：密钥不会被保存，也无法再次显示。在日历应用中订阅 webcal:// 地址；任何拿到该地址的人都能读取此订阅。",
    },
    "store.feeds.revoked": {
        "en": "Feed token {id} ({feed}) is revoked.",
        "zh": "第 {id} 号订阅令牌（{feed}）已吊销。",
    },
    "store.feeds.of_agent": {
        "en": "agent {agent} of team {team}",
        "zh": "团队 {team} 的客服 {agent}",
    },
    "store.feeds.of_team": {"en": "the whole team {team}", "zh": "整个团队 {team}"},
    "store.feeds.none": {"en": "No feed tokens.", "zh": "没有订阅令牌。"},
    "store.feeds.title": {"en": "Calendar feed tokens", "zh": "日历订阅令牌"},
    "store.feeds.team_feed": {"en": "(team)", "zh": "（团队）"},
    "store.feeds.column.id": {"en": "#", "zh": "编号"},
    "store.feeds.column.team": {"en": "Team", "zh": "团队"},
    "store.feeds.column.agent": {"en": "Agent", "zh": "客服"},
    "store.feeds.column.prefix": {"en": "Starts with", "zh": "开头"},
    "store.feeds.column.created": {"en": "Created", "zh": "创建时间"},
    "store.feeds.column.state": {"en": "State", "zh": "状态"},
    "store.feeds.column.rotated_from": {"en": "Replaces", "zh": "接替"},
    "store.help.serve": {
        "en": "Serve the HTTP API (/api/v1, OpenAPI at /docs) on the configured store.",
        "zh": "在当前数据库上提供 HTTP API（/api/v1，OpenAPI 文档见 /docs）。",
    },
    "store.help.serve_host": {
        "en": "The address to listen on (loopback by default).",
        "zh": "监听地址（默认仅本机回环）。",
    },
    "store.invalid.nul_character": {
        "en": "text may not contain a NUL character (\\x00)",
        "zh": "文本中不能包含 NUL 字符（\\x00）",
    },
}

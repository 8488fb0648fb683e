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
}

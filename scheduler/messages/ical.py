"""Messages of scheduler/ical: calendar names, event summaries, places and descriptions of duties."""

MESSAGES: dict[str, dict[str, str]] = {
    # Calendar names (NAME and X-WR-CALNAME).
    "ical.calendar.team": {"en": "{team} roster", "zh": "{team}排班"},
    "ical.calendar.agent": {"en": "{team} roster: {agent}", "zh": "{team}排班：{agent}"},
    # Event summaries: the shift and its times, then how it is worked.
    "ical.summary.shift": {"en": "Shift {shift} {start}-{end}", "zh": "{shift}班 {start}-{end}"},
    "ical.summary.office_on_call": {"en": ", on call at the office", "zh": " 在办公室值班"},
    "ical.summary.home": {"en": ", working from home", "zh": " 居家办公"},
    "ical.summary.home_on_call": {"en": ", on call from home", "zh": " 在家值班"},
    "ical.summary.holder": {"en": "{holder}: {summary}", "zh": "{holder}：{summary}"},
    # LOCATION.
    "ical.location.office": {"en": "Office", "zh": "办公室"},
    "ical.location.office_on_call": {"en": "Office (on call)", "zh": "办公室（值班）"},
    "ical.location.home": {"en": "Home", "zh": "家中"},
    "ical.location.home_on_call": {"en": "Home (on call)", "zh": "家中（在家值班）"},
    # DESCRIPTION, one line each.
    "ical.description.shift": {
        "en": "{label} ({shift}), {start}-{end}",
        "zh": "{label}（{shift}班），{start}-{end}",
    },
    "ical.description.holder": {"en": "Worked by {holder}.", "zh": "上班人：{holder}。"},
    "ical.description.responsible": {"en": "{sentence}.", "zh": "{sentence}。"},
    "ical.description.swap": {
        "en": "Moved by swap request {id}.",
        "zh": "由第 {id} 号换班申请调整。",
    },
    "ical.description.reroster": {
        "en": "Assigned when version {parent} was re-rostered.",
        "zh": "由第 {parent} 版排班重新排班时分配。",
    },
    "ical.responsible.reroster": {
        "en": "{agent} is responsible: re-rostering of version {parent}",
        "zh": "{agent} 负责：第 {parent} 版排班的重新排班",
    },
    # roster export ics.
    "ical.help.command": {
        "en": "Write the iCalendar feeds of the current roster version: team.ics and one file per agent.",
        "zh": "将当前排班版本写成 iCalendar 订阅文件：team.ics 及每位客服人员各一个文件。",
    },
    "ical.help.out": {
        "en": "Folder for the .ics files (created if needed).",
        "zh": ".ics 文件的输出文件夹（不存在时自动创建）。",
    },
    "ical.help.export": {
        "en": "Export the roster to other formats.",
        "zh": "将排班导出为其他格式。",
    },
    "ical.cli.no_version": {
        "en": "team {team} has no roster version yet: publish one first",
        "zh": "团队 {team} 还没有排班版本：请先发布",
    },
    "ical.cli.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
}

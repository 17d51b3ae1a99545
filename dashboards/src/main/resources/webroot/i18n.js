// Every visible string goes through t(). Chinese is the default (the district's working language); the choice is
// remembered per browser. Registry names (zones, compounds) are data and stay as they are.
const STORE_KEY = 'anju.lang';

const zh = {
  'app.title': '安居 · 莲湖智慧社区',
  'nav.crowd': '人群态势', 'nav.chargers': '电动车充电', 'nav.cases': '案件', 'nav.ops': '平台运行',
  'header.signOut': '退出', 'lang.other': 'English',
  'live.live': '实时', 'live.reconnecting': '重连中', 'live.down': '已断开',
  'login.title': '登录', 'login.name': '用户名', 'login.password': '密码', 'login.submit': '登录',
  'login.failed': '登录失败：{message}',
  'role.district_operator': '区指挥中心值班员', 'role.sub_district_operator': '街道指挥中心值班员',
  'role.community_operator': '社区指挥中心值班员', 'role.grid_worker': '网格员', 'role.property_manager': '物业经理',
  'role.emergency_manager': '应急管理员', 'role.department_responder': '部门处置人员',
  'level.none': '正常', 'level.blue': '蓝色', 'level.yellow': '黄色', 'level.orange': '橙色', 'level.red': '红色',
  'common.loading': '加载中…', 'common.error': '出错了：{message}', 'common.close': '关闭', 'common.cancel': '取消',
  'common.updated': '更新于 {time}', 'common.forbidden': '您的角色无权查看此页面。', 'common.notFound': '页面不存在。',
  'common.yes': '是', 'common.no': '否',
  'unit.perMin': '人/分', 'unit.density': '人/m²',
  'crowd.title': '北院门风情街 · 人群态势', 'crowd.map': '街区分区示意图', 'crowd.legend': '预警等级',
  'crowd.zone': '区域', 'crowd.occupancy': '人数', 'crowd.density': '密度', 'crowd.share': '容量占比',
  'crowd.inOut': '进/出（每分钟）', 'crowd.level': '等级', 'crowd.forecast': '预测',
  'crowd.forecastText': '{min} 分钟后达到{level}', 'crowd.entrance': '入口',
  'crowd.inflowTitle': '入口人流', 'crowd.historyTitle': '{zone} · 近 3 小时',
  'crowd.historyHint': '点击区域查看其近 3 小时的人数和密度。',
  'crowd.historyUnavailable': '历史数据不可用（未配置 InfluxDB）。', 'crowd.noHistory': '暂无历史数据。',
  'crowd.alerts': '当前人群预警', 'crowd.noAlerts': '暂无预警。', 'crowd.noZones': '您的范围内没有人群监测区域。',
  'crowd.zoneLabel': '{zone}：{level}，{occupancy} 人',
  'crowd.staleSince': '数据中断（最后读数 {time}）', 'crowd.noData': '数据中断（尚无读数）',
  'alert.openCase': '案件 #{id}', 'alert.noCase': '案件生成中', 'alert.at': '最近读数 {time}',
  'chargers.title': '电动车充电设施', 'chargers.compound': '小区', 'chargers.noCompounds': '您的范围内没有充电小区。',
  'chargers.noStations': '该小区没有充电站。', 'chargers.online': '在线', 'chargers.offline': '离线',
  'chargers.totalPower': '总功率', 'chargers.leakage': '漏电流', 'chargers.smoke': '烟雾',
  'chargers.smokeYes': '检测到烟雾', 'chargers.smokeNo': '无', 'chargers.port': '端口 {port}',
  'chargers.stop': '停止', 'chargers.stopPort': '停止端口 {port}',
  'chargers.alarms': '当前告警', 'chargers.noAlarms': '暂无告警。', 'chargers.evidence': '证据',
  'chargers.ack': '确认告警', 'chargers.acked': '已确认', 'chargers.noCaseYet': '案件尚未生成，暂不能确认。',
  'chargers.snapshot': '现场抓拍',
  'portState.idle': '空闲', 'portState.charging': '充电中', 'portState.full': '已充满', 'portState.fault': '故障',
  'stop.title': '远程停止端口', 'stop.text': '将停止 {device} 的端口 {port}，正在该端口充电的车辆会断电。',
  'stop.typePort': '请输入端口号 {port} 以确认', 'stop.reason': '原因（可选）', 'stop.confirm': '确认停止',
  'stop.sending': '发送中…', 'stop.sent': '指令已发送：{id}', 'stop.delivery': '送达：{outcome}（{time}）',
  'stop.waitingDelivery': '等待网关送达…', 'stop.reply': '设备回复：{status}（{time}）{message}',
  'stop.waitingReply': '等待设备回复…', 'stop.gaveUp': '{s} 秒内未收到设备回复。',
  'outcome.held': '设备离线，待重连后下发', 'outcome.delivered': '已送达', 'outcome.offline': '设备离线', 'outcome.expired': '已过期', 'outcome.timeout': '超时',
  'outcome.unknown_device': '未知设备', 'outcome.invalid': '无效指令',
  'reply.ok': '成功', 'reply.rejected': '拒绝执行', 'reply.failed': '执行失败',
  'chargers.stopNeedsCase': '远程指令针对案件发送：该充电站暂无告警案件，请在案件页操作。',
  'historyKind.command': '远程指令', 'historyKind.command_override': '越过保护恢复',
  'commandAction.stop_port': '停止端口', 'commandAction.resume_port': '恢复端口',
  'command.title': '远程指令', 'command.target': '{device} · 端口 {port}', 'command.none': '尚无指令。',
  'command.what': '{action} {port}', 'command.issuedBy': '{who} 于 {time} 发出', 'command.automatic': '系统自动发出',
  'command.reason': '原因：{reason}', 'command.refused': '{who} 的请求被拒绝',
  'command.overridden': '{who} 越过保护条件发出（原因：{reason}）：',
  'command.delivery': '送达：{outcome}（{time}）', 'command.waitingDelivery': '等待网关送达…',
  'command.reply': '设备回复：{status} {message}', 'command.confirmed': '读数确认已断电（{power} W，{time}）',
  'command.retried': '未在时限内确认断电，已重发（第 {attempt} 次）',
  'command.unconfirmed': '{attempt} 次尝试后仍未确认断电（{power} W），请现场断电',
  'command.resumed': '端口已恢复供电，不再确认此断电（{time}）', 'command.forCase': '记录于案件 #{id}',
  'resume.title': '恢复端口供电', 'resume.text': '将恢复 {device} 端口 {port} 的供电。', 'resume.confirm': '确认恢复',
  'resume.button': '恢复端口 {port}', 'resume.reasonOverride': '原因（越过保护条件时必填）',
  'resume.override': '越过保护条件恢复（须填写原因，记入案件）',
  'guard.alert_open': '引发断电的告警 {alertId} 尚未解除', 'guard.temperature_high': '端口温度 {temp} °C，达到或超过限值 {limit} °C',
  'guard.temperature_unknown': '端口温度未知（无近期读数或时序库不可用）',
  'cases.title': '案件', 'cases.tabAll': '全部在办', 'cases.tabOverdue': '超时', 'cases.tabFinished': '已办结',
  'cases.empty': '没有案件。', 'cases.overdue': '超时', 'cases.escalated': '已升级至{level}',
  'cases.left': '剩余 {time}', 'cases.overdueBy': '超时 {time}', 'cases.dispatchDue': '派遣时限', 'cases.ackDue': '确认时限',
  'cases.deadline': '处置时限', 'cases.back': '← 返回案件列表', 'cases.queues': '案件队列',
  'state.collected': '信息采集', 'state.verified': '已核实', 'state.analysed': '已研判', 'state.dispatched': '已派遣',
  'state.in_handling': '处置中', 'state.coordinating': '协调联动', 'state.feedback_submitted': '已反馈',
  'state.closed': '已结案', 'state.evaluated': '已评价', 'state.voided': '已作废',
  'state.watching': '观察中', 'state.noticed': '仅通知', 'action.promote': '转为案件',
  'action.verify': '核实', 'action.analyse': '研判', 'action.dispatch': '派遣', 'action.start': '开始处置',
  'action.coordinate': '协调联动', 'action.submit_feedback': '提交反馈', 'action.rework': '退回重办',
  'action.close': '结案', 'action.evaluate': '评价', 'action.void': '作废',
  'orgLevel.grid': '网格', 'orgLevel.community': '社区', 'orgLevel.sub_district': '街道', 'orgLevel.district': '区',
  'origin.alert': '系统告警', 'origin.grid_report': '网格员上报', 'origin.resident_report': '居民反映',
  'case.category': '类别', 'case.department': '责任部门', 'case.coordinating': '协同部门', 'case.origin': '来源',
  'case.place': '地点', 'case.assigned': '当前责任单位', 'case.assignee': '处置人', 'case.created': '立案时间',
  'case.dispatched': '派遣时间', 'case.alert': '告警', 'case.recommended': '建议措施', 'case.description': '描述',
  'case.score': '评分', 'case.voidReason': '作废原因', 'case.history': '办理记录', 'case.actions': '办理',
  'case.evidence': '证据', 'case.note': '说明', 'case.noteRequired': '“{action}”需要填写说明。',
  'case.scoreLabel': '评分（1–5）', 'case.scoreRequired': '请选择 1–5 分。', 'case.departmentLabel': '部门',
  'case.departmentRequired': '“{action}”需要填写部门。', 'case.noActions': '您当前没有可执行的办理步骤。',
  'case.done': '已完成：{action}', 'case.system': '系统',
  'alertStatus.raised': '已触发', 'alertStatus.updated': '已更新', 'alertStatus.cleared': '已解除',
  'historyKind.created': '立案', 'historyKind.transition': '流转', 'historyKind.alert_update': '告警更新',
  'historyKind.alert_cleared': '告警解除', 'historyKind.alert_reraised': '告警再次触发',
  'historyKind.assigned': '指派', 'historyKind.comment': '备注', 'historyKind.reminder': '督办提醒',
  'historyKind.escalated': '升级', 'historyKind.deadline_set': '设定时限',
  'department.fire': '消防', 'department.property': '物业', 'department.police': '公安',
  'department.street_emergency': '街区应急队',
  'kpi.title': '考核指标', 'kpi.groupBy': '分组', 'kpi.period': '时段', 'kpi.p24h': '近 24 小时', 'kpi.p7d': '近 7 天',
  'kpi.p30d': '近 30 天', 'kpi.unit': '单位', 'kpi.filed': '立案', 'kpi.dispatched': '派遣',
  'kpi.onTimeDispatch': '按时派遣率', 'kpi.closed': '结案', 'kpi.onTimeClosure': '按时结案率', 'kpi.voided': '作废',
  'kpi.accurateFiling': '准确立案率', 'kpi.meanHandling': '平均处置（分钟）', 'kpi.p90Handling': 'P90 处置（分钟）',
  'kpi.overdueOpen': '在办超时', 'kpi.empty': '该时段没有案件。',
  'ops.title': '平台运行', 'ops.gateway': '接入网关', 'ops.jobs': '流处理作业', 'ops.cases': '案件服务',
  'ops.up': '运行中', 'ops.down': '不可用', 'ops.connections': '设备连接', 'ops.messagesPerSec': '消息/秒',
  'ops.errorsPerSec': '错误/秒', 'ops.quarantinedPerSec': '隔离/秒', 'ops.kafkaBufferFill': 'Kafka 缓冲占用',
  'ops.running': '作业', 'ops.lagRecords': '积压记录', 'ops.intakeLag': '告警接入积压',
  'ops.alertsAppliedPerSec': '告警处理/秒', 'ops.notifyFailed': '通知失败', 'ops.at': '采集于 {time}',
  'alertType.port_overload': '充电端口过载', 'alertType.station_overload': '充电站总功率超限',
  'alertType.illegal_high_power_load': '违规大功率负载', 'alertType.fire_risk': '充电站火灾风险',
  'alertType.leakage_fault': '漏电故障', 'alertType.ebike_in_elevator': '电动自行车进电梯',
  'alertType.crowd_density': '人群密度预警', 'alertType.crowd_forecast': '人群密度趋势预警',
  'alertType.crowd_inflow': '入口人流过大', 'alertType.device_offline': '设备离线',
  'alertType.gate_forced_open': '门禁被强行打开', 'alertType.gate_held_open': '门禁长时间未关',
  'alertType.gate_denied_burst': '门禁连续拒绝通行', 'alertType.gate_tailgating': '尾随进入',
  'alertType.stop_unconfirmed': '远程断电未确认', 'recommended.cut_power_on_site': '现场切断电源',
  'alertType.mass_cutoff_held': '批量自动断电待确认', 'recommended.confirm_stops': '逐一确认断电',
  'recommended.stop_port': '远程停止端口', 'recommended.inspect_port': '现场检查端口',
  'recommended.inspect_station': '现场检查充电站', 'recommended.check_station_load': '检查充电站负荷',
  'recommended.reduce_station_load': '降低充电站负荷', 'recommended.check_device': '检查设备',
  'recommended.restrict_entry': '限制进入', 'recommended.prepare_flow_control': '准备限流',
  'recommended.deploy_stewards': '派遣疏导人员', 'recommended.evacuate_and_close_entry': '疏散并关闭入口',
  'recommended.monitor': '持续关注', 'recommended.check_gate': '检查门禁', 'recommended.notify_security': '通知保安',
  'recommended.dispatch_security': '派遣保安', 'recommended.dispatch_property_manager': '通知物业经理',
};

const en = {
  'app.title': 'Anju · Lianhu smart community',
  'nav.crowd': 'Crowd', 'nav.chargers': 'Chargers', 'nav.cases': 'Cases', 'nav.ops': 'Operations',
  'header.signOut': 'Sign out', 'lang.other': '中文',
  'live.live': 'Live', 'live.reconnecting': 'Reconnecting', 'live.down': 'Disconnected',
  'login.title': 'Sign in', 'login.name': 'User name', 'login.password': 'Password', 'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed: {message}',
  'role.district_operator': 'District centre operator', 'role.sub_district_operator': 'Sub-district centre operator',
  'role.community_operator': 'Community centre operator', 'role.grid_worker': 'Grid worker',
  'role.property_manager': 'Property manager', 'role.emergency_manager': 'Emergency manager',
  'role.department_responder': 'Department responder',
  'level.none': 'Normal', 'level.blue': 'Blue', 'level.yellow': 'Yellow', 'level.orange': 'Orange', 'level.red': 'Red',
  'common.loading': 'Loading…', 'common.error': 'Something went wrong: {message}', 'common.close': 'Close',
  'common.cancel': 'Cancel', 'common.updated': 'Updated {time}', 'common.forbidden': 'Your role cannot open this page.',
  'common.notFound': 'No such page.', 'common.yes': 'yes', 'common.no': 'no',
  'unit.perMin': '/min', 'unit.density': 'p/m²',
  'crowd.title': 'Beiyuanmen street · crowd', 'crowd.map': 'Schematic of the street zones', 'crowd.legend': 'Warning level',
  'crowd.zone': 'Zone', 'crowd.occupancy': 'Occupancy', 'crowd.density': 'Density', 'crowd.share': 'Share of capacity',
  'crowd.inOut': 'In / out per min', 'crowd.level': 'Level', 'crowd.forecast': 'Forecast',
  'crowd.forecastText': '{level} in {min} min', 'crowd.entrance': 'Entrance',
  'crowd.inflowTitle': 'Inflow at the entrances', 'crowd.historyTitle': '{zone} · last 3 hours',
  'crowd.historyHint': 'Click a zone to see its occupancy and density over the last 3 hours.',
  'crowd.historyUnavailable': 'History is unavailable (no InfluxDB configured).', 'crowd.noHistory': 'No history yet.',
  'crowd.alerts': 'Active crowd warnings', 'crowd.noAlerts': 'No active warnings.',
  'crowd.noZones': 'No crowd zones in your scope.', 'crowd.zoneLabel': '{zone}: {level}, {occupancy} persons',
  'crowd.staleSince': 'Stale since {time}', 'crowd.noData': 'Stale: no reading yet',
  'alert.openCase': 'Case #{id}', 'alert.noCase': 'Case being opened', 'alert.at': 'last reading {time}',
  'chargers.title': 'E-bike chargers', 'chargers.compound': 'Compound',
  'chargers.noCompounds': 'No charger compounds in your scope.', 'chargers.noStations': 'This compound has no stations.',
  'chargers.online': 'Online', 'chargers.offline': 'Offline', 'chargers.totalPower': 'Total power',
  'chargers.leakage': 'Leakage', 'chargers.smoke': 'Smoke', 'chargers.smokeYes': 'Smoke detected',
  'chargers.smokeNo': 'none', 'chargers.port': 'Port {port}', 'chargers.stop': 'Stop',
  'chargers.stopPort': 'Stop port {port}', 'chargers.alarms': 'Active alarms', 'chargers.noAlarms': 'No active alarms.',
  'chargers.evidence': 'Evidence', 'chargers.ack': 'Acknowledge', 'chargers.acked': 'Acknowledged',
  'chargers.noCaseYet': 'No case yet, so it cannot be acknowledged.', 'chargers.snapshot': 'Snapshot',
  'portState.idle': 'Idle', 'portState.charging': 'Charging', 'portState.full': 'Full', 'portState.fault': 'Fault',
  'stop.title': 'Stop a port remotely',
  'stop.text': 'This stops port {port} of {device}; a bike charging there loses power.',
  'stop.typePort': 'Type the port number {port} to confirm', 'stop.reason': 'Reason (optional)',
  'stop.confirm': 'Stop the port', 'stop.sending': 'Sending…', 'stop.sent': 'Command sent: {id}',
  'stop.delivery': 'Delivery: {outcome} ({time})', 'stop.waitingDelivery': 'Waiting for the gateway to deliver…',
  'stop.reply': 'Device reply: {status} ({time}) {message}', 'stop.waitingReply': 'Waiting for the device to reply…',
  'stop.gaveUp': 'No reply from the device within {s} s.',
  'outcome.held': 'held until the device is back', 'outcome.delivered': 'delivered', 'outcome.offline': 'device offline', 'outcome.expired': 'expired',
  'outcome.timeout': 'timed out', 'outcome.unknown_device': 'unknown device', 'outcome.invalid': 'invalid command',
  'reply.ok': 'done', 'reply.rejected': 'rejected', 'reply.failed': 'failed',
  'chargers.stopNeedsCase': 'Commands are sent for a case: this station has no alarm with a case; use a case page.',
  'historyKind.command': 'command', 'historyKind.command_override': 'resume despite guards',
  'commandAction.stop_port': 'Stop port', 'commandAction.resume_port': 'Resume port',
  'command.title': 'Charger commands', 'command.target': '{device} · port {port}', 'command.none': 'No commands yet.',
  'command.what': '{action} {port}', 'command.issuedBy': 'sent by {who} at {time}', 'command.automatic': 'sent automatically',
  'command.reason': 'Reason: {reason}', 'command.refused': 'request by {who} refused',
  'command.overridden': 'sent by {who} despite its guards (reason: {reason}):',
  'command.delivery': 'Delivery: {outcome} ({time})', 'command.waitingDelivery': 'Waiting for the gateway to deliver…',
  'command.reply': 'Device reply: {status} {message}', 'command.confirmed': 'Power off confirmed by readings ({power} W, {time})',
  'command.retried': 'Not confirmed in time; sent again (attempt {attempt})',
  'command.unconfirmed': 'Not confirmed after {attempt} attempts ({power} W): cut the power on site',
  'command.resumed': 'The port was resumed: this stop is no longer confirmed ({time})',
  'command.forCase': 'Recorded in case #{id}',
  'resume.title': 'Resume a port', 'resume.text': 'This switches port {port} of {device} back on.',
  'resume.confirm': 'Resume the port', 'resume.button': 'Resume port {port}',
  'resume.reasonOverride': 'Reason (required to override)', 'resume.override': 'Resume despite the guards (needs a reason; recorded in the case)',
  'guard.alert_open': 'the alert {alertId} that caused the stop is still open',
  'guard.temperature_high': 'the port is at {temp} °C, at or above its {limit} °C limit',
  'guard.temperature_unknown': 'the port\'s temperature is unknown (no recent reading, or the time-series store is unreachable)',
  'cases.title': 'Cases', 'cases.tabAll': 'All open', 'cases.tabOverdue': 'Overdue', 'cases.tabFinished': 'Finished',
  'cases.empty': 'No cases.', 'cases.overdue': 'Overdue', 'cases.escalated': 'Escalated to {level}',
  'cases.left': '{time} left', 'cases.overdueBy': 'overdue by {time}', 'cases.dispatchDue': 'Dispatch by', 'cases.ackDue': 'Acknowledge by',
  'cases.deadline': 'Deadline', 'cases.back': '← Back to the cases', 'cases.queues': 'Case queues',
  'state.collected': 'Collected', 'state.verified': 'Verified', 'state.analysed': 'Analysed',
  'state.dispatched': 'Dispatched', 'state.in_handling': 'In handling', 'state.coordinating': 'Coordinating',
  'state.feedback_submitted': 'Feedback submitted', 'state.closed': 'Closed', 'state.evaluated': 'Evaluated',
  'state.voided': 'Voided', 'state.watching': 'Watching', 'state.noticed': 'Notice only',
  'action.promote': 'Promote to a case',
  'action.verify': 'Verify', 'action.analyse': 'Analyse', 'action.dispatch': 'Dispatch', 'action.start': 'Start handling',
  'action.coordinate': 'Coordinate', 'action.submit_feedback': 'Submit feedback', 'action.rework': 'Send back for rework',
  'action.close': 'Close', 'action.evaluate': 'Evaluate', 'action.void': 'Void',
  'orgLevel.grid': 'grid', 'orgLevel.community': 'community', 'orgLevel.sub_district': 'sub-district',
  'orgLevel.district': 'district',
  'origin.alert': 'Alert', 'origin.grid_report': 'Grid worker report', 'origin.resident_report': 'Resident report',
  'case.category': 'Category', 'case.department': 'Department', 'case.coordinating': 'Coordinating with',
  'case.origin': 'Origin', 'case.place': 'Place', 'case.assigned': 'Owned by', 'case.assignee': 'Assignee',
  'case.created': 'Filed', 'case.dispatched': 'Dispatched', 'case.alert': 'Alert',
  'case.recommended': 'Recommended action', 'case.description': 'Description', 'case.score': 'Score',
  'case.voidReason': 'Reason voided', 'case.history': 'History', 'case.actions': 'Next step',
  'case.evidence': 'Evidence', 'case.note': 'Note', 'case.noteRequired': '"{action}" needs a note.',
  'case.scoreLabel': 'Score (1–5)', 'case.scoreRequired': 'Choose a score from 1 to 5.',
  'case.departmentLabel': 'Department', 'case.departmentRequired': '"{action}" needs a department.',
  'case.noActions': 'There is no step you can take now.', 'case.done': 'Done: {action}', 'case.system': 'system',
  'alertStatus.raised': 'raised', 'alertStatus.updated': 'updated', 'alertStatus.cleared': 'cleared',
  'historyKind.created': 'filed', 'historyKind.transition': 'step', 'historyKind.alert_update': 'alert updated',
  'historyKind.alert_cleared': 'alert cleared', 'historyKind.alert_reraised': 'alert raised again',
  'historyKind.assigned': 'assigned', 'historyKind.comment': 'comment', 'historyKind.reminder': 'reminder',
  'historyKind.escalated': 'escalated', 'historyKind.deadline_set': 'deadline set',
  'department.fire': 'Fire', 'department.property': 'Property management', 'department.police': 'Police',
  'department.street_emergency': 'Street emergency team',
  'kpi.title': 'KPIs', 'kpi.groupBy': 'Group by', 'kpi.period': 'Period', 'kpi.p24h': 'Last 24 hours',
  'kpi.p7d': 'Last 7 days', 'kpi.p30d': 'Last 30 days', 'kpi.unit': 'Unit', 'kpi.filed': 'Filed',
  'kpi.dispatched': 'Dispatched', 'kpi.onTimeDispatch': 'On-time dispatch', 'kpi.closed': 'Closed',
  'kpi.onTimeClosure': 'On-time closure', 'kpi.voided': 'Voided', 'kpi.accurateFiling': 'Accurate filing',
  'kpi.meanHandling': 'Mean handling (min)', 'kpi.p90Handling': 'P90 handling (min)', 'kpi.overdueOpen': 'Open overdue',
  'kpi.empty': 'No cases in this period.',
  'ops.title': 'Platform operations', 'ops.gateway': 'Gateway', 'ops.jobs': 'Stream jobs', 'ops.cases': 'Case service',
  'ops.up': 'up', 'ops.down': 'down', 'ops.connections': 'Device connections', 'ops.messagesPerSec': 'Messages/s',
  'ops.errorsPerSec': 'Errors/s', 'ops.quarantinedPerSec': 'Quarantined/s', 'ops.kafkaBufferFill': 'Kafka buffer fill',
  'ops.running': 'Jobs', 'ops.lagRecords': 'Lag (records)', 'ops.intakeLag': 'Alert intake lag',
  'ops.alertsAppliedPerSec': 'Alerts applied/s', 'ops.notifyFailed': 'Failed notifications', 'ops.at': 'Scraped {time}',
  'alertType.port_overload': 'Charger port overload', 'alertType.station_overload': 'Charging station overload',
  'alertType.illegal_high_power_load': 'Illegal high-power load', 'alertType.fire_risk': 'Fire risk at a charging station',
  'alertType.leakage_fault': 'Leakage current fault', 'alertType.ebike_in_elevator': 'E-bike taken into an elevator',
  'alertType.crowd_density': 'Crowd density warning', 'alertType.crowd_forecast': 'Crowd density forecast',
  'alertType.crowd_inflow': 'Crowd inflow at an entrance', 'alertType.device_offline': 'Device offline',
  'alertType.gate_forced_open': 'Gate forced open', 'alertType.gate_held_open': 'Gate held open',
  'alertType.gate_denied_burst': 'Burst of denied entries', 'alertType.gate_tailgating': 'Tailgating at a gate',
  'alertType.stop_unconfirmed': 'Remote cut-off not confirmed', 'recommended.cut_power_on_site': 'Cut the power on site',
  'alertType.mass_cutoff_held': 'Mass automatic cut-off held', 'recommended.confirm_stops': 'Confirm each stop',
  'recommended.stop_port': 'Stop the port remotely', 'recommended.inspect_port': 'Inspect the port',
  'recommended.inspect_station': 'Inspect the station', 'recommended.check_station_load': 'Check the station load',
  'recommended.reduce_station_load': 'Reduce the station load', 'recommended.check_device': 'Check the device',
  'recommended.restrict_entry': 'Restrict entry', 'recommended.prepare_flow_control': 'Prepare flow control',
  'recommended.deploy_stewards': 'Deploy stewards', 'recommended.evacuate_and_close_entry': 'Evacuate and close the entry',
  'recommended.monitor': 'Keep watching', 'recommended.check_gate': 'Check the gate',
  'recommended.notify_security': 'Notify security', 'recommended.dispatch_security': 'Send security',
  'recommended.dispatch_property_manager': 'Call the property manager',
};

export const DICTIONARIES = { 'zh-CN': zh, en };
const listeners = new Set();
let current = DICTIONARIES[localStorage.getItem(STORE_KEY)] ? localStorage.getItem(STORE_KEY) : 'zh-CN';
document.documentElement.lang = current;

export function lang() {
  return current;
}

export function setLang(next) {
  if (!DICTIONARIES[next] || next === current) return;
  current = next;
  localStorage.setItem(STORE_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach(fn => fn(next));
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** t('crowd.forecastText', {min: 6, level: 'Yellow'}); an unknown key shows itself, so a gap is visible, not blank. */
export function t(key, params = {}) {
  const text = DICTIONARIES[current][key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m));
}

/** A value from a closed set (state, role, alert type…) in the current language; unknown values show as sent. */
export function tv(prefix, value) {
  const key = `${prefix}.${value}`;
  return DICTIONARIES[current][key] ?? value ?? '';
}

export function fmtTime(iso) {
  if (iso == null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(current, { hour12: false });
}

export function fmtClock(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Time of day to the second (HH:MM:SS), for "since" markers. */
export function fmtClockSeconds(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso)
    : d.toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function fmtNumber(n, digits = 0) {
  if (n == null || Number.isNaN(n)) return '—';
  return Number(n).toLocaleString(current, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtPercent(share) {
  return share == null ? '—' : `${fmtNumber(share * 100, 0)} %`;
}

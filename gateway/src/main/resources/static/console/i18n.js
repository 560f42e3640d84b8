// The console's words: Simplified Chinese first, Traditional Chinese and English by the browser's language
// (or the member's choice, kept in this browser). Times are shown in the community's zone.

const ZONE = 'Asia/Shanghai';
const STORED = 'console.language';

function fromBrowser(tags) {
  for (const tag of tags.map(one => one.toLowerCase())) {
    if (tag.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(tag) ? 'zh-Hant' : 'zh-Hans';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-Hans';
}

const chosen = localStorage.getItem(STORED);
export const language = ['zh-Hans', 'zh-Hant', 'en'].includes(chosen) ? chosen
  : fromBrowser(navigator.languages?.length ? [...navigator.languages] : [navigator.language || 'zh-CN']);

export function chooseLanguage(tag) {
  localStorage.setItem(STORED, tag);
  location.reload();
}

const STATUS = {
  'zh-Hans': { SUBMITTED: '待派单', DISPATCHING: '派单中', ASSIGNED: '已接单', IN_PROGRESS: '办理中', RESOLVED: '已办结', CLOSED: '已关闭', CANCELLED: '已撤回', REJECTED: '已退单', ESCALATED: '已升级', REOPENED: '重新打开' },
  'zh-Hant': { SUBMITTED: '待派單', DISPATCHING: '派單中', ASSIGNED: '已接單', IN_PROGRESS: '辦理中', RESOLVED: '已辦結', CLOSED: '已關閉', CANCELLED: '已撤回', REJECTED: '已退單', ESCALATED: '已升級', REOPENED: '重新打開' },
  en: { SUBMITTED: 'Submitted', DISPATCHING: 'Dispatching', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved', CLOSED: 'Closed', CANCELLED: 'Cancelled', REJECTED: 'Rejected', ESCALATED: 'Escalated', REOPENED: 'Reopened' },
};
const URGENCY = {
  'zh-Hans': { EMERGENCY: '紧急', URGENT: '加急', NORMAL: '一般', COMPLEX: '复杂' },
  'zh-Hant': { EMERGENCY: '緊急', URGENT: '加急', NORMAL: '一般', COMPLEX: '複雜' },
  en: { EMERGENCY: 'Emergency', URGENT: 'Urgent', NORMAL: 'Normal', COMPLEX: 'Complex' },
};
const CHANGE = {
  'zh-Hans': { offered: '已派给志愿者', accepted: '志愿者已接单', declined: '志愿者婉拒', expired: '派单超时', started: '已签到开工', completed: '已完工', released: '志愿者退回', withdrawn: '派单撤回', unassignable: '无人可接' },
  'zh-Hant': { offered: '已派給志願者', accepted: '志願者已接單', declined: '志願者婉拒', expired: '派單逾時', started: '已簽到開工', completed: '已完工', released: '志願者退回', withdrawn: '派單撤回', unassignable: '無人可接' },
  en: { offered: 'Offered', accepted: 'Accepted', declined: 'Declined', expired: 'Offer expired', started: 'Checked in', completed: 'Completed', released: 'Given back', withdrawn: 'Offer withdrawn', unassignable: 'Nobody can take it' },
};
const ROLE = {
  'zh-Hans': { RESIDENT: '居民', VOLUNTEER: '志愿者', TEAM_LEADER: '队长', GRID_WORKER: '网格员', STAFF: '社区工作人员', ADMIN: '管理员' },
  'zh-Hant': { RESIDENT: '居民', VOLUNTEER: '志願者', TEAM_LEADER: '隊長', GRID_WORKER: '網格員', STAFF: '社區工作人員', ADMIN: '管理員' },
  en: { RESIDENT: 'Resident', VOLUNTEER: 'Volunteer', TEAM_LEADER: 'Team leader', GRID_WORKER: 'Grid worker', STAFF: 'Staff', ADMIN: 'Administrator' },
};
const SCORE = {
  'zh-Hans': { team: '队伍', skill: '技能', proximity: '距离', load: '负荷', fairness: '均衡', rating: '评价', sameBuilding: '同楼' },
  'zh-Hant': { team: '隊伍', skill: '技能', proximity: '距離', load: '負荷', fairness: '均衡', rating: '評價', sameBuilding: '同樓' },
  en: { team: 'team', skill: 'skill', proximity: 'nearness', load: 'load', fairness: 'fairness', rating: 'rating', sameBuilding: 'same building' },
};
const RATE = {
  'zh-Hans': { responseRate: '响应率', resolutionRate: '办结率', satisfactionRate: '满意率', slaCompliance: '按时率' },
  'zh-Hant': { responseRate: '響應率', resolutionRate: '辦結率', satisfactionRate: '滿意率', slaCompliance: '按時率' },
  en: { responseRate: 'Response', resolutionRate: 'Resolution', satisfactionRate: 'Satisfaction', slaCompliance: 'On time (SLA)' },
};
const PERIOD = {
  'zh-Hans': { thisWeek: '本周', lastWeek: '上周', last4: '近四周', last12: '近十二周' },
  'zh-Hant': { thisWeek: '本週', lastWeek: '上週', last4: '近四週', last12: '近十二週' },
  en: { thisWeek: 'This week', lastWeek: 'Last week', last4: 'Last 4 weeks', last12: 'Last 12 weeks' },
};
const PAGE = {
  'zh-Hans': { board: '调度看板', numbers: '数据统计', map: '社区地图', people: '规则与人员' },
  'zh-Hant': { board: '調度看板', numbers: '數據統計', map: '社區地圖', people: '規則與人員' },
  en: { board: 'Board', numbers: 'Numbers', map: 'Map', people: 'Rules and people' },
};

const WORDS = {
  'zh-Hans': {
    title: '社区调度台', skip: '跳到正文', language: '语言', pages: '页面', signIn: '登录', signOut: '退出',
    signedOut: '已退出。', sessionEnded: '登录已过期，请重新登录。', byPassword: '账号密码', byCode: '手机验证码',
    username: '用户名', password: '密码', phone: '手机号', code: '验证码', sendCode: '发送验证码', codeSent: '验证码已发送。',
    failed: '操作失败，请稍后再试。', loading: '加载中…', close: '关闭',
    changePassword: '修改密码', changePasswordFirst: '首次登录请先修改初始密码，然后用新密码重新登录。',
    currentPassword: '当前密码', newPassword: '新密码（至少 12 个字符）', passwordChanged: '密码已修改，请用新密码登录。',
    notForYou: '此调度台供社区工作人员使用', notForYouDetail: '居民和志愿者请使用手机应用。',
    'board.grid': '网格', 'board.team': '队伍', 'board.requests': '{grid} 网格的诉求', 'board.count': '{count} 件未办结',
    'board.empty': '没有未办结的诉求。', 'board.nothing': '没有您可查看的网格或队伍。', 'board.escalated': '已升级',
    'board.overdue': '超过派单时限（{at}）仍无人接单', 'board.arrived': '新诉求：{category}',
    'board.teamMoves': '队伍派单动态', 'board.teamWaiting': '等待新的派单动态…', 'board.openRequest': '查看并派单',
    'request.title': '诉求详情', 'request.category': '类别', 'request.status': '状态', 'request.urgency': '紧急程度',
    'request.where': '位置', 'request.submitted': '提交时间', 'request.dispatchBy': '派单时限', 'request.description': '描述',
    'request.notYours': '您无权查看此诉求的详情。', 'request.timeline': '办理经过', 'request.when': '时间', 'request.move': '变化',
    'request.why': '原因', 'request.preview': '派单预览', 'request.nobody': '目前没有合适的志愿者。', 'request.volunteer': '志愿者',
    'request.team': '队伍', 'request.score': '得分', 'request.whyOffered': '依据', 'request.assign': '派给此人',
    'request.assigned': '已派给 {name}。', 'request.duplicate': '合并重复诉求', 'request.originalId': '原诉求编号',
    'request.merge': '合并', 'request.merged': '已作为重复诉求关闭。', 'request.cancel': '撤回诉求', 'request.reason': '撤回原因',
    'request.cancelled': '诉求已撤回。',
    period: '统计周期', 'numbers.period': '{from} 至 {to}', 'numbers.byTeam': '各队伍的响应、办结、满意与按时率',
    'numbers.byGrid': '各网格的响应、办结、满意与按时率', 'numbers.byWeek': '逐周走势', 'numbers.timeBank': '各队伍时间银行（小时）',
    'numbers.serviceHours': '服务时长', 'numbers.honourHours': '荣誉时长', 'numbers.visits': '{week} 走访完成情况',
    'numbers.households': '已走访户数', 'numbers.target': '目标', 'numbers.behind': '{count} 人中有 {behind} 人未达标',
    'numbers.none': '这一时期还没有数据。', 'numbers.csv': '导出 CSV',
    'map.title': '社区地图', 'map.summary': '{compounds} 个小区，{buildings} 栋楼，{requests} 件未办结诉求',
    'map.noPlaces': '还没有楼栋坐标。', 'map.buildings': '楼栋（{count}）', 'map.requests': '未办结诉求（{count}）',
    'map.volunteers': '志愿者住处（{count}）', 'map.volunteersHere': '{count} 名志愿者住在这里', 'map.byCompound': '各小区概况',
    'map.compound': '小区', 'map.buildingCount': '楼栋数', 'map.openRequests': '未办结诉求',
    'people.rules': '派单规则', 'people.category': '类别', 'people.teams': '队伍', 'people.skills': '技能要求',
    'people.mode': '方式', 'people.maxOffers': '最多派单次数', 'people.version': '版本', 'people.previewTitle': '规则预览：现在会派给谁',
    'people.preview': '预览', 'people.teamsAndLeaders': '队伍与队长', 'people.station': '阵地', 'people.leaders': '队长',
    'people.register': '成员名册', 'people.role': '角色', 'people.anyRole': '全部角色', 'people.name': '姓名',
    'people.find': '查找', 'people.roles': '角色', 'people.home': '住址', 'people.state': '状态', 'people.active': '在册',
    'people.inactive': '已停用', 'people.registerCount': '共 {total} 人，第 {page} 页', 'people.previous': '上一页', 'people.next': '下一页',
  },
  'zh-Hant': {
    title: '社區調度台', skip: '跳到正文', language: '語言', pages: '頁面', signIn: '登入', signOut: '登出',
    signedOut: '已登出。', sessionEnded: '登入已過期，請重新登入。', byPassword: '帳號密碼', byCode: '手機驗證碼',
    username: '使用者名稱', password: '密碼', phone: '手機號碼', code: '驗證碼', sendCode: '發送驗證碼', codeSent: '驗證碼已發送。',
    failed: '操作失敗，請稍後再試。', loading: '載入中…', close: '關閉',
    changePassword: '修改密碼', changePasswordFirst: '首次登入請先修改初始密碼，然後用新密碼重新登入。',
    currentPassword: '目前密碼', newPassword: '新密碼（至少 12 個字元）', passwordChanged: '密碼已修改，請用新密碼登入。',
    notForYou: '此調度台供社區工作人員使用', notForYouDetail: '居民和志願者請使用手機應用。',
    'board.grid': '網格', 'board.team': '隊伍', 'board.requests': '{grid} 網格的訴求', 'board.count': '{count} 件未辦結',
    'board.empty': '沒有未辦結的訴求。', 'board.nothing': '沒有您可查看的網格或隊伍。', 'board.escalated': '已升級',
    'board.overdue': '超過派單時限（{at}）仍無人接單', 'board.arrived': '新訴求：{category}',
    'board.teamMoves': '隊伍派單動態', 'board.teamWaiting': '等待新的派單動態…', 'board.openRequest': '查看並派單',
    'request.title': '訴求詳情', 'request.category': '類別', 'request.status': '狀態', 'request.urgency': '緊急程度',
    'request.where': '位置', 'request.submitted': '提交時間', 'request.dispatchBy': '派單時限', 'request.description': '描述',
    'request.notYours': '您無權查看此訴求的詳情。', 'request.timeline': '辦理經過', 'request.when': '時間', 'request.move': '變化',
    'request.why': '原因', 'request.preview': '派單預覽', 'request.nobody': '目前沒有合適的志願者。', 'request.volunteer': '志願者',
    'request.team': '隊伍', 'request.score': '得分', 'request.whyOffered': '依據', 'request.assign': '派給此人',
    'request.assigned': '已派給 {name}。', 'request.duplicate': '合併重複訴求', 'request.originalId': '原訴求編號',
    'request.merge': '合併', 'request.merged': '已作為重複訴求關閉。', 'request.cancel': '撤回訴求', 'request.reason': '撤回原因',
    'request.cancelled': '訴求已撤回。',
    period: '統計週期', 'numbers.period': '{from} 至 {to}', 'numbers.byTeam': '各隊伍的響應、辦結、滿意與按時率',
    'numbers.byGrid': '各網格的響應、辦結、滿意與按時率', 'numbers.byWeek': '逐週走勢', 'numbers.timeBank': '各隊伍時間銀行（小時）',
    'numbers.serviceHours': '服務時長', 'numbers.honourHours': '榮譽時長', 'numbers.visits': '{week} 走訪完成情況',
    'numbers.households': '已走訪戶數', 'numbers.target': '目標', 'numbers.behind': '{count} 人中有 {behind} 人未達標',
    'numbers.none': '這一時期還沒有數據。', 'numbers.csv': '匯出 CSV',
    'map.title': '社區地圖', 'map.summary': '{compounds} 個小區，{buildings} 棟樓，{requests} 件未辦結訴求',
    'map.noPlaces': '還沒有樓棟座標。', 'map.buildings': '樓棟（{count}）', 'map.requests': '未辦結訴求（{count}）',
    'map.volunteers': '志願者住處（{count}）', 'map.volunteersHere': '{count} 名志願者住在這裡', 'map.byCompound': '各小區概況',
    'map.compound': '小區', 'map.buildingCount': '樓棟數', 'map.openRequests': '未辦結訴求',
    'people.rules': '派單規則', 'people.category': '類別', 'people.teams': '隊伍', 'people.skills': '技能要求',
    'people.mode': '方式', 'people.maxOffers': '最多派單次數', 'people.version': '版本', 'people.previewTitle': '規則預覽：現在會派給誰',
    'people.preview': '預覽', 'people.teamsAndLeaders': '隊伍與隊長', 'people.station': '陣地', 'people.leaders': '隊長',
    'people.register': '成員名冊', 'people.role': '角色', 'people.anyRole': '全部角色', 'people.name': '姓名',
    'people.find': '查找', 'people.roles': '角色', 'people.home': '住址', 'people.state': '狀態', 'people.active': '在冊',
    'people.inactive': '已停用', 'people.registerCount': '共 {total} 人，第 {page} 頁', 'people.previous': '上一頁', 'people.next': '下一頁',
  },
  en: {
    title: 'Community dispatch console', skip: 'Skip to content', language: 'Language', pages: 'Pages', signIn: 'Sign in', signOut: 'Sign out',
    signedOut: 'Signed out.', sessionEnded: 'Your sign-in has ended; please sign in again.', byPassword: 'Username and password', byCode: 'Phone code',
    username: 'Username', password: 'Password', phone: 'Phone', code: 'Code', sendCode: 'Send a code', codeSent: 'The code is on its way.',
    failed: 'That did not work; please try again shortly.', loading: 'Loading…', close: 'Close',
    changePassword: 'Change password', changePasswordFirst: 'Change the password you were given first, then sign in again with the new one.',
    currentPassword: 'Current password', newPassword: 'New password (12 characters or more)', passwordChanged: 'Password changed; sign in with the new one.',
    notForYou: 'This console is for the community office', notForYouDetail: 'Residents and volunteers use the mobile app.',
    'board.grid': 'Grid', 'board.team': 'Team', 'board.requests': 'Requests in grid {grid}', 'board.count': '{count} open',
    'board.empty': 'No open requests.', 'board.nothing': 'There is no grid or team for you to watch.', 'board.escalated': 'Escalated',
    'board.overdue': 'Nobody has taken it by its dispatch deadline ({at})', 'board.arrived': 'New request: {category}',
    'board.teamMoves': 'Team dispatch moves', 'board.teamWaiting': 'Waiting for the next move…', 'board.openRequest': 'Open and dispatch',
    'request.title': 'Request', 'request.category': 'Category', 'request.status': 'Status', 'request.urgency': 'Urgency',
    'request.where': 'Where', 'request.submitted': 'Submitted', 'request.dispatchBy': 'Dispatch by', 'request.description': 'Description',
    'request.notYours': 'You may not read this request\'s details.', 'request.timeline': 'Timeline', 'request.when': 'When', 'request.move': 'Move',
    'request.why': 'Why', 'request.preview': 'Dispatch preview', 'request.nobody': 'Nobody suitable is available now.', 'request.volunteer': 'Volunteer',
    'request.team': 'Team', 'request.score': 'Score', 'request.whyOffered': 'Why', 'request.assign': 'Assign',
    'request.assigned': 'Assigned to {name}.', 'request.duplicate': 'Merge a duplicate', 'request.originalId': 'Original request id',
    'request.merge': 'Merge', 'request.merged': 'Closed as a duplicate.', 'request.cancel': 'Cancel the request', 'request.reason': 'Reason',
    'request.cancelled': 'The request is cancelled.',
    period: 'Period', 'numbers.period': '{from} to {to}', 'numbers.byTeam': 'Response, resolution, satisfaction and on-time rates by team',
    'numbers.byGrid': 'Response, resolution, satisfaction and on-time rates by grid', 'numbers.byWeek': 'Week by week', 'numbers.timeBank': 'Time bank by team (hours)',
    'numbers.serviceHours': 'Service hours', 'numbers.honourHours': 'Honour hours', 'numbers.visits': 'Visits in {week}',
    'numbers.households': 'Households visited', 'numbers.target': 'Target', 'numbers.behind': '{behind} of {count} are behind',
    'numbers.none': 'No figures for this period yet.', 'numbers.csv': 'Export CSV',
    'map.title': 'Community map', 'map.summary': '{compounds} compounds, {buildings} buildings, {requests} open requests',
    'map.noPlaces': 'No building has coordinates yet.', 'map.buildings': 'Buildings ({count})', 'map.requests': 'Open requests ({count})',
    'map.volunteers': 'Volunteers\' homes ({count})', 'map.volunteersHere': '{count} volunteers live here', 'map.byCompound': 'By compound',
    'map.compound': 'Compound', 'map.buildingCount': 'Buildings', 'map.openRequests': 'Open requests',
    'people.rules': 'Dispatch rules', 'people.category': 'Category', 'people.teams': 'Teams', 'people.skills': 'Skills required',
    'people.mode': 'Mode', 'people.maxOffers': 'Offers at most', 'people.version': 'Version', 'people.previewTitle': 'Rule preview: who would be offered now',
    'people.preview': 'Preview', 'people.teamsAndLeaders': 'Teams and their leaders', 'people.station': 'Station', 'people.leaders': 'Leaders',
    'people.register': 'Member register', 'people.role': 'Role', 'people.anyRole': 'Any role', 'people.name': 'Name',
    'people.find': 'Find', 'people.roles': 'Roles', 'people.home': 'Home', 'people.state': 'State', 'people.active': 'Active',
    'people.inactive': 'Deactivated', 'people.registerCount': '{total} members, page {page}', 'people.previous': 'Previous', 'people.next': 'Next',
  },
};

const GROUPS = { status: STATUS, urgency: URGENCY, change: CHANGE, role: ROLE, score: SCORE, rate: RATE, period: PERIOD, page: PAGE };

/** The words for {@code key} in the console's language, with {name} filled from values. */
export function t(key, values = {}) {
  const dot = key.indexOf('.');
  const group = dot > 0 ? GROUPS[key.slice(0, dot)] : undefined;
  const text = group ? group[language][key.slice(dot + 1)] : WORDS[language][key];
  return (text ?? key).replace(/\{(\w+)\}/g, (whole, name) => String(values[name] ?? whole));
}

const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
  timeZone: ZONE, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
});

/** A moment as the office reads it: day and time in the community's zone. */
export function when(instant) {
  return instant ? format.format(new Date(instant)) : '';
}

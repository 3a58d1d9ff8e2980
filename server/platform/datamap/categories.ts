/**
 * Data categories, in the dotted style of fideslang. Every column in the data map names one.
 * `sensitive` follows the policy's definition of personal sensitive information (P1.1):
 * communication records and contents, whereabouts, ID numbers, biometrics, health, property
 * and transactions.
 */
export type Localised = { 'zh-CN': string; en: string };

export interface DataCategory {
  name: Localised;
  personal: boolean;
  sensitive: boolean;
}

export const dataCategories = {
  'user.name': { name: { 'zh-CN': '姓名', en: 'Name' }, personal: true, sensitive: false },
  'user.contact': { name: { 'zh-CN': '邮箱或手机号（登录标识）', en: 'Email address or mobile number (sign-in identifier)' }, personal: true, sensitive: false },
  'user.contact.email': { name: { 'zh-CN': '电子邮箱', en: 'Email address' }, personal: true, sensitive: false },
  'user.contact.phone': { name: { 'zh-CN': '手机号码', en: 'Mobile number' }, personal: true, sensitive: false },
  'user.friends': { name: { 'zh-CN': '好友列表与好友申请', en: 'Friend list and contact requests' }, personal: true, sensitive: false },
  'user.avatar': { name: { 'zh-CN': '头像', en: 'Profile picture' }, personal: true, sensitive: false },
  'user.preference': { name: { 'zh-CN': '偏好设置（语言）', en: 'Preferences (language)' }, personal: true, sensitive: false },
  'user.account': { name: { 'zh-CN': '账号标识与状态', en: 'Account identifier and status' }, personal: true, sensitive: false },
  'user.authorization.credentials': {
    name: { 'zh-CN': '登录凭据（验证码与会话令牌的散列）', en: 'Sign-in credentials (hashes of codes and session tokens)' },
    personal: true,
    sensitive: false,
  },
  'user.network.ip': { name: { 'zh-CN': 'IP 地址', en: 'IP address' }, personal: true, sensitive: false },
  'user.device.identifier': { name: { 'zh-CN': '设备标识符', en: 'Device identifier' }, personal: true, sensitive: false },
  'user.device.software': {
    name: { 'zh-CN': '浏览器、操作系统、时区与语言', en: 'Browser, operating system, time zone and language' },
    personal: true,
    sensitive: false,
  },
  'user.behavior.security_log': { name: { 'zh-CN': '安全日志（访问记录）', en: 'Security log (access records)' }, personal: true, sensitive: false },
  'user.behavior.crash': { name: { 'zh-CN': '崩溃信息', en: 'Crash information' }, personal: true, sensitive: false },
  'user.notice': { name: { 'zh-CN': '发给您的安全通知', en: 'Security notices sent to you' }, personal: true, sensitive: false },
  'user.content.message': { name: { 'zh-CN': '消息与聊天内容', en: 'Messages and chat content' }, personal: true, sensitive: true },
  'user.content.chat': {
    name: { 'zh-CN': '您所在的会话：群名称、成员身份、已读位置、免打扰与归档设置', en: 'The chats you are in: group names, membership, read position, mute and archive settings' },
    personal: true,
    sensitive: false,
  },
  'user.content.attachment': { name: { 'zh-CN': '聊天中发送的图片与文件', en: 'Pictures and files sent in chats' }, personal: true, sensitive: true },
  'user.location.precise': {
    name: { 'zh-CN': '照片的拍摄地点（仅在您同意保留时）', en: 'Where a photo was taken (only when you consented to keep it)' },
    personal: true,
    // whereabouts (P1.1)
    sensitive: true,
  },
  'user.content.search_index': {
    name: { 'zh-CN': '消息搜索索引（密钥散列，不含明文）', en: 'Message search index (keyed hashes, no plaintext)' },
    personal: true,
    sensitive: false,
  },
  'user.work.organization': { name: { 'zh-CN': '所属组织、角色与成员状态', en: 'Organisation, role and membership status' }, personal: true, sensitive: false },
  'user.work.department': { name: { 'zh-CN': '部门与直属上级', en: 'Department and direct superior' }, personal: true, sensitive: false },
  'user.work.position': { name: { 'zh-CN': '职位', en: 'Position' }, personal: true, sensitive: false },
  'user.work.location': { name: { 'zh-CN': '工作地点', en: 'Work location' }, personal: true, sensitive: false },
  'user.work.status': { name: { 'zh-CN': '工作状态', en: 'Work status' }, personal: true, sensitive: false },
  'user.work.correction': { name: { 'zh-CN': '信息更正申请', en: 'Correction requests' }, personal: true, sensitive: false },
  'user.work.attestation': {
    name: { 'zh-CN': '雇主关于已告知并取得同意的声明', en: 'The employer’s statement that it informed you and obtained consent' },
    personal: true,
    sensitive: false,
  },
  'user.behavior.admin_audit': { name: { 'zh-CN': '组织管理操作记录', en: 'Organisation administration records' }, personal: true, sensitive: false },
  'user.consent': {
    name: { 'zh-CN': '您对隐私政策各版本的接受记录', en: 'Your acceptances of privacy policy versions' },
    personal: true,
    sensitive: false,
  },
  'system.policy': { name: { 'zh-CN': '隐私政策文本', en: 'Privacy policy texts' }, personal: false, sensitive: false },
  'org.profile': { name: { 'zh-CN': '组织名称与设置', en: 'Organisation name and settings' }, personal: false, sensitive: false },
  'org.chat': {
    name: { 'zh-CN': '组织内的会话：类型、群名称与群头像、创建者', en: 'Chats in the organisation: kind, group name and picture, who created it' },
    personal: false,
    sensitive: false,
  },
  'org.structure': { name: { 'zh-CN': '部门结构', en: 'Department structure' }, personal: false, sensitive: false },
  'user.privacy_request': {
    name: { 'zh-CN': '您关于个人信息的请求及其处理结果', en: 'Your requests about your personal information and their outcome' },
    personal: true,
    sensitive: false,
  },
  'user.birth_date': { name: { 'zh-CN': '出生日期（用于识别未满 14 周岁的儿童）', en: 'Date of birth (to recognise children under 14)' }, personal: true, sensitive: true },
  'user.guardian': {
    name: { 'zh-CN': '监护人联系方式及其同意记录', en: 'A guardian’s contact and their consent record' },
    personal: true,
    sensitive: false,
  },
  'user.export': {
    name: { 'zh-CN': '为您准备的数据下载文件（加密保存，链接到期即删除）', en: 'A download of your data prepared for you (kept encrypted, deleted when its link expires)' },
    personal: true,
    // a copy of everything above, sensitive classes included
    sensitive: true,
  },
  'user.erasure_receipt': {
    name: { 'zh-CN': '删除回执（不含被删除的内容）', en: 'Deletion receipts (without the erased content)' },
    personal: true,
    sensitive: false,
  },
  'system.keys': { name: { 'zh-CN': '加密密钥（已封装）', en: 'Encryption keys (wrapped)' }, personal: false, sensitive: false },
  'system.operations': { name: { 'zh-CN': '系统运行数据', en: 'System operation data' }, personal: false, sensitive: false },
  'system.catalogue': { name: { 'zh-CN': '产品目录', en: 'Product catalogue' }, personal: false, sensitive: false },
} as const satisfies Record<string, DataCategory>;

export type DataCategoryKey = keyof typeof dataCategories;

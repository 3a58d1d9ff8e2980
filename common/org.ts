/** Shared vocabulary of organisations, used by the server's schemas and the web client. */
export const roles = ['owner', 'admin', 'member'] as const;
export type Role = (typeof roles)[number];

export const workStatuses = ['working', 'remote', 'business_trip', 'on_leave'] as const;
export type WorkStatus = (typeof workStatuses)[number];

/** Whether members may reveal colleagues' full work phone and email, or see only masked forms (P7.2). */
export const contactVisibilities = ['masked', 'full'] as const;
export type ContactVisibility = (typeof contactVisibilities)[number];

/** The fields an employer supplies and manages (P0.2); a member asks for corrections to these (P8.2). */
export const employerFields = ['name', 'workEmail', 'workPhone', 'workLocation', 'position', 'departmentId', 'supervisorId', 'workStatus'] as const;
export type EmployerField = (typeof employerFields)[number];

/**
 * The statement an admin ticks before inviting (P0.2). A new wording gets a new version; the
 * version ticked is recorded with who ticked it and when.
 */
export const attestationTexts = {
  v1: {
    'zh-CN':
      '本组织确认：已事先告知被邀请成员我们将向本平台提供其账号名称、企业邮箱、工作电话、工作地点和直属上级等信息，说明了收集的目的、范围和方式，并已取得其明确同意。',
    en: 'We confirm that we told the people we invite that we will give this platform their account name, corporate email, work phone, work location and direct superior, explained the purpose, scope and method, and obtained their explicit consent.',
  },
} as const;
export type AttestationVersion = keyof typeof attestationTexts;
export const currentAttestationVersion: AttestationVersion = 'v1';

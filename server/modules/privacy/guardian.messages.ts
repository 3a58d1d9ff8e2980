import type { Identifier } from '../../../common/identifier.ts';
import type { OutgoingMessage } from '../../platform/notify/message.ts';

export function guardianRequestMessage(input: { to: Identifier; childName: string; code: string; link: string; validDays: number; locale: string }): OutgoingMessage {
  const zh = input.locale !== 'en';
  return {
    channel: input.to.channel,
    to: input.to.value,
    subject: zh ? 'Lockstep：请确认是否同意您的孩子使用本平台' : 'Lockstep: your consent for your child',
    text: zh
      ? `${input.childName} 用您的联系方式申请使用 Lockstep。未满 14 周岁的儿童须经监护人同意。请在 ${input.validDays} 天内打开 ${input.link} 并输入验证码 ${input.code}，选择同意或拒绝。逾期未答复或拒绝，孩子的账号和信息将被删除。`
      : `${input.childName} asked to use Lockstep and named you as their parent or guardian. Children under 14 need your consent. Within ${input.validDays} days, open ${input.link} and enter the code ${input.code} to consent or refuse. Refused or left unanswered, the child's account and data are erased.`,
    code: input.code,
  };
}

export function guardianDecisionMessage(input: { to: Identifier | null; approved: boolean; locale: string; receiptLink?: string }): OutgoingMessage | null {
  if (!input.to) return null;
  const zh = input.locale !== 'en';
  return {
    channel: input.to.channel,
    to: input.to.value,
    subject: zh ? 'Lockstep：已记录您的决定' : 'Lockstep: your decision is recorded',
    text: input.approved
      ? zh
        ? '您已同意孩子使用 Lockstep。您可随时用本地址登录，查看、导出或删除孩子的信息。'
        : 'You consented to your child using Lockstep. Sign in with this address at any time to see, export or erase your child’s data.'
      : zh
        ? `您拒绝了同意，孩子的账号和信息已被删除。删除回执只能通过此链接获取一次：${input.receiptLink ?? ''}`
        : `You refused consent; your child's account and data have been erased. The deletion receipt can be fetched once from: ${input.receiptLink ?? ''}`,
  };
}

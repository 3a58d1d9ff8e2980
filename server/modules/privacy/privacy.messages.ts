import type { OutgoingMessage } from '../../platform/notify/message.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function cancellationMessage(input: { channel: 'email' | 'sms'; to: string; eraseAfter: number; locale: string }): OutgoingMessage {
  const zh = input.locale === 'zh-CN';
  return {
    channel: input.channel,
    to: input.to,
    subject: zh ? 'Lockstep：账号注销申请已收到' : 'Lockstep: your account cancellation',
    text: zh
      ? `我们已收到您的账号注销申请。${day(input.eraseAfter)}（UTC）之后，您的账号和个人信息将被永久删除。在此之前重新登录即可保留账号。`
      : `We received your request to cancel your account. After ${day(input.eraseAfter)} (UTC) your account and personal information will be erased for good. Sign in before then to keep it.`,
  };
}

export function erasureDoneMessage(input: { channel: 'email' | 'sms'; to: string; link: string; receiptId: string; locale: string }): OutgoingMessage {
  const zh = input.locale === 'zh-CN';
  return {
    channel: input.channel,
    to: input.to,
    subject: zh ? 'Lockstep：您的账号已删除' : 'Lockstep: your account has been erased',
    text: zh
      ? `您的账号和个人信息已被删除。删除回执（编号 ${input.receiptId}，含签名）只能通过此链接获取一次：${input.link}`
      : `Your account and personal information have been erased. Your signed deletion receipt (${input.receiptId}) can be fetched once from this link: ${input.link}`,
  };
}

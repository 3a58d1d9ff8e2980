import type { OutgoingMessage } from '../../platform/notify/message.ts';

export function invitationMessage(input: { channel: 'email' | 'sms'; to: string; orgName: string; url: string }): OutgoingMessage {
  return {
    channel: input.channel,
    to: input.to,
    subject: `Lockstep：${input.orgName} 邀请您加入 / ${input.orgName} invited you to Lockstep`,
    text:
      `${input.orgName} 邀请您加入其 Lockstep 工作空间。请用本地址登录 ${input.url} 查看雇主提供的信息，并选择接受或拒绝。\n` +
      `${input.orgName} invited you to its Lockstep workspace. Sign in with this address at ${input.url} to see what your employer supplied, then accept or decline.`,
  };
}

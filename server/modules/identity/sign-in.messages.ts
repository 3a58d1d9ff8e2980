import type { Identifier } from '../../../common/identifier.ts';
import type { Locale } from '../../../common/locale.ts';
import type { OutgoingMessage } from '../../platform/notify/message.ts';

export function codeMessage(identifier: Identifier, code: string, locale: Locale, ttlMinutes: number): OutgoingMessage {
  const zh = locale === 'zh-CN';
  return {
    channel: identifier.channel,
    to: identifier.value,
    subject: zh ? `Lockstep 验证码：${code}` : `Your Lockstep code: ${code}`,
    text: zh
      ? `您的 Lockstep 验证码是 ${code}，${ttlMinutes} 分钟内有效。请勿告诉他人；如非本人操作，请忽略。`
      : `Your Lockstep code is ${code}. It is valid for ${ttlMinutes} minutes. Never share it; if you did not ask for it, ignore this message.`,
    code,
  };
}

export function newDeviceMessage(identifier: Identifier, device: { browser: string; os: string; ipMasked: string }, locale: Locale): OutgoingMessage {
  const zh = locale === 'zh-CN';
  const where = `${device.browser} / ${device.os} (${device.ipMasked})`;
  return {
    channel: identifier.channel,
    to: identifier.value,
    subject: zh ? 'Lockstep：新设备登录提醒' : 'Lockstep: sign-in from a new device',
    text: zh
      ? `您的账号刚刚在新设备上登录：${where}。如非本人操作，请立即在“会话”页面结束该会话。`
      : `Your account was just signed in on a new device: ${where}. If this was not you, end that session now on the Sessions page.`,
  };
}

import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientInfo } from './client-info.ts';

/** only the two fields clientInfo reads */
function request(headers: Record<string, string | string[]>, ip = '203.0.113.9'): FastifyRequest {
  return { ip, headers } as unknown as FastifyRequest;
}

describe('clientInfo (attacker-controlled headers, P3.3)', () => {
  it('keeps well-formed values', () => {
    const info = clientInfo(
      request({
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
        'x-device-id': 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
        'x-time-zone': 'Asia/Shanghai',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      }),
    );
    expect(info).toEqual({
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
      deviceId: 'f47ac10b58cc4372a5670e02b2c3d479',
      timeZone: 'Asia/Shanghai',
      language: 'zh-CN',
    });
  });

  it('gives empty and null values when the headers are absent', () => {
    expect(clientInfo(request({}))).toEqual({ ip: '203.0.113.9', userAgent: '', deviceId: null, timeZone: null, language: null });
  });

  it('truncates an over-long user agent to 512 characters', () => {
    expect(clientInfo(request({ 'user-agent': 'A'.repeat(10_000) })).userAgent).toBe('A'.repeat(512));
    expect(clientInfo(request({ 'user-agent': 'B'.repeat(512) })).userAgent).toHaveLength(512);
  });

  it.each(['UTC', 'Etc/GMT+8', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince'])('keeps the time zone %s', (zone) => {
    expect(clientInfo(request({ 'x-time-zone': zone })).timeZone).toBe(zone);
  });

  it.each(['en', 'en-US', 'zh-Hant-TW', 'en;q=0.9'])('keeps the first language of %s', (header) => {
    expect(clientInfo(request({ 'accept-language': header })).language).toBe(header.split(';')[0]);
  });

  it.each([
    ['too short', 'abc123'],
    ['too long', 'a'.repeat(65)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces', 'device id 1234'],
    ['a path', '../../etc/passwd'],
  ])('drops a device id that is %s', (_shape, value) => {
    expect(clientInfo(request({ 'x-device-id': value })).deviceId).toBeNull();
  });

  it.each([
    ['markup', '<img src=x>'],
    ['a path', '../../etc/passwd'],
    ['too long', `Europe/${'A'.repeat(64)}`],
    ['spaces', 'Asia/Shang hai'],
    ['an offset', '+08:00'],
  ])('drops a time zone that is %s', (_shape, value) => {
    expect(clientInfo(request({ 'x-time-zone': value })).timeZone).toBeNull();
  });

  it.each([
    ['a wildcard', '*'],
    ['markup', '<b>en</b>'],
    ['a long tag', 'x'.repeat(40)],
    ['a one-letter tag', 'e'],
  ])('drops a language that is %s', (_shape, value) => {
    expect(clientInfo(request({ 'accept-language': value })).language).toBeNull();
  });

  it('reads only the first of repeated headers', () => {
    expect(clientInfo(request({ 'x-time-zone': ['Asia/Tokyo', '<bad>'] })).timeZone).toBe('Asia/Tokyo');
  });
});

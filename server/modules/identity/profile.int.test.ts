import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type TestSession } from '../../../test/harness.ts';

let t: TestPlatform;
let session: TestSession;
beforeAll(async () => {
  t = await startTestPlatform();
  session = await t.signIn('profile@example.com', { name: '张伟' });
});
afterAll(async () => {
  await t.close();
});

const photo = (format: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withExif({ IFD0: { Copyright: 'EXIF-CANARY-4411', Artist: 'EXIF-CANARY-4411' } })
    [format]()
    .toBuffer();

const upload = (body: Buffer | string, contentType: string) =>
  t.request({ method: 'PUT', url: '/api/me/avatar', payload: body, headers: { 'content-type': contentType }, session });

describe('profile and avatar (P3.1: the avatar is optional)', () => {
  it('shows the person their own name, email and no avatar after sign-up', async () => {
    const me = (await t.request({ method: 'GET', url: '/api/me', session })).json();
    expect(me.account).toMatchObject({ name: '张伟', email: 'profile@example.com', phone: null, avatarUrl: null, locale: 'zh-CN' });
    expect(me.csrfToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(['png', 'jpeg', 'webp'] as const)('accepts a %s avatar, re-encoded to a 256px WebP without EXIF', async (format) => {
    const original = await photo(format);
    const response = await upload(original, `image/${format}`);
    expect(response.statusCode).toBe(200);
    const avatarUrl = response.json().account.avatarUrl as string;
    expect(avatarUrl).toMatch(/^\/api\/accounts\/.+\/avatar\?v=\d+$/);
    const image = await t.request({ method: 'GET', url: avatarUrl, session });
    expect(image.headers['content-type']).toBe('image/webp');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(image.rawPayload.includes(Buffer.from('EXIF-CANARY-4411'))).toBe(false);
  });

  it('judges the image by its content, not by its declared type', async () => {
    const fake = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('avatar_invalid');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    const disguised = await upload(gif, 'image/jpeg');
    expect(disguised.json().error.code).toBe('avatar_invalid');
  });

  it('refuses other content types and images over 2 MiB', async () => {
    const gifType = await upload(Buffer.from('GIF89a'), 'image/gif');
    expect(gifType.statusCode).toBe(415);
    const huge = await upload(Buffer.alloc(2 * 1024 * 1024 + 10, 1), 'image/png');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('removes the avatar', async () => {
    await upload(await photo('png'), 'image/png');
    const removed = await t.request({ method: 'DELETE', url: '/api/me/avatar', session });
    expect(removed.json().account.avatarUrl).toBeNull();
  });

  it('does not show one person’s avatar to another', async () => {
    const uploaded = await upload(await photo('png'), 'image/png');
    const other = await t.signIn('other-profile@example.com');
    const response = await t.request({ method: 'GET', url: uploaded.json().account.avatarUrl, session: other });
    expect(response.statusCode).toBe(404);
  });

  it('changes name and language, and refuses empty names and unknown languages', async () => {
    const changed = await t.request({ method: 'PATCH', url: '/api/me', payload: { name: '  Zhang Wei  ', locale: 'en' }, session });
    expect(changed.json().account).toMatchObject({ name: 'Zhang Wei', locale: 'en' });
    const empty = await t.request({ method: 'PATCH', url: '/api/me', payload: { name: '   ' }, session });
    expect(empty.statusCode).toBe(400);
    const badLocale = await t.request({ method: 'PATCH', url: '/api/me', payload: { locale: 'fr' }, session });
    expect(badLocale.statusCode).toBe(400);
    const stillThere = (await t.request({ method: 'GET', url: '/api/me', session })).json().account;
    expect(stillThere).toMatchObject({ name: 'Zhang Wei', locale: 'en' });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isExtensionPage } from '@/lib/background/sender';
import { publicSettings, readSettings, settings, writeSettings } from '@/lib/store/settings';

describe('settings: one typed storage item each', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads defaults on a fresh install', async () => {
    expect(await readSettings()).toMatchObject({ endpointMode: 'region', region: 'cn-north-4', authMode: 'aksk', ak: '', sk: '' });
  });

  it('stores each setting under its own local: key', async () => {
    await writeSettings({ ak: 'AK1', sk: 'SK1', projectId: 'p1' });
    expect(await fakeBrowser.storage.local.get(['ak', 'sk', 'projectId'])).toEqual({ ak: 'AK1', sk: 'SK1', projectId: 'p1' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('an empty secret keeps the stored one; other fields can be cleared', async () => {
    await writeSettings({ ak: 'AK1', sk: 'SK1', iamPassword: 'pw', projectId: 'p1' });
    await writeSettings({ ak: 'AK2', sk: '', iamPassword: '', projectId: '' });
    expect(await readSettings()).toMatchObject({ ak: 'AK2', sk: 'SK1', iamPassword: 'pw', projectId: '' });
  });

  it('pages only learn whether a secret is set', async () => {
    await writeSettings({ sk: 'SK-SECRET', iamPassword: 'PW-SECRET' });
    const shown = publicSettings(await readSettings());
    expect(shown).toMatchObject({ skSet: true, iamPasswordSet: true });
    expect(JSON.stringify(shown)).not.toMatch(/SECRET/);
  });

  it('rejects a malformed value and reads a corrupt stored one as the default', async () => {
    await expect(settings.region.set('not a region')).rejects.toThrow();
    await fakeBrowser.storage.local.set({ authMode: 'telepathy' });
    expect(await settings.authMode.get()).toBe('aksk');
  });
});

describe('privileged messages come only from extension pages', () => {
  const origin = 'chrome-extension://abc/';
  it.each([
    [{ id: 'abc', url: 'chrome-extension://abc/popup.html' }, true],
    [{ id: 'abc', url: 'https://mail.example/inbox' }, false], // our own content script on a page
    [{ id: 'other', url: 'chrome-extension://other/popup.html' }, false],
    [{ id: 'abc' }, false],
  ])('%j → %s', (sender, expected) => expect(isExtensionPage(sender, 'abc', origin)).toBe(expected));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreInstallationStore } from '../../../adapters/slack/index.js';
import { Harness, tempStore } from './harness.js';
import { InstallationCipher } from '../../../adapters/slack/installation-cipher.js';

const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** A bot installation of Troupe in one workspace, as Bolt's OAuth flow stores it. */
function installation(teamId: string) {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: `U-${teamId}`, token: undefined, scopes: undefined },
    bot: { id: `B-${teamId}`, userId: 'U0BOT', token: `xoxb-${teamId}`, scopes: ['chat:write', 'commands'] },
    tokenType: 'bot' as const,
    isEnterpriseInstall: false,
    appId: 'A0001',
    authVersion: 'v2' as const,
  };
}

describe('Slack multi-workspace install (OAuth): each workspace is its own tenant', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    const installations = new StoreInstallationStore(temp.store, new InstallationCipher(ENCRYPTION_KEY));
    await installations.storeInstallation(installation('TA'));
    await installations.storeInstallation(installation('TB'));
    harness = await Harness.start({
      store: temp.store,
      overrides: {
        botToken: undefined,
        oauth: { clientId: '123.456', clientSecret: 'client-secret', stateSecret: 'state-secret' },
        encryptionKey: ENCRYPTION_KEY,
      },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('posts with each workspace’s own bot token and keeps panels apart', async () => {
    expect(
      (await harness.command('/panel', 'create 2 US parents --name alpha-panel', { team: 'TA', channel: 'CA' })).status,
    ).toBe(200);
    await harness.idle();
    expect((await harness.store.listPanels('slack:TA')).map((panel) => panel.name)).toEqual(['alpha-panel']);
    expect(harness.posts().every((call) => call.token === 'xoxb-TA')).toBe(true);

    const before = harness.posts().length;
    await harness.command('/panel', 'list', { team: 'TB', channel: 'CB' });
    await harness.command('/panel', 'show alpha-panel', { team: 'TB', channel: 'CB' });
    await harness.idle();
    const listed = harness.posts().slice(before);
    expect(listed).toHaveLength(1);
    expect(listed[0].token).toBe('xoxb-TB');
    expect(String(listed[0].args.text)).toContain('No panels yet');
    const [denied] = harness.slack.callsOf('chat.postEphemeral');
    expect(denied.token).toBe('xoxb-TB');
    expect(String(denied.args.text)).toContain('No panel "alpha-panel"');
    expect(await harness.store.listPanels('slack:TB')).toEqual([]);
  });

  it('the App Home of the other workspace does not show the first one’s panel', async () => {
    await harness.event({ type: 'app_home_opened', user: 'U-TB', channel: 'D1', tab: 'home' }, { team: 'TB' });
    await harness.event({ type: 'app_home_opened', user: 'U-TA', channel: 'D2', tab: 'home' }, { team: 'TA' });
    await harness.idle();
    const views = harness.slack.callsOf('views.publish');
    const home = (token: string) => String(views.find((call) => call.token === token)?.args.view);
    expect(home('xoxb-TA')).toContain('alpha-panel');
    expect(home('xoxb-TB')).not.toContain('alpha-panel');
    expect(home('xoxb-TB')).toContain('No panels yet');
  });

  it('serves the OAuth install route', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.app.port}/slack/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('client_id=123.456');
  });
});

import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_DOWNLOAD_INFO } from '../../../adapters/teams/file-downloads.js';
import { OWN_FORMAT_DIR } from '../../fixtures/tinytroupe.js';
import { Harness, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';
const POPULATION = path.join(OWN_FORMAT_DIR, 'population');
const SURVEY = [
  'respondent_id,Which job suits you?',
  ...Array.from({ length: 10 }, (_, i) => `${i + 1},${i < 7 ? 'Teacher' : 'Nurse'}`),
].join('\n');

/** A loopback file host standing in for SharePoint/OneDrive's pre-authenticated download URLs. */
class FileHost {
  readonly requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  private constructor(
    private readonly server: Server,
    private readonly files: Map<string, Buffer>,
  ) {}

  static async start(files: Record<string, Buffer>): Promise<FileHost> {
    const server = createServer();
    const host = new FileHost(server, new Map(Object.entries(files)));
    server.on('request', (req, res) => {
      const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      host.requests.push({ path: name, headers: req.headers });
      if (name === 'huge') {
        res.writeHead(200, { 'content-length': String(60_000_000) });
        return void res.end();
      }
      const bytes = host.files.get(name);
      if (!bytes) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return host;
  }

  url(name: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${encodeURIComponent(name)}?tempauth=x`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('Teams: files attached to "@Troupe panel add" go in (real Teams SDK, fake connector, loopback file host)', () => {
  let harness: Harness;
  let host: FileHost;
  let cleanup: () => Promise<void>;
  let ingridBytes: Buffer;
  const sentText = (from: number) => JSON.stringify(harness.connector.calls.slice(from).map((call) => call.body));
  const personas = async () =>
    harness.store.listPersonas(TENANT, (await harness.store.getPanel(TENANT, 'parents'))!.id);
  const downloadInfo = (name: string, url: string) => ({
    contentType: FILE_DOWNLOAD_INFO,
    name,
    content: { downloadUrl: url, uniqueId: name, fileType: 'json' },
  });
  const withFiles = async (text: string, attachments: unknown[], where: Parameters<Harness['activity']>[1] = {}) => {
    const before = harness.connector.calls.length;
    const activity = harness.activity(text, where, { attachments });
    expect((await harness.post(activity)).status).toBe(200);
    await harness.idle();
    return sentText(before);
  };

  beforeAll(async () => {
    ingridBytes = await readFile(path.join(POPULATION, 'Ingrid Bakke.agent.json'));
    host = await FileHost.start({
      'Ingrid Bakke.agent.json': ingridBytes,
      'Broken Age.agent.json': await readFile(path.join(POPULATION, 'Broken Age.agent.json')),
      'survey.csv': Buffer.from(SURVEY),
    });
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
    await harness.mention('panel create 2 US parents --name parents');
    await harness.idle();
    expect(await personas()).toHaveLength(2);
  });
  afterAll(async () => {
    await harness?.stop();
    await host?.stop();
    await cleanup?.();
  });

  it('a TinyTroupe agent file (1:1 chat, file.download.info) is downloaded without the bot token and joins the panel', async () => {
    await harness.post(harness.activity('panel seat parents', { personal: true }));
    await harness.idle();
    const sent = await withFiles(
      'panel add',
      [downloadInfo('Ingrid Bakke.agent.json', host.url('Ingrid Bakke.agent.json'))],
      { personal: true },
    );
    const ingrid = (await personas()).find((persona) => persona.name === 'Ingrid Bakke');
    expect(ingrid?.spec).toEqual(JSON.parse(ingridBytes.toString('utf8')).persona);
    expect(sent).toContain('Added 1 persona to panel \\"parents\\": Ingrid Bakke');
    const request = host.requests.find((entry) => entry.path === 'Ingrid Bakke.agent.json')!;
    expect(request.headers.authorization).toBeUndefined();
  });

  it('a survey CSV attached to "@Troupe fidelity" is downloaded and scored against the panel (kept for /fidelity history)', async () => {
    const sent = await withFiles('<at>Troupe</at> fidelity --questions "Which job suits you?"', [
      { contentType: 'text/csv', name: 'survey.csv', contentUrl: host.url('survey.csv') },
    ]);
    expect(host.requests.map((request) => request.path)).toContain('survey.csv');
    expect(sent).toContain('Fidelity of panel parents against survey.csv (10 respondents, 1 questions, method direct)');
    expect(sent).toMatch(/uniform-random answerer: mean JSD \d\.\d\d/);
    expect(sent).toMatch(/always the majority: mean JSD \d\.\d\d/);
    const reports = await harness.store.listFidelityReports(
      TENANT,
      (await harness.store.getPanel(TENANT, 'parents'))!.id,
    );
    expect(reports.map((report) => report.questions)).toEqual([1]);
  });

  it('a bad file attached with a channel mention (contentUrl) gets a clear error naming the file and field', async () => {
    const before = (await personas()).length;
    const sent = await withFiles('<at>Troupe</at> panel add', [
      { contentType: 'application/json', name: 'Broken Age.agent.json', contentUrl: host.url('Broken Age.agent.json') },
    ]);
    expect(sent).toContain('Broken Age.agent.json: persona.age should be a number or text');
    expect(sent).not.toContain('expected');
    expect(await personas()).toHaveLength(before);
  });

  it('a file that is not http(s), or too large, is refused by name and nothing is fetched for it', async () => {
    const asked = host.requests.length;
    const local = await withFiles('<at>Troupe</at> panel add', [
      downloadInfo('secrets.agent.json', 'file:///etc/passwd'),
    ]);
    expect(local).toContain('secrets.agent.json is not at an http(s) address');
    expect(host.requests.length).toBe(asked);
    const huge = await withFiles('<at>Troupe</at> panel add', [downloadInfo('Huge.agent.json', host.url('huge'))]);
    expect(huge).toContain('Huge.agent.json is larger than 50 MB');
  });
});

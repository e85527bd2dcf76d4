import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const tsxLoader = path.join(repo, 'node_modules/tsx/dist/esm/index.mjs');

/** The environment of a local chat run: no LLM, Slack or Discord variables, a given database, the playground on port 0. */
export function chatEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(LLM_|OPENAI_|SLACK_|DISCORD_|TROUPE_|DATABASE_URL$)/.test(name)) env[name] = value;
  }
  // The web playground starts beside every run: on a free port, so runs in parallel never compete for 5173.
  return { ...env, DATABASE_URL: databaseUrl, NO_COLOR: '1', TROUPE_WEB_PORT: '0' };
}

/**
 * `npm start` as a child process (`node --import tsx main.ts`) in a working directory, driven
 * through stdin; output is collected so tests can wait for markers.
 */
export class ChatProcess {
  readonly child: ChildProcessWithoutNullStreams;
  output = '';
  errors = '';
  readonly exited: Promise<number | null>;

  constructor(cwd: string, databaseUrl: string, extraEnv: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, ['--import', tsxLoader, path.join(repo, 'main.ts')], {
      cwd,
      env: { ...chatEnv(databaseUrl), ...extraEnv },
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.errors += chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  send(lines: string[]): void {
    this.child.stdin.write(lines.map((line) => `${line}\n`).join(''));
  }

  end(): void {
    this.child.stdin.end();
  }

  /** Resolves when the output matches; fails with the output so far after a generous timeout. */
  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
    const started = Date.now();
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `timed out waiting for ${pattern}\n--- stdout ---\n${this.output}\n--- stderr ---\n${this.errors}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  lines(): string[] {
    return this.output.split('\n');
  }
}

import { describe, expect, it } from 'vitest';
import { attachedFiles, FILE_DOWNLOAD_INFO, isTeamsUploadCommand } from '../../../adapters/teams/file-downloads.js';

describe('which Teams attachments are files', () => {
  it('takes downloadUrl from file.download.info and contentUrl from others; cards and HTML bodies are not files', () => {
    const files = attachedFiles([
      { contentType: 'text/html', content: '<p>panel add</p>' },
      { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
      { contentType: FILE_DOWNLOAD_INFO, name: 'Lisa.agent.json', content: { downloadUrl: 'https://x.test/a?t=1' } },
      { contentType: 'application/zip', name: '../../etc/panel.zip', contentUrl: 'https://x.test/b' },
      { contentType: 'image/png', contentUrl: 'https://x.test/c' },
    ]);
    expect(files).toEqual([
      { name: 'Lisa.agent.json', url: 'https://x.test/a?t=1' },
      { name: 'panel.zip', url: 'https://x.test/b' },
      { name: 'attachment-5', url: 'https://x.test/c' },
    ]);
  });

  it('only panel add / panel create read attachments', () => {
    expect(isTeamsUploadCommand('/panel add')).toBe(true);
    expect(isTeamsUploadCommand('/panel create 3 --demography x.json')).toBe(true);
    expect(isTeamsUploadCommand('What do you think of this file?')).toBe(false);
  });
});

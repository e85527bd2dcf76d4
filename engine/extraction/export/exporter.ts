import { bundleToCsv, type CsvTable } from './csv.js';
import { bundleToDocx } from './docx.js';
import { bundleToMarkdown } from './markdown.js';
import type { ExportBundle } from './bundle.js';

/** The formats an export can take. */
export type ExportFormat = 'md' | 'json' | 'csv' | 'docx';

/** A produced file, ready to upload to a chat or save. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/**
 * Writes a bundle (transcript, summary, ideas, polls, persona documents) to Markdown, JSON, CSV or
 * DOCX (TinyTroupe's `ArtifactExporter`). Every format states that it comes from a synthetic panel,
 * the model and when.
 *
 * @example
 *   const file = await new ArtifactExporter().export(bundle, 'docx');
 */
export class ArtifactExporter {
  toMarkdown(bundle: ExportBundle): string {
    return bundleToMarkdown(bundle);
  }

  /** JSON with the provenance first; chart images are left out (they are binary). */
  toJson(bundle: ExportBundle): string {
    const { provenance, charts, ...rest } = bundle;
    return JSON.stringify(
      {
        provenance,
        ...rest,
        charts: charts?.map((chart) => ({ title: chart.title, width: chart.width, height: chart.height })),
      },
      null,
      2,
    );
  }

  toCsv(bundle: ExportBundle, table: CsvTable = 'transcript'): string {
    return bundleToCsv(bundle, table);
  }

  toDocx(bundle: ExportBundle): Promise<Buffer> {
    return bundleToDocx(bundle);
  }

  /** One file in the given format, with a filename derived from the title. */
  async export(bundle: ExportBundle, format: ExportFormat, csvTable: CsvTable = 'transcript'): Promise<ExportedFile> {
    const base =
      bundle.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'synthetic-panel';
    switch (format) {
      case 'md':
        return { filename: `${base}.md`, mimeType: 'text/markdown', data: Buffer.from(this.toMarkdown(bundle)) };
      case 'json':
        return { filename: `${base}.json`, mimeType: 'application/json', data: Buffer.from(this.toJson(bundle)) };
      case 'csv':
        return {
          filename: `${base}-${csvTable}.csv`,
          mimeType: 'text/csv',
          data: Buffer.from(this.toCsv(bundle, csvTable)),
        };
      case 'docx':
        return {
          filename: `${base}.docx`,
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          data: await this.toDocx(bundle),
        };
    }
  }
}

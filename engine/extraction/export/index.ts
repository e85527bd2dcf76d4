export { ArtifactExporter, type ExportFormat, type ExportedFile } from './exporter.js';
export { bundleToMarkdown } from './markdown.js';
export { bundleToCsv, type CsvTable } from './csv.js';
export { bundleToDocx } from './docx.js';
export {
  formatShare,
  formatInterval,
  formatValue,
  type ExportBundle,
  type Artifact,
  type PollExport,
  type PeoplePollExport,
  type ChartImage,
} from './bundle.js';

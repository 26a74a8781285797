import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolError } from '../../errors.js';
import { TOOL_VERSION } from '../../tool-version.js';
import type { ObservationStore } from '../store/store.js';
import { loadPilotData, type PilotScope } from './pilot-data.js';
import { pilotReportModel, type IntegrityDay, type OpenDataFile, type PilotReportModel } from './pilot-report-model.js';
import { renderPilotReport } from './pilot-report-page.js';

export interface PilotReportFiles {
  /** `<reportDir>/index.html`. */
  page: string;
  bytes: number;
  model: PilotReportModel;
}

/**
 * Reads the scope from the store, builds the page and writes `<reportDir>/index.html`. The
 * journal days (integrity) and the open-data files are listed by the caller, which writes the
 * CSVs and `datapackage.json` into the same directory (the page links to `data/<name>.csv`).
 */
export async function writePilotReport(store: ObservationStore, scope: PilotScope, reportDir: string, extras: { integrity: IntegrityDay[]; openData: OpenDataFile[]; now?: Date }): Promise<PilotReportFiles> {
  const data = await loadPilotData(store, scope);
  const model = pilotReportModel(data, { integrity: extras.integrity, openData: extras.openData, generatedAt: (extras.now ?? new Date()).toISOString(), toolVersion: TOOL_VERSION });
  const html = renderPilotReport(model);
  const page = join(reportDir, 'index.html');
  try {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(page, html);
  } catch (error) {
    throw new ToolError('ERR_OUTPUT_DIR', `${page}: cannot write: ${(error as Error).message}`);
  }
  return { page, bytes: Buffer.byteLength(html), model };
}

import type { CheckResult } from '../invoice/checks';
import { standing } from '../invoice/hand-entry';
import { countedTwin } from '../invoice/totals';
import type { Capture } from '../store/capture-schema';
import { isoDate } from './naming';
import { columnHeader, COLUMNS, yuanCell, type CellValue, type ExportRecord, type Translate } from './columns';
import { csvCell, csvDocument, csvFormulaText } from './csv';

export type { ExportRecord } from './columns';
export const EXPORT_SCHEMA_VERSION = 1;

/**
 * One capture as every export file writes it: its checks, whether the totals count it and, for a
 * duplicate left out, the capture counted instead (`counted` from countedCaptures over the export),
 * by id and by `nameOf` (how a clerk finds a capture of the export: its image file, or its capture
 * time; duplicateName).
 */
export function exportRecord(capture: Capture, checks: Map<string, CheckResult>, counted: Set<string>, imageFile: string | null, nameOf: (id: string) => string | null = () => null): ExportRecord {
  const countedInstead = countedTwin(capture.id, checks, counted) ?? null;
  return { capture, check: checks.get(capture.id)!, imageFile, counted: counted.has(capture.id), countedInstead, countedInsteadName: countedInstead === null ? null : nameOf(countedInstead) };
}

/**
 * A capture of an export as a clerk finds it: its image file in the ZIP, else its capture time,
 * local, to the second ("2026-11-30 23:03:41"): a minute alone is shared by several captures.
 */
export function duplicateName(capture: Pick<Capture, 'createdAt'>, imageFile: string | null): string {
  return imageFile ?? localDateTime(new Date(capture.createdAt));
}

/** 2026-11-26 09:30:05 in local time: a form Excel and WPS read as a date and time. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(date.getTime())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function csvValue(kind: (typeof COLUMNS)[number]['kind'], value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    // Excel and WPS open ="033012067798" as the text 033012067798: no lost zero, no 1.44031E+11.
    case 'id':
      return typeof value === 'string' && /^\d+$/.test(value) ? csvFormulaText(value) : csvCell(String(value));
    case 'yuan':
      return yuanCell(value) ?? '';
    case 'date':
      return value instanceof Date ? localDateTime(value) : csvCell(String(value));
    case 'ratio':
      return typeof value === 'number' ? csvCell(value) : '';
    default:
      return csvCell(value instanceof Date ? value.toISOString() : value);
  }
}

/** invoices.csv: UTF-8 with BOM, headers in the UI language, codes and numbers kept as text. */
export function invoicesCsv(records: ExportRecord[], words: Translate): string {
  return csvDocument(
    COLUMNS.map((c) => columnHeader(c, records, words)),
    records.map((record) => COLUMNS.map((c) => csvValue(c.kind, c.value(record, words)))),
  );
}

/** invoices.json: the captures as stored (readable back by an import), plus the checks and file names. */
export function invoicesJson(records: ExportRecord[], exportedAt: number): string {
  return JSON.stringify(
    {
      schemaVersion: EXPORT_SCHEMA_VERSION,
      exportedAt: new Date(exportedAt).toISOString(),
      captures: records.map(({ capture, check, imageFile, counted, countedInstead, countedInsteadName }) => ({
        ...capture,
        // Derived, for readers of the file; an import reads the capture's own fields and derives them again.
        standing: standing(capture),
        enteredByHand: standing(capture) === 'entered',
        counted,
        countedInstead,
        countedInsteadName,
        checks: check.flags,
        duplicateOf: check.duplicateOf,
        amountYuan: yuanCell(check.fen) ?? null,
        derivedCity: check.derivedCity ?? null,
        imageFile,
      })),
    },
    null,
    2,
  );
}

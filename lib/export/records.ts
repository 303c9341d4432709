import type { CheckResult } from '../invoice/checks';
import { effectiveFields, type Capture } from '../store/capture-schema';
import { csvDocument } from './csv';

export const EXPORT_SCHEMA_VERSION = 1;

/** One capture as exported: the same facts in the CSV row and the JSON record. */
export interface ExportRecord {
  capture: Capture;
  check: CheckResult;
  imageFile: string | null;
}

const CSV_HEADER = [
  'code', 'number', 'amount', 'amount_yuan', 'location', 'code_region',
  'confidence_code', 'confidence_number', 'confidence_amount', 'confidence_location',
  'edited_fields', 'duplicate', 'checks', 'status', 'provider', 'source_page', 'captured_at', 'image_file',
];

export function invoicesCsv(records: ExportRecord[]): string {
  return csvDocument(
    CSV_HEADER,
    records.map(({ capture, check, imageFile }) => {
      const fields = effectiveFields(capture);
      const confidence = capture.result?.confidence ?? {};
      return [
        fields.code, fields.number, fields.amount, check.yuan, fields.location, check.codeRegion,
        confidence.code, confidence.number, confidence.amount, confidence.location,
        Object.keys(capture.corrections ?? {}).join(' '), check.flags.includes('duplicate'), check.flags.join(' '),
        capture.status, capture.provider, capture.source.pageUrl ?? capture.source.fileName ?? capture.source.imageUrl,
        new Date(capture.createdAt).toISOString(), imageFile,
      ];
    }),
  );
}

/** invoices.json: the captures as stored (readable back by an import), plus the checks and file names. */
export function invoicesJson(records: ExportRecord[], exportedAt: number): string {
  return JSON.stringify(
    {
      schemaVersion: EXPORT_SCHEMA_VERSION,
      exportedAt: new Date(exportedAt).toISOString(),
      captures: records.map(({ capture, check, imageFile }) => ({ ...capture, checks: check.flags, duplicateOf: check.duplicateOf, imageFile })),
    },
    null,
    2,
  );
}

export function summaryText(records: ExportRecord[], exportedAt: number): string {
  const total = records.reduce((sum, r) => sum + (r.check.yuan ?? 0), 0);
  const count = (flag: string) => records.filter((r) => r.check.flags.includes(flag as never)).length;
  return [
    `Quota invoices / 定额发票 — exported ${new Date(exportedAt).toISOString()}`,
    `Invoices / 张数: ${records.length}`,
    `Total / 合计: ￥${total.toFixed(2)}`,
    `Duplicates / 重复: ${count('duplicate')}`,
    `Needing review / 待复核: ${records.filter((r) => r.check.flags.some((f) => f !== 'duplicate')).length}`,
    `Not recognized / 未识别: ${records.filter((r) => r.capture.status !== 'done').length}`,
    '',
  ].join('\r\n');
}

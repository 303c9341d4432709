export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One `name: value unit` line, the format every bench prints. */
export function report(name: string, value: number, unit: string): void {
  console.log(`${name}: ${Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : 'n/a'} ${unit}`);
}

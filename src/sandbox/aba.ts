/** ABA routing numbers end with a check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

export function isValidRoutingNumber(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const sum = [...routing].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return sum % 10 === 0;
}

/** Completes eight digits into a valid routing number. */
export function withCheckDigit(first8: string): string {
  if (!/^\d{8}$/.test(first8)) throw new Error(`expected 8 digits, got ${first8}`);
  const sum = [...first8].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return first8 + String((10 - (sum % 10)) % 10);
}

/** A routing number that is stable per institution; it starts with a Federal Reserve district (01–12) like real ones. */
export function routingNumberFor(institutionCode: string): string {
  let h = 0x811c9dc5;
  for (const ch of institutionCode) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const district = String((h % 12) + 1).padStart(2, '0');
  const rest = String(Math.floor(h / 12) % 1_000_000).padStart(6, '0');
  return withCheckDigit(district + rest);
}

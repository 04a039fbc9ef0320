/** ABA routing numbers end with a check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

const weightedSum = (digits: string) => [...digits].reduce((sum, digit, index) => sum + Number(digit) * (WEIGHTS[index] ?? 0), 0);

export function isValidRoutingNumber(routing: string | null | undefined): boolean {
  return typeof routing === 'string' && /^\d{9}$/.test(routing) && weightedSum(routing) % 10 === 0;
}

/** Completes eight digits into a valid routing number (the sandbox mints its routing numbers this way). */
export function withCheckDigit(first8: string): string {
  if (!/^\d{8}$/.test(first8)) throw new Error(`expected 8 digits, got ${first8}`);
  return first8 + String((10 - (weightedSum(first8) % 10)) % 10);
}

// One rule for showing an account number without revealing it, wherever mx-iav prints or logs one.

const MASK = '••••';

/**
 * The prefix is always four dots, so the length is not revealed, and at most the last four digits show, but never
 * more than half of them: a 5-digit number shows 2 ("••••01"), a 3-digit one 1.
 */
export function maskAccountNumber(accountNumber: string | null | undefined): string {
  const digits = (accountNumber ?? '').trim();
  if (digits === '') return '–';
  const visible = Math.min(4, Math.floor(digits.length / 2));
  return MASK + digits.slice(digits.length - visible);
}

// MX Bank's documented error passwords and the connection status each ends in (MX's test-platform page, as copied
// in shared/mx-api-notes.md §9). Written out here, not read from src/sandbox, so the tests check the sandbox
// against MX's documentation rather than against itself.
export const MX_BANK_ERROR_PASSWORDS: readonly (readonly [password: string, status: string])[] = [
  ['BAD_REQUEST', 'FAILED'],
  ['UNAUTHORIZED', 'DENIED'],
  ['INVALID', 'DENIED'],
  ['LOCKED', 'LOCKED'],
  ['DISABLED', 'DENIED'],
  ['SERVER_ERROR', 'FAILED'],
  ['UNAVAILABLE', 'FAILED'],
];

// MX's connection statuses (mx-api-notes.md, "Connection statuses") and what each means for a verification.

export const CONNECTION_STATUSES = [
  'CREATED', 'PREVENTED', 'DENIED', 'CHALLENGED', 'REJECTED', 'LOCKED', 'CONNECTED', 'IMPEDED', 'RECONNECTED',
  'DEGRADED', 'DISCONNECTED', 'DISCONTINUED', 'CLOSED', 'DELAYED', 'FAILED', 'UPDATED', 'DISABLED', 'IMPORTED',
  'RESUMED', 'EXPIRED', 'IMPAIRED', 'PENDING',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

// MX's widget treats these as "still working" (connect-widget Statuses.js); PENDING is an OAuth member waiting for
// the user at the bank.
export const IN_PROGRESS_STATUSES: ReadonlySet<string> = new Set(['CREATED', 'RESUMED', 'RECONNECTED', 'UPDATED', 'PENDING']);

/** Statuses that mean the saved credentials are wrong or incomplete: the next attempt must ask for them again. */
export const CREDENTIAL_STATUSES: ReadonlySet<string> = new Set(['DENIED', 'PREVENTED', 'IMPAIRED', 'IMPORTED']);

export const isKnownStatus = (status: string | null): boolean =>
  status !== null && (CONNECTION_STATUSES as readonly string[]).includes(status);

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

// Handlers throw the bank's refusals and their own alike; one import names both.
export { ApiError, badRequest, notFound } from '../bank/refusals.js';

export function envelope(message: string): { error: { message: string } } {
  return { error: { message } };
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A failure answered with MX's envelope, `{"error": {"message": ...}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function envelope(message: string): { error: { message: string } } {
  return { error: { message } };
}

const NOT_FOUND = 'We were unable to find the record you requested.';

export function notFound(): ApiError {
  return new ApiError(404, NOT_FOUND);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

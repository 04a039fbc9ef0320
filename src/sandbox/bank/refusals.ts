// The bank's refusals carry the status MX answers them with: the bank is MX's platform simulated, and a record it
// cannot find or a request it will not take is a 404 or 400 there. The HTTP half turns one into a reply.

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

const NOT_FOUND = 'We were unable to find the record you requested.';

export function notFound(): ApiError {
  return new ApiError(404, NOT_FOUND);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/**
 * The body of every error response. `code` is stable and machine-readable; `message` is for
 * humans; `details` says which inputs were wrong (keys are field or parameter names).
 */
export interface ErrorBody {
  error: {
    /** One of: validation_failed, invalid_json, unauthorized, forbidden, not_found, method_not_allowed, conflict, payload_too_large, unsupported_media_type, rate_limited, internal_error, service_unavailable. */
    code: string;
    message: string;
    details?: { [key: string]: unknown };
  };
}

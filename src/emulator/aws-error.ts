/**
 * A typed AWS Organizations error, as a state transition reports it and the HTTP front serialises it.
 * Wire shape (shared/docs/aws-organizations.md §e "Error"): HTTP 400, or 500 for ServiceException,
 * body `{"__type": Name, "Message": ..., "Reason"?: ..., "Type"?: ...}`.
 */
export class AwsError extends Error {
  constructor(
    /** The exception shape name from the service model, e.g. `PolicyNotFoundException`. */
    readonly code: string,
    message: string,
    /** Only for shapes that have a `Reason` member (ConstraintViolation, InvalidInput, ...). */
    readonly reason?: string,
    readonly httpStatus: number = code === 'ServiceException' ? 500 : 400,
    /** Only for TooManyRequestsException, whose model shape has a `Type` member. */
    readonly type?: string,
  ) {
    super(message);
    this.name = code;
  }

  toBody(): Record<string, string> {
    const body: Record<string, string> = { __type: this.code, Message: this.message };
    if (this.reason !== undefined) body.Reason = this.reason;
    if (this.type !== undefined) body.Type = this.type;
    return body;
  }
}

export function invalidInput(reason: string, message: string): AwsError {
  return new AwsError('InvalidInputException', message, reason);
}

export function constraintViolation(reason: string, message: string): AwsError {
  return new AwsError('ConstraintViolationException', message, reason);
}

export function notFound(code: string, message: string): AwsError {
  return new AwsError(code, message);
}

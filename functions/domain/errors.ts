/**
 * Errors raised by the pure domain. Each area of the product has its own subclass so callers can tell
 * a bad statistic input from a bad configuration without string matching.
 */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/** A numerical function was given input it cannot compute on (empty sample, negative count, NaN…). */
export class InvalidStatisticInputError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidStatisticInputError';
  }
}

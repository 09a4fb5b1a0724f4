import { DomainError } from '../errors.ts';

/** The alert state machine was given input it cannot work with (a non-finite time, rules below 1…). */
export class InvalidAlertInputError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidAlertInputError';
  }
}

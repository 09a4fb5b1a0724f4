import { describe, expect, test } from 'vitest';
import {
  MissingEnvError,
  optionalEnv,
  optionalNumberEnv,
  requiredEnv,
  requiredJsonEnv,
  requiredListEnv,
} from '../../../functions/handlers/env.ts';

describe('Function: requiredEnv', () => {
  test.each([
    ['unset', {}],
    ['empty', { TABLE: '' }],
    ['blank', { TABLE: '  ' }],
  ])('a variable that is %s fails with an error naming it', (_name, env) => {
    // Act + Assess
    expect(() => requiredEnv('TABLE', env)).toThrow(
      new MissingEnvError('environment variable TABLE is required but not set'),
    );
  });

  test('a set variable is returned as it is', () => {
    // Act + Assess
    expect(requiredEnv('TABLE', { TABLE: 'events' })).toBe('events');
  });
});

describe('Function: optionalEnv, requiredListEnv, requiredJsonEnv, optionalNumberEnv', () => {
  test('an unset optional variable gives the fallback', () => {
    // Act + Assess
    expect(optionalEnv('X', 'fallback', {})).toBe('fallback');
  });

  test('a list is split on commas, trimmed, and empty entries are dropped', () => {
    // Act + Assess
    expect(requiredListEnv('M', { M: ' a, b,,c ' })).toEqual(['a', 'b', 'c']);
  });

  test('JSON that does not parse fails naming the variable', () => {
    // Act + Assess
    expect(() => requiredJsonEnv('J', { J: '{' })).toThrow(/J must hold JSON/);
  });

  test.each([
    [undefined, 35],
    ['7', 7],
  ])('a number variable %s reads as %i', (value, expected) => {
    // Act + Assess
    expect(optionalNumberEnv('N', 35, { N: value })).toBe(expected);
  });

  test.each([['-1'], ['abc'], ['0']])('a number variable of %s fails naming the variable', (value) => {
    // Act + Assess
    expect(() => optionalNumberEnv('N', 35, { N: value })).toThrow(/N must be a positive number/);
  });
});

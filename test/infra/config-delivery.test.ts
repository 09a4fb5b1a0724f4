import { describe, expect, test } from 'vitest';
import { CONFIG_ENVIRONMENT_BUDGET_BYTES, planConfigDelivery } from '../../infra/config-delivery.ts';

describe('Function: planConfigDelivery', () => {
  test.each([
    ['a small configuration', 100, 'environment'],
    ['a configuration exactly at the budget', CONFIG_ENVIRONMENT_BUDGET_BYTES, 'environment'],
    ['a configuration one byte over the budget', CONFIG_ENVIRONMENT_BUDGET_BYTES + 1, 'file'],
  ] as const)('%s (%i bytes) is delivered as %s', (_what, bytes, kind) => {
    // Prepare
    const json = JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });

    // Act
    const delivery = planConfigDelivery(json);

    // Assess
    expect(json.length).toBe(bytes);
    expect(delivery.kind).toBe(kind);
  });

  test('the budget counts UTF-8 bytes, not characters', () => {
    // Prepare: 2 bytes per "é", so the text is under the budget in characters but over it in bytes.
    const json = JSON.stringify({ pad: 'é'.repeat(CONFIG_ENVIRONMENT_BUDGET_BYTES / 2) });

    // Act
    const delivery = planConfigDelivery(json);

    // Assess
    expect(json.length).toBeLessThan(CONFIG_ENVIRONMENT_BUDGET_BYTES + 20);
    expect(delivery.kind).toBe('file');
  });

  test('a bundled configuration is named by the SHA-256 of its content', () => {
    // Prepare: reference digest from Python's hashlib.sha256 of the same text.
    const json = JSON.stringify({ pad: 'x'.repeat(3072) });

    // Act
    const delivery = planConfigDelivery(json);

    // Assess
    expect(delivery).toEqual({
      kind: 'file',
      json,
      sha256: 'bc520ca4dc0b2fafd58fca8d504b01c65876e5a892ec7fcbda48e170fe1938dc',
    });
  });
});

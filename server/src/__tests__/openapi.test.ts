import { describe, expect, it } from 'vitest';
import { openApiIsCurrent } from '../platform/http/openapi.js';

describe('committed OpenAPI spec', () => {
  it('matches the routes (run `npm run openapi -w server` after changing an API)', async () => {
    expect(await openApiIsCurrent()).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The generated contract, committed at <repo>/openapi/openapi.json and served at /api/v1/openapi.json. */
export const SPEC_PATH = path.resolve(__dirname, '..', '..', '..', '..', '..', 'openapi', 'openapi.json');

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
}

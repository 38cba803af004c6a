/**
 * Checks user fields with the very rules the API enforces: they are read from the OpenAPI spec's
 * RegisterUserRequest schema, which tsoa generates from the same DTO it validates requests with,
 * so a rule changed there is changed here too.
 */
import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '../platform/http/openapi-spec';
import type { RegisterUserRequest } from '../modules/users';
import { CliError } from './support';

interface StringRule {
  description?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

type CheckedField = keyof Pick<RegisterUserRequest, 'username' | 'email' | 'password' | 'first_name' | 'last_name'>;

let rules: Record<string, StringRule> | undefined;

function registerUserRules(): Record<string, StringRule> {
  if (!rules) {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
      components: { schemas: { RegisterUserRequest: { properties: Record<string, StringRule> } } };
    };
    rules = spec.components.schemas.RegisterUserRequest.properties;
  }
  return rules;
}

/** What is wrong with one value, or undefined when the API would accept it. */
export function problemWith(field: CheckedField, value: string): string | undefined {
  const rule = registerUserRules()[field];
  if (!rule) throw new Error(`The OpenAPI spec has no rule for ${field} in RegisterUserRequest`);
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    return rule.minLength === 1 ? 'must not be empty' : `must be at least ${rule.minLength} characters long`;
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) return `must be at most ${rule.maxLength} characters long`;
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    // The field's description says the rule in words (a lookahead reads badly on a terminal).
    return `must match ${rule.pattern}${rule.description ? ` (${rule.description})` : ''}`;
  }
  return undefined;
}

/** Throws a one-line CliError naming the first field the API would reject. */
export function assertValidFields(fields: Partial<Record<CheckedField, string>>, labels: Partial<Record<CheckedField, string>> = {}): void {
  for (const [field, value] of Object.entries(fields) as Array<[CheckedField, string | undefined]>) {
    if (value === undefined) continue;
    const problem = problemWith(field, value);
    // Passwords are never echoed back, not even in an error message.
    const shown = field === 'password' ? '' : ` "${value}"`;
    if (problem) throw new CliError(`invalid ${labels[field] ?? field}${shown}: ${problem}`);
  }
}

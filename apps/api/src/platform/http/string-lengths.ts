import { ValidationService } from '@tsoa/runtime';

type ValidateString = ValidationService['validateString'];

const PATCHED = Symbol.for('messaging-api.string-lengths-in-code-points');

/**
 * The contract's minLength/maxLength count characters (code points), as JSON Schema defines them and
 * as PostgreSQL's varchar(n) does; tsoa's validation counts UTF-16 code units, so every character
 * outside the Basic Multilingual Plane (emoji, many CJK ideographs) counted twice. A 7-character
 * password with one emoji passed `minLength 8`, and a 4,000-emoji message, valid by the contract, was
 * refused. Both were found by the contract fuzzer (ST201 and, the other way, what ST202 would report).
 *
 * tsoa has no hook for this, so its ValidationService's string check is wrapped once per process: the
 * lengths are checked here, in code points, with tsoa's own messages, and tsoa checks the rest (type,
 * pattern) with the length rules taken out.
 */
export function countStringLengthsInCodePoints(): void {
  const prototype = ValidationService.prototype as ValidationService & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  // Kept to be called with .call(this) below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const validateByTsoa: ValidateString = prototype.validateString;
  prototype.validateString = function validateString(this: ValidationService, name, value, fieldErrors, validators, parent = '') {
    if (typeof value !== 'string' || (!validators?.minLength && !validators?.maxLength)) {
      return validateByTsoa.call(this, name, value, fieldErrors, validators, parent);
    }
    const { minLength, maxLength, ...others } = validators;
    const length = [...value].length;
    if (minLength?.value !== undefined && length < minLength.value) {
      fieldErrors[parent + name] = { message: minLength.errorMsg || `minLength ${minLength.value}`, value };
      return undefined;
    }
    if (maxLength?.value !== undefined && length > maxLength.value) {
      fieldErrors[parent + name] = { message: maxLength.errorMsg || `maxLength ${maxLength.value}`, value };
      return undefined;
    }
    return validateByTsoa.call(this, name, value, fieldErrors, others, parent);
  };
  prototype[PATCHED] = true;
}

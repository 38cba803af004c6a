import { type Model, type Sequelize, ValidationError, ValidationErrorItem } from 'sequelize';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL `text` cannot hold NUL (U+0000). Sequelize's escaping of inline values (model updates,
 * `replacements`) rewrites each NUL to the two characters `\0` for PostgreSQL (its sql-string.js), so
 * the value would be stored altered; bound as a parameter, the server refuses it (SQLSTATE 22021). An
 * unpaired surrogate has no UTF-8 form and would be stored as U+FFFD. The API refuses both at the door
 * (apps/api common/text-input.ts); this refuses them for every other writer through the models, chiefly
 * the admin panel's edit form, whose adapter shows a model ValidationError next to the field.
 */
export function refuseUnstorableText(sequelize: Sequelize): void {
  sequelize.addHook('beforeValidate', (instance: Model) => {
    const changed = instance.changed();
    if (!changed) return;
    const items = changed.flatMap((field) => {
      const value: unknown = instance.getDataValue(field as never);
      if (typeof value !== 'string') return [];
      if (!value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value)) return [];
      return [
        new ValidationErrorItem(
          'Must not contain NUL characters or unpaired surrogates.',
          'validation error',
          field,
          value,
          instance,
          'unstorableText',
          'unstorableText',
          [],
        ),
      ];
    });
    if (items.length > 0) throw new ValidationError('Text that cannot be stored unaltered.', items);
  });
}

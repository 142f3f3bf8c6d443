// An API refusal, split for a form: a message for the whole form and one per field, from the
// zod issues the API returns in `error.details.issues` ({ path: "week.mon.0", message }).
import { isApiError } from './api';

export interface FormErrors {
  message: string | null;
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { message: null, fields: {} };

export function formErrors(error: unknown, fallback: string): FormErrors {
  if (!isApiError(error) || error.status === 0) return { message: fallback, fields: {} };
  const fields: Record<string, string> = {};
  const issues = error.details?.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues as { path?: unknown; message?: unknown }[]) {
      if (typeof issue.path !== 'string' || typeof issue.message !== 'string') continue;
      // The first issue of a field is the one to fix first.
      fields[issue.path] ??= issue.message;
    }
  }
  return { message: error.message, fields };
}

/** The error of a field or of anything inside it ("week.mon" also matches "week.mon.0.1"). */
export function fieldError(errors: FormErrors, path: string): string | null {
  if (errors.fields[path]) return errors.fields[path];
  const nested = Object.keys(errors.fields).find((key) => key.startsWith(`${path}.`));
  return nested ? errors.fields[nested]! : null;
}

/** The message for the whole form: only when no field shows its own (it would say the same twice). */
export function formMessage(errors: FormErrors): string | null {
  return Object.keys(errors.fields).length ? null : errors.message;
}

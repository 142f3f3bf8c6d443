import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/ui/api';
import { fieldError, formErrors, formMessage } from '../../lib/ui/form-errors';

describe('API refusals on a form', () => {
  const refusal = new ApiError(400, 'invalid_request', 'week.mon.0: a span must end after it starts', {
    issues: [
      { path: 'week.mon.0', message: 'a span must end after it starts' },
      { path: 'timezone', message: 'an IANA time zone such as Asia/Jakarta' },
    ],
  });

  it('puts each issue next to its field, and a day’s span errors on the day', () => {
    const errors = formErrors(refusal, 'failed');
    expect(errors.message).toBe('week.mon.0: a span must end after it starts');
    expect(fieldError(errors, 'timezone')).toBe('an IANA time zone such as Asia/Jakarta');
    expect(fieldError(errors, 'week.mon')).toBe('a span must end after it starts');
    expect(fieldError(errors, 'week.tue')).toBeNull();
    // Said next to the fields already: not repeated for the whole form.
    expect(formMessage(errors)).toBeNull();
  });

  it('keeps a refusal that names no field for the whole form', () => {
    const errors = formErrors(new ApiError(409, 'rule_exists', 'There is already a rule for "refund".'), 'failed');
    expect(formMessage(errors)).toBe('There is already a rule for "refund".');
  });

  it('falls back to a calm sentence when the network failed', () => {
    expect(formErrors(new ApiError(0, 'network', 'network'), 'Could not save.')).toEqual({ message: 'Could not save.', fields: {} });
    expect(formErrors(new Error('boom'), 'Could not save.').message).toBe('Could not save.');
  });
});

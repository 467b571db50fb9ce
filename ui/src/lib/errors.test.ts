import { describe, expect, it } from 'vitest';
import { treatmentOf, treatmentOfError } from './errors';

describe('treatmentOf', () => {
  it('asks for a passphrase only when Rust asked for proof', () => {
    expect(treatmentOf('passphrase_needed')).toBe('prove_identity');
    expect(treatmentOf('passphrase_to_set')).toBe('prove_identity');
    // Changing someone else's passphrase is refused, not a prompt to prove who you are.
    expect(treatmentOf('passphrase_not_yours')).toBe('tell');
  });

  it('keeps a screen closed for the access rules and tells everything else', () => {
    expect(treatmentOf('coordinator_only')).toBe('not_for_you');
    expect(treatmentOf('debrief_closed')).toBe('not_for_you');
    expect(treatmentOf('no_interviewer')).toBe('choose_scorer');
    expect(treatmentOf('db_disk_full')).toBe('tell');
  });

  it('tells whatever was thrown that is not an IPC error', () => {
    expect(treatmentOfError(new Error('boom'))).toBe('tell');
    expect(treatmentOfError({ code: 'scores_hidden', message: 'Hidden.' })).toBe('not_for_you');
  });
});

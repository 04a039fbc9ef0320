import { describe, expect, it } from 'vitest';
import { mx, startSandbox } from './helpers.js';

const FIELDS = [
  'code', 'forgot_password_url', 'forgot_username_url', 'instructional_text', 'instructional_text_steps', 'is_disabled_by_client',
  'iso_country_code', 'medium_logo_url', 'name', 'small_logo_url', 'supports_account_identification', 'supports_account_statement',
  'supports_account_verification', 'supports_oauth', 'supports_tax_document', 'supports_transaction_history', 'trouble_signing_in_url', 'url',
];

describe('institutions', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);

  it('has 30+ institutions with every InstitutionResponse field', async () => {
    const all = await api.get('/institutions?records_per_page=100');
    expect(all.body.pagination.total_entries).toBeGreaterThanOrEqual(34);
    for (const inst of all.body.institutions) expect(Object.keys(inst).sort()).toEqual([...FIELDS].sort());
  });

  it('searches names case-insensitively by substring, and codes', async () => {
    const cu = await api.get('/institutions?name=CREDIT%20union&records_per_page=100');
    expect(cu.body.institutions.length).toBeGreaterThanOrEqual(8);
    for (const inst of cu.body.institutions) expect(inst.name.toLowerCase()).toContain('credit union');
    expect((await api.get('/institutions?name=mxbank')).body.institutions[0].code).toBe('mxbank');
    const mxHits = (await api.get('/institutions?name=MX%20Bank')).body.institutions.map((i: { code: string }) => i.code);
    expect(mxHits).toEqual(['mxbank', 'mx_bank_oauth']);
    expect((await api.get('/institutions?name=zzzz')).body).toEqual({ institutions: [], pagination: { current_page: 1, per_page: 25, total_entries: 0, total_pages: 0 } });
  });

  it('filters on supports_account_verification', async () => {
    const no = await api.get('/institutions?supports_account_verification=false');
    expect(no.body.institutions.map((i: { code: string }) => i.code)).toEqual(['harborview_brokerage']);
    const yes = await api.get('/institutions?supports_account_verification=true&records_per_page=100');
    expect(yes.body.institutions.every((i: { supports_account_verification: boolean }) => i.supports_account_verification)).toBe(true);
  });

  it('pages with records_per_page 10–100, falling back to 25 above 100', async () => {
    const bank = await api.get('/institutions?name=bank&records_per_page=10&page=2');
    expect(bank.body.institutions).toHaveLength(10);
    expect(bank.body.pagination).toMatchObject({ current_page: 2, per_page: 10 });
    expect(bank.body.pagination.total_entries).toBeGreaterThan(20);
    expect((await api.get('/institutions?records_per_page=101')).body.pagination.per_page).toBe(25);
    expect((await api.get('/institutions?records_per_page=100')).body.pagination.per_page).toBe(100);
  });

  it('reads one institution and its credentials; unknown codes are 404', async () => {
    expect((await api.get('/institutions/mx_bank_oauth')).body.institution).toMatchObject({ name: 'MX Bank (OAuth)', supports_oauth: true, supports_account_verification: true });
    expect((await api.get('/institutions/mx_bank_oauth/credentials')).body.credentials).toEqual([]);
    const pin = (await api.get('/institutions/evergreen_fcu/credentials')).body.credentials;
    expect(pin.map((c: { field_name: string; type: string; display_order: number }) => [c.field_name, c.type, c.display_order])).toEqual([
      ['LOGIN', 'LOGIN', 1],
      ['PASSWORD', 'PASSWORD', 2],
      ['PIN', 'PASSWORD', 3],
    ]);
    expect((await api.get('/institutions/nope')).status).toBe(404);
    expect((await api.get('/institutions/nope/credentials')).status).toBe(404);
  });
});

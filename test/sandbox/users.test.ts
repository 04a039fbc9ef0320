import { describe, expect, it } from 'vitest';
import { mx, startSandbox } from './helpers.js';

describe('users', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);

  it('rejects a missing or empty user object with 400', async () => {
    expect((await api.post('/users', {})).status).toBe(400);
    const empty = await api.post('/users', { user: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('The user object cannot be empty.');
    expect((await api.post('/users', { user: { id: 5 } })).status).toBe(400);
  });

  it('creates, reads, updates and deletes a user', async () => {
    const created = await api.post('/users', { user: { email: 'a@example.com' } });
    expect(created.status).toBe(200);
    expect(created.body.user).toEqual({ guid: expect.stringMatching(/^USR-/), id: null, email: 'a@example.com', is_disabled: false, metadata: null });
    const guid = created.body.user.guid;
    expect((await api.get(`/users/${guid}`)).body.user).toEqual(created.body.user);
    const updated = await api.put(`/users/${guid}`, { user: { metadata: 'm', is_disabled: true } });
    expect(updated.body.user).toMatchObject({ email: 'a@example.com', metadata: 'm', is_disabled: true });
    expect((await api.put(`/users/${guid}`, { user: {} })).status).toBe(400);
    const deleted = await api.del(`/users/${guid}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api.get(`/users/${guid}`)).status).toBe(404);
    expect((await api.del(`/users/${guid}`)).status).toBe(404);
  });

  it('lists with id and email filters and pagination, refusing a duplicate id with 409', async () => {
    for (let i = 0; i < 12; i++) await api.post('/users', { user: { id: `list-${i}`, email: `u${i}@example.com` } });
    expect((await api.post('/users', { user: { id: 'list-3' } })).status).toBe(409);
    const byId = await api.get('/users?id=list-3');
    expect(byId.body.users).toHaveLength(1);
    expect(byId.body.pagination).toEqual({ current_page: 1, per_page: 25, total_entries: 1, total_pages: 1 });
    expect((await api.get('/users?email=U7@example.com')).body.users.map((u: { id: string }) => u.id)).toEqual(['list-7']);
    const page2 = await api.get('/users?records_per_page=10&page=2');
    expect(page2.body.users).toHaveLength(2);
    expect(page2.body.pagination).toEqual({ current_page: 2, per_page: 10, total_entries: 12, total_pages: 2 });
    expect((await api.get('/users?records_per_page=1001')).body.pagination.per_page).toBe(25);
    expect((await api.get('/users?records_per_page=1000')).body.pagination.per_page).toBe(1000);
    expect((await api.get('/users?records_per_page=2')).body.pagination.per_page).toBe(10);
    expect(sandbox.stats().duplicate_user_ids).toBe(0);
  });
});

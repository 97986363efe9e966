/**
 * People, person sessions and invitations in the store, on SQLite and PostgreSQL alike (migration 4): a person is one
 * row per issuer and subject, a session row is found by its hash and gone when deleted, an invitation is redeemed once
 * (the second redemption changes nothing), and an office's mail goes to its people's and its invitations' addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from './backends.ts';
import { testClock } from './fixtures.ts';
import { createInvitation, invitationMessages, redeemInvitation } from '../../src/submissions/invitations.ts';
import { closePersonSession, ensureBinding, loadPersonSession, openPersonSession, principalOfPerson, rememberPerson } from '../../src/submissions/people.ts';

describe.each(backends)('people, sessions and invitations in the store ($name)', (backend) => {
  let opened: OpenedStore;
  const clock = testClock('2026-12-01T10:00:00+09:00');
  beforeAll(async () => void (opened = await backend.open()));
  afterAll(async () => opened?.cleanup());

  it('remembers a person once per issuer and subject, binds them, and opens and ends their session', async () => {
    const store = opened.store;
    const claims = { issuer: 'https://idp.example.jp', subject: 'abc', name: '市川 太郎', email: 'taro@example.jp' };
    const first = await rememberPerson(store, claims, clock());
    const again = await rememberPerson(store, { ...claims, name: '市川 次郎' }, clock());
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('市川 次郎');
    expect(principalOfPerson(again)).toBeUndefined();
    await ensureBinding(store, again, { role: 'office', officeNumber: '1212345678' }, 'test', clock());
    const bound = (await store.personById(first.id))!;
    expect(principalOfPerson(bound)).toEqual({
      role: 'office',
      officeNumber: '1212345678',
      tokenId: null,
      actor: `office:1212345678/person:${first.id}`,
      person: { id: first.id, name: '市川 次郎', email: 'taro@example.jp' },
    });
    const session = await openPersonSession(store, bound, 'csrf-token', clock());
    expect((await loadPersonSession(store, session.id, clock()))?.person?.id).toBe(first.id);
    await closePersonSession(store, session.id, clock());
    expect(await loadPersonSession(store, session.id, clock())).toBeUndefined();
    expect(await store.officeEmails('1212345678')).toEqual(['taro@example.jp']);
  });

  it('redeems an invitation once; the address joins the office mail list', async () => {
    const store = opened.store;
    const person = await rememberPerson(store, { issuer: 'https://idp.example.jp', subject: 'new', name: null, email: null }, clock());
    const { secret } = await createInvitation(store, { binding: { role: 'office', officeNumber: '1213500421' }, municipality: 'ichikawa', email: 'b@example.jp' }, 'test', clock);
    expect(await redeemInvitation(store, secret, person, clock)).toEqual({ ok: true, binding: { role: 'office', officeNumber: '1213500421' } });
    expect(await redeemInvitation(store, secret, person, clock)).toEqual({ ok: false, message: invitationMessages.used() });
    expect(await redeemInvitation(store, 'x'.repeat(43), person, clock)).toEqual({ ok: false, message: invitationMessages.unknown() });
    expect((await store.personById(person.id))!.binding).toEqual({ role: 'office', officeNumber: '1213500421' });
    expect(await store.officeEmails('1213500421')).toEqual(['b@example.jp']);
    const [listed] = await store.invitations('ichikawa');
    expect(listed).toMatchObject({ email: 'b@example.jp', redeemedBy: person.id });
  });

  it('refuses an expired invitation', async () => {
    const store = opened.store;
    const person = await rememberPerson(store, { issuer: 'https://idp.example.jp', subject: 'late', name: null, email: null }, clock());
    const { secret } = await createInvitation(store, { binding: { role: 'city', municipality: 'ichikawa' }, municipality: 'ichikawa', email: 'c@example.jp' }, 'test', clock);
    const later = () => new Date(clock().getTime() + 8 * 24 * 3600 * 1000);
    expect(await redeemInvitation(store, secret, person, later)).toEqual({ ok: false, message: invitationMessages.expired() });
    expect((await store.personById(person.id))!.binding).toBeNull();
  });
});

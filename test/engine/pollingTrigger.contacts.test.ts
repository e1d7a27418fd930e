/**
 * Stora Polling Trigger, Contact Created and Contact Updated (cursor events on `created_after`
 * / `updated_after`), through n8n-core's PollContext (test/helpers/poll.ts) against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import {
	idsOf,
	listQuery,
	nodeDataOf,
	onePageOf,
	pollHosts,
	rateLimitedPastBudget,
} from '../helpers/poll';
import { useSandbox } from './sandbox';

const t = useSandbox();
const start = pollHosts(() => t.credentials);

const MINUTE = 60_000;
const CONTACTS = '/2025-09/contacts';
const contactId = (body: string) => `con_${body.padEnd(16, '0')}`;
const addContact = (partial: IDataObject = {}) =>
	t.sandbox.addContact(partial) as IDataObject & { id: string };
const updateContact = (id: string, changes: IDataObject) =>
	t.sandbox.updateContact(id, changes) as IDataObject & { id: string };
const contactReads = () => t.requests().filter((request) => request.path === CONTACTS);
const failPastBudget = (extra: IDataObject = {}) =>
	t.sandbox.faults.add(rateLimitedPastBudget(CONTACTS, extra));

describe('Stora Polling Trigger: Contact Created', () => {
	const created = { event: 'contactCreated' };

	it('first poll emits nothing; new contacts once, oldest first, same second by id', async () => {
		const host = await start(created);
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		await expect(host.poll()).resolves.toEqual({ emitted: null });
		const second = Date.now();
		const z = addContact({ id: contactId('zz'), created_at: second });
		const a = addContact({ id: contactId('aa'), created_at: second });
		expect(idsOf(await host.poll())).toEqual([a.id, z.id]);
		const m = addContact({ id: contactId('mm'), created_at: second });
		const late = addContact({ created_at: second - 2 * MINUTE });
		expect(idsOf(await host.poll())).toEqual([late.id, m.id]);
		expect(idsOf(await host.poll())).toBeNull();
		const [read] = contactReads().slice(-1);
		expect(read.query).toMatchObject({
			sort_by: 'created_at',
			sort_direction: 'ASC',
			created_after: expect.any(String),
		});
	});

	it('a failed poll emits nothing and changes no state; the next catches up', async () => {
		const host = await start(created);
		await host.activate();
		const base = Date.now();
		const added = Array.from({ length: 120 }, (_, i) =>
			addContact({ created_at: base + i * 1000 }),
		);
		const before = host.liveStaticData();
		failPastBudget({ every: 2 });
		expect(await host.poll()).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		expect(idsOf(await host.poll())).toEqual(added.map((contact) => contact.id));
	});

	it('Include Existing: activation emits the contacts created since that date', async () => {
		const now = Date.now();
		addContact({ created_at: now - 120 * MINUTE });
		const since = addContact({ created_at: now - 10 * MINUTE });
		const host = await start({
			...created,
			options: { includeExistingSince: new Date(now - 60 * MINUTE).toISOString() },
		});
		expect(idsOf(await host.activate())).toEqual([since.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('filters type, status and source: sent to Stora, and checked on what a Stora ignoring them returns', async () => {
		const host = await start({
			...created,
			filters: { type: ['company'], status: ['lead'], source: ['walkin'] },
		});
		await host.activate();
		t.sandbox.clearRequests();
		const wanted = addContact({ type: 'company', source: 'walkin' });
		addContact({ type: 'domestic', source: 'walkin' });
		expect(idsOf(await host.poll())).toEqual([wanted.id]);
		const { query } = contactReads()[0];
		expect(listQuery(query, 'type')).toEqual(['company']);
		expect(listQuery(query, 'status')).toEqual(['lead']);
		expect(listQuery(query, 'source')).toEqual(['walkin']);

		const other = addContact({ type: 'student', source: 'walkin' });
		const again = addContact({ type: 'company', source: 'walkin' });
		const listed = [other, again];
		t.sandbox.faults.add(onePageOf(CONTACTS, 'contacts', listed));
		expect(idsOf(await host.poll())).toEqual([again.id]);
	});

	it('a restart (new process) emits nothing twice; manual test returns the newest and keeps the state', async () => {
		const host = await start(created);
		await host.activate();
		const first = addContact();
		expect(idsOf(await host.poll())).toEqual([first.id]);
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		const saved = host.savedStaticData();
		const newest = addContact({ created_at: Date.now() + 1000 });
		const manual = await host.fetchTestEvent();
		expect(manual.items?.map((contact) => contact.id)).toEqual([newest.id]);
		expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
		expect(idsOf(await host.poll())).toEqual([newest.id]);
	});
});

describe('Stora Polling Trigger: Contact Updated', () => {
	const updated = { event: 'contactUpdated' };

	it('emits each change once, a later change of the same contact again, on updated_after', async () => {
		const host = await start(updated);
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		await expect(host.poll()).resolves.toEqual({ emitted: null });
		t.sandbox.clearRequests();
		const now = Date.now();
		updateContact(SEED.contacts.jane, { full_name: 'Jane Doe-Smith', updated_at: now });
		updateContact(SEED.contacts.john, { phone_number: '+447700900123', updated_at: now });
		const both = [SEED.contacts.jane, SEED.contacts.john].sort();
		expect(idsOf(await host.poll())).toEqual(both);
		expect(idsOf(await host.poll())).toBeNull();
		expect(contactReads()[0].query).toMatchObject({
			sort_by: 'updated_at',
			sort_direction: 'ASC',
			updated_after: expect.any(String),
		});
		updateContact(SEED.contacts.jane, { full_name: 'Jane Smith', updated_at: now + 5000 });
		expect(idsOf(await host.poll())).toEqual([SEED.contacts.jane]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('a failed poll emits nothing and changes no state; the next catches up', async () => {
		const host = await start(updated);
		await host.activate();
		updateContact(SEED.contacts.priya, { full_name: 'Priya P.' });
		const before = host.liveStaticData();
		failPastBudget();
		expect(await host.poll()).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		expect(idsOf(await host.poll())).toEqual([SEED.contacts.priya]);
	});

	it('Include Existing: activation emits the contacts changed since that date', async () => {
		const now = Date.now();
		updateContact(SEED.contacts.jane, {
			full_name: 'Jane Earlier',
			updated_at: now - 120 * MINUTE,
		});
		updateContact(SEED.contacts.john, { full_name: 'John Since', updated_at: now - 10 * MINUTE });
		const host = await start({
			...updated,
			options: { includeExistingSince: new Date(now - 60 * MINUTE).toISOString() },
		});
		expect(idsOf(await host.activate())).toEqual([SEED.contacts.john]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('a restart (new process) emits nothing twice; manual test returns the latest change and keeps the state', async () => {
		const host = await start(updated);
		await host.activate();
		updateContact(SEED.contacts.sam, { full_name: 'Sam Jones' });
		expect(idsOf(await host.poll())).toEqual([SEED.contacts.sam]);
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		expect(idsOf(await host.poll())).toBeNull();
		const saved = host.savedStaticData();
		updateContact(SEED.contacts.john, { full_name: 'John Q', updated_at: Date.now() + 1000 });
		const manual = await host.fetchTestEvent();
		expect(manual.items?.map((contact) => contact.id)).toEqual([SEED.contacts.john]);
		expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
	});
});

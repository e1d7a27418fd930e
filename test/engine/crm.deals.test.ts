import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { callNodeMethod } from '../helpers/engine';
import { byId, crmCount, crmRecord, queryParameter } from '../helpers/crm';
import { useSandbox } from './sandbox';

// Stora marks a replayed answer (Idempotent-Replayed): a re-run within one second is still told apart.
const t = useSandbox({ replayHeader: true });

const deal = (operation: string, parameters: IDataObject = {}) => ({
	resource: 'deal',
	operation,
	...parameters,
});
const onDeal = (operation: string, id: string, parameters: IDataObject = {}) =>
	deal(operation, { dealId: byId(id), ...parameters });
const dealNow = (id: unknown) => crmRecord(t.sandbox, 'deals', id)!;
const sent = () =>
	t.requests().map(({ method, path, query, body }) => ({ method, path, query, body }));

describe('Deal → Create', () => {
	it('posts the name, contact, stage and only the fields given, under a deal_create key', async () => {
		const before = crmCount(t.sandbox, 'deals');
		const result = await t.run(
			deal('create', {
				name: 'Jane Roe – 50 sq ft',
				contactId: byId(SEED.contacts.jane),
				dealStageId: byId(SEED.dealStages.newEnquiry),
				additionalFields: {
					assigneeId: SEED.staff.leedsManager,
					siteId: byId(SEED.sites.leeds),
					note: '£50 per month',
					startsAt: '2026-12-24T09:30:00',
					lineItems: {
						unitType: { unitTypeId: byId(SEED.unitTypes.leedsSmall), quantity: 2 },
						protectionLevel: { protectionLevelId: byId(SEED.protectionLevels.cover1000) },
					},
					metadata: { metadataValues: [{ key: 'enquiry_id', value: 'web-77' }] },
				},
			}),
			{ settings: { timezone: 'Europe/London' } },
		);
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/2025-09/deals');
		expect(request.body).toEqual({
			name: 'Jane Roe – 50 sq ft',
			contact: { id: SEED.contacts.jane },
			stage: { id: SEED.dealStages.newEnquiry },
			assignee: { id: SEED.staff.leedsManager },
			site: { id: SEED.sites.leeds },
			note: '£50 per month',
			starts_at: '2026-12-24T09:30:00Z',
			line_items: [
				{ type: 'unit_type', item: { id: SEED.unitTypes.leedsSmall }, quantity: 2 },
				{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 }, quantity: 1 },
			],
			metadata: { enquiry_id: 'web-77' },
		});
		expect(request.idempotencyKey).toMatch(/^n8n-deal_create-[0-9a-f]{32}$/);
		const [output] = result.json('Stora');
		expect(output).toMatchObject({ status: 'open', name: 'Jane Roe – 50 sq ft' });
		expect(output.fromEarlierRun).toBeUndefined();
		expect(crmCount(t.sandbox, 'deals')).toBe(before + 1);
	});

	it('reads Move-In Date in the workflow’s time zone; a re-run sends the same key and is marked', async () => {
		const parameters = deal('create', {
			name: 'Sam',
			contactId: byId(SEED.contacts.sam),
			dealStageId: byId(SEED.dealStages.newEnquiry),
			additionalFields: { startsAt: '2026-07-01T10:00:00' },
		});
		// The same workflow and node: what a retried execution is.
		const options = { settings: { timezone: 'Europe/London' }, node: { id: 'deal-create' } };
		const first = await t.run(parameters, options);
		const again = await t.run(parameters, options);
		const [a, b] = t.requests();
		expect(a.body?.starts_at).toBe('2026-07-01T09:00:00Z');
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(again.json('Stora')[0].id).toBe(first.json('Stora')[0].id);
		expect(again.json('Stora')[0].fromEarlierRun).toBe(true);
	});
});

describe('Deal → Get, Get Many', () => {
	it('Get reads one deal; Get Many pages with Additional Query Parameters as given', async () => {
		const got = await t.run(onDeal('get', SEED.deals.janeOpen));
		expect(got.json('Stora')[0]).toMatchObject({ id: SEED.deals.janeOpen, status: 'open' });
		const many = await t.run(
			deal('getAll', {
				returnAll: true,
				filters: queryParameter('status', 'open'),
			}),
		);
		expect(many.json('Stora').every((record) => record.status === 'open')).toBe(true);
		expect(many.json('Stora').length).toBeGreaterThan(0);
		expect(sent()).toEqual([
			{ method: 'GET', path: `/2025-09/deals/${SEED.deals.janeOpen}`, query: {}, body: undefined },
			{
				method: 'GET',
				path: '/2025-09/deals',
				query: { page: '1', limit: '100', status: 'open' },
				body: undefined,
			},
		]);
	});
});

describe('Deal → Update', () => {
	it('sends only what the user set', async () => {
		const result = await t.run(
			onDeal('update', SEED.deals.janeOpen, { updateFields: { name: 'Jane – bigger unit' } }),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `/2025-09/deals/${SEED.deals.janeOpen}`,
			body: { name: 'Jane – bigger unit' },
		});
		expect(t.requests()[0].idempotencyKey).toBeUndefined();
		expect(dealNow(SEED.deals.janeOpen)).toMatchObject({
			name: 'Jane – bigger unit',
			assignee: { id: SEED.staff.leedsManager },
		});
	});

	it('line items replace the whole set; the Remove switches send null and Remove All Line Items []', async () => {
		await t.run(
			onDeal('update', SEED.deals.priyaOpen, {
				updateFields: {
					lineItems: { unitType: { unitTypeId: byId(SEED.unitTypes.camdenSmall), quantity: 1 } },
				},
			}),
		);
		expect(dealNow(SEED.deals.priyaOpen).line_items).toEqual([
			{ item: { id: SEED.unitTypes.camdenSmall }, quantity: 1, type: 'unit_type' },
		]);
		const removed = await t.run(
			onDeal('update', SEED.deals.janeOpen, {
				updateFields: {
					removeAssignee: true,
					removeSite: true,
					removeNote: true,
					removeStartsAt: true,
					removeAllLineItems: true,
				},
			}),
		);
		expect(removed.status).toBe('success');
		expect(t.requests()[1].body).toEqual({
			assignee: null,
			site: null,
			note: null,
			starts_at: null,
			line_items: [],
		});
		expect(dealNow(SEED.deals.janeOpen)).toMatchObject({
			assignee: null,
			site: null,
			note: null,
			starts_at: null,
			line_items: [],
		});
	});
});

describe('Deal → Win, Lose, Reopen', () => {
	it('open → won → open → lost, each a POST under its own key space', async () => {
		const id = SEED.deals.janeOpen;
		const won = await t.run(onDeal('win', id));
		expect(won.json('Stora')[0].status).toBe('won');
		const reopened = await t.run(
			onDeal('reopen', id, {
				additionalFields: {
					dealStageId: byId(SEED.dealStages.quoteSent),
					assigneeId: SEED.staff.sales,
				},
			}),
		);
		expect(reopened.json('Stora')[0]).toMatchObject({
			status: 'open',
			stage: { id: SEED.dealStages.quoteSent },
			assignee: { id: SEED.staff.sales },
		});
		const lost = await t.run(onDeal('lose', id, { lostReason: 'chose_competitor' }));
		expect(lost.json('Stora')[0]).toMatchObject({
			status: 'lost',
			lost_reason: 'chose_competitor',
		});
		expect(sent()).toEqual([
			// No body: n8n sends none for an empty one, as Stora documents for Win.
			{ method: 'POST', path: `/2025-09/deals/${id}/win`, query: {}, body: undefined },
			{
				method: 'POST',
				path: `/2025-09/deals/${id}/reopen`,
				query: {},
				body: { stage: { id: SEED.dealStages.quoteSent }, assignee: { id: SEED.staff.sales } },
			},
			{
				method: 'POST',
				path: `/2025-09/deals/${id}/lose`,
				query: {},
				body: { lost_reason: 'chose_competitor' },
			},
		]);
		expect(t.requests().map((request) => request.idempotencyKey?.split('-')[1])).toEqual([
			'deal_win',
			'deal_reopen',
			'deal_lose',
		]);
	});

	it('Lose takes a reason beyond the documented ones from an expression; Reopen may send nothing', async () => {
		const lost = await t.run(
			onDeal('lose', SEED.deals.priyaOpen, { lostReason: '={{ "contract_terms" }}' }),
		);
		expect(lost.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ lost_reason: 'contract_terms' });
		const reopened = await t.run(onDeal('reopen', SEED.deals.priyaOpen));
		expect(reopened.json('Stora')[0].status).toBe('open');
		expect(t.requests()[1].body).toBeUndefined();
	});

	it('Stora’s refusal (winning a won deal) shows its message and request id', async () => {
		const result = await t.run(onDeal('win', SEED.deals.johnWon));
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(`${error.message}\n${error.description}`).toMatch(/won/);
		expect(error.description).toMatch(/request ID/i);
	});
});

describe('Deal Stage → Get Many and the Stage picker', () => {
	it('Get Many lists the stages; the picker orders them by position', async () => {
		const result = await t.run({ resource: 'dealStage', operation: 'getAll', returnAll: true });
		expect(
			result
				.json('Stora')
				.map((stage) => stage.id)
				.sort(),
		).toEqual(Object.values(SEED.dealStages).sort());
		const { results } = await callNodeMethod<INodeListSearchResult>(
			'listSearch',
			'searchDealStages',
			{
				credentials: { storaApi: t.credentials },
				args: [''],
			},
		);
		expect(results.map((result) => result.value)).toEqual([
			SEED.dealStages.newEnquiry,
			SEED.dealStages.viewingBooked,
			SEED.dealStages.quoteSent,
		]);
		expect(t.requests()[1].query).toEqual({
			page: '1',
			limit: '50',
			sort_by: 'position',
			sort_direction: 'ASC',
		});
	});

	it('the Deal picker finds deals by name and an exact ID directly', async () => {
		const search = async (filter: string) =>
			await callNodeMethod<INodeListSearchResult>('listSearch', 'searchDeals', {
				credentials: { storaApi: t.credentials },
				args: [filter],
			});
		const exact = await search(SEED.deals.samLost);
		expect(exact.results.map((result) => result.value)).toEqual([SEED.deals.samLost]);
		expect(exact.results[0].name).toMatch(/^Sam Taylor - second unit · lost · \d{4}-\d\d-\d\d$/);
	});
});

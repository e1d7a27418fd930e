import type { INode } from 'n8n-workflow';

import { readUserKey, userKeyHeader } from '../../nodes/Stora/helpers/idempotency';
import type { PostOperation } from '../../nodes/Stora/helpers/idempotency';
import { InputChecker } from '../../nodes/Stora/helpers/validation';
import {
	noResponseError,
	replayAdvice,
	storaApiError,
	unsureSentence,
} from '../../nodes/Stora/transport/errors';

const node: INode = {
	id: 'n1',
	name: 'Stora',
	type: 'n8n-nodes-stora.stora',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
};
const check = new InputChecker({ getNode: () => node, getTimezone: () => 'UTC' }, 0);
const key = { header: 'n8n-unit_reserve-0123', typed: 'n8n-unit_reserve-0123', fromUser: false };

const errorOf = (
	status: number,
	path: string,
	body: object = {},
	method = 'POST',
	accept?: string,
) =>
	storaApiError(
		node,
		{ statusCode: status, body: { error: { request_id: 'r1', ...body } }, headers: {} },
		{ method, path, accept, idempotency: method === 'POST' ? key : undefined },
	);

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return (error as { description?: string }).description;
	}
	return undefined;
};

describe('key spaces of the actions', () => {
	const spaces: PostOperation[] = [
		'unit_reserve',
		'unit_grant_access',
		'unit_deallocate',
		'unit_overlock',
		'unit_remove_overlock',
		'base_price',
	];

	it.each(spaces)('a key %s made is sent as printed, and no other space takes it', (space) => {
		const printed = `n8n-${space}-0123456789abcdef0123456789abcdef`;
		expect(userKeyHeader(space, printed)).toBe(printed);
		expect(readUserKey(check, space, printed)).toBe(printed);
		const other = space === 'base_price' ? 'unit_reserve' : 'base_price';
		expect(refusal(() => readUserKey(check, other, printed))).toMatch(/cannot reuse it/);
		expect(refusal(() => readUserKey(check, 'create', printed))).toMatch(/cannot reuse it/);
	});

	it('a user key is prefixed with its space', () => {
		expect(userKeyHeader('unit_overlock', 'invoice-42')).toBe('unit_overlock:invoice-42');
	});
});

describe('errors of the actions', () => {
	it('409 and 422 on a unit action: Stora’s message, what to do, and that the key replays the refusal', () => {
		for (const status of [409, 422]) {
			const error = errorOf(status, '/units/unit_1/reserve', {
				message: 'Unit `unit_1` is occupied',
			});
			expect(error.message).toBe('Unit `unit_1` is occupied');
			expect(error.description).toContain('Stora refused to reserve this unit for this tenancy');
			expect(error.description).toContain('new Idempotency Key');
			expect(error.description).toContain('Stora request ID: r1');
		}
		expect(errorOf(409, '/units/overlock').description).toContain(
			'Stora refused to overlock this contact’s units',
		);
		expect(errorOf(422, '/products/prod_1/base_price').description).toContain(
			'Stora refused to set these base prices',
		);
	});

	it('a refusal is not taken for a key still in use; an order’s 409 still is', () => {
		expect(replayAdvice(key, 409, undefined, 'unit', true)).toBeUndefined();
		expect(replayAdvice(key, 409, undefined, 'order')).toMatch(/may still be in progress/);
	});

	it('406 to a PDF request: Stora has no PDF for this record', () => {
		const error = errorOf(
			406,
			'/contracts/ctr_1',
			{ code: 'invalid_format', message: 'The Accept header is not valid or not supported.' },
			'GET',
			'application/pdf',
		);
		expect(error.message).toBe('Stora has no PDF for this record');
		expect(error.description).toContain('The Accept header is not valid or not supported.');
		expect(error.description).toContain('invoices, credit notes and signed contracts');
	});

	it.each([
		['/units/unit_1', 'GET', {}, 'Unit not found'],
		['/unit_allocations/alloc_1', 'GET', {}, 'Unit allocation not found'],
		['/tenancies/ten_1', 'GET', {}, 'Tenancy not found'],
		['/credit_notes/cred_1', 'GET', {}, 'Credit note not found'],
		['/units/unit_1/reserve', 'POST', {}, 'Unit not found'],
		[
			'/units/unit_1/grant_access',
			'POST',
			{ details: [{ message: 'not found', pointer: '/tenancy_id' }] },
			'Tenancy not found',
		],
		['/units/overlock', 'POST', {}, 'Contact not found'],
		['/unit_types/utype_1/base_price', 'POST', {}, 'Unit type not found'],
	])('404 on %s (%s) names the record', (path, method, body, title) => {
		expect(errorOf(404, path, body, method).message).toBe(title);
	});

	it('403 names the scope of the records beyond orders and contacts', () => {
		expect(errorOf(403, '/units/unit_1/reserve').description).toContain(
			'This request needs the public.unit:write scope.',
		);
		expect(errorOf(403, '/invoices/inv_1', {}, 'GET').description).toContain('public.invoice:read');
		expect(errorOf(403, '/orders').description).not.toContain('This request needs');
	});

	it('no answer: says what Stora may have done, in the action’s words', () => {
		const context = { method: 'POST', path: '/units/unit_1/grant_access', idempotency: key };
		const failure = { code: 'ECONNRESET', message: 'socket hang up' };
		expect(noResponseError(node, failure, context, 3).description).toContain(
			'it may have granted access to the unit',
		);
		const order = { ...context, path: '/orders' };
		expect(noResponseError(node, failure, order, 3).description).toContain(
			'it may have stored the order',
		);
	});

	it('a server error: what may have happened, in the action’s words; an order’s as before', () => {
		expect(unsureSentence('/units/unit_1/reserve')).toBe(
			'The unit may or may not have been reserved: check it in Stora before reserving it again.',
		);
		expect(unsureSentence('/units/remove_overlock')).toContain(
			'overlock may or may not have been removed',
		);
		expect(unsureSentence('/protection_levels/plvl_1/base_price')).toContain(
			'base prices may or may not have been set',
		);
		expect(unsureSentence('/orders')).toBe(
			'The order may or may not have been created: check it in Stora before creating it again.',
		);
	});
});

'use strict';
/**
 * A plain client of the sandbox's Stora API, for tests and the demo to read what Stora holds and to set up
 * state (overlocked units) as another Stora client would. Its requests carry `x-e2e-client`, so that tests
 * can tell them from the workflows' own in `sandbox.requests`.
 */
const { randomUUID } = require('node:crypto');

const VERSION = '/2025-09';

/** @param {{ url: string, token: string }} sandbox */
function storaClient(sandbox, { client = 'e2e' } = {}) {
	/** One request; a POST gets its own Idempotency-Key. Resolves the JSON body, or the bytes of a PDF. */
	const api = async (method, path, { body, accept = 'application/json' } = {}) => {
		const res = await fetch(`${sandbox.url}${VERSION}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${sandbox.token}`,
				accept,
				'x-e2e-client': client,
				...(body ? { 'content-type': 'application/json' } : {}),
				...(method === 'POST' ? { 'idempotency-key': `${client}-${randomUUID()}` } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (accept === 'application/pdf' && res.ok) return Buffer.from(await res.arrayBuffer());
		const json = await res.json();
		if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
		return json;
	};

	/** Every record of a list, page by page. */
	const all = async (path, key, query = {}) => {
		const out = [];
		for (let page = 1; page <= 100; page++) {
			const body = await api(
				'GET',
				`${path}?${new URLSearchParams({ ...query, limit: '100', page: String(page) })}`,
			);
			out.push(...body[key]);
			if (body[key].length < 100) return out;
		}
		throw new Error(`${path}: more than 100 pages`);
	};

	/**
	 * A tenant with an occupied unit, as Stora's API shows it: the first occupied unit's allocation → tenancy →
	 * contact. When no unit is occupied, the first tenancy gets the first free unit (reserve, then grant access).
	 */
	const tenantWithOccupiedUnit = async () => {
		let unit = (await all('/units', 'units', { status: 'occupied' }))[0];
		if (!unit) {
			const tenancy = (await all('/tenancies', 'tenancies'))[0];
			const free = (await all('/units', 'units', { status: 'available' }))[0];
			await api('POST', `/units/${free.id}/reserve`, { body: { tenancy_id: tenancy.id } });
			unit = (
				await api('POST', `/units/${free.id}/grant_access`, { body: { tenancy_id: tenancy.id } })
			).unit;
		}
		const [allocation] = (await api('GET', `/unit_allocations?unit_id=${unit.id}`))
			.unit_allocations;
		const { tenancy } = await api('GET', `/tenancies/${allocation.tenancy.id}`);
		return { contactId: tenancy.contact.id, unitId: unit.id, tenancyId: tenancy.id };
	};

	return { api, all, tenantWithOccupiedUnit };
}

module.exports = { storaClient, VERSION };

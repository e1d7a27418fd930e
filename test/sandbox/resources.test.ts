import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe('sandbox: lists behind the dropdowns', () => {
	const t = sandboxPerFile();

	const list = (path: string) => call(t.sb.url, 'GET', `/2025-09/${path}`);
	const ids = (res: { body: Json }, key: string) => res.body[key].map((r: Json) => r.id);

	it.each([
		['sites', 2, /^site_[0-9a-z]{16}$/],
		['unit_types', 6, /^utype_[0-9a-z]{16}$/],
		['protection_levels', 3, /^plvl_[0-9a-z]{16}$/],
		['products', 3, /^prod_[0-9a-z]{16}$/],
		['coupons', 2, /^cpn_[0-9a-z]{16}$/],
		['contract_templates', 2, /^ctpl_[0-9a-z]{16}$/],
		['contacts', 4, /^con_[0-9a-z]{16}$/],
	])(
		'GET /2025-09/%s lists %i seeded records with pagination meta',
		async (key, count, pattern) => {
			const res = await list(key);
			expect(res.status).toBe(200);
			expect(res.body[key]).toHaveLength(count);
			for (const r of res.body[key]) {
				expect(r.id).toMatch(pattern);
				expect(Object.keys(r).filter((k) => k.startsWith('_') && k !== '_links')).toEqual([]);
			}
			expect(res.body.meta.pagination).toEqual({
				count,
				last: 1,
				limit: 50,
				next: null,
				page: 1,
				pages: 1,
				prev: null,
			});
			const paged = await list(`${key}?limit=1&page=2`);
			expect(paged.body.meta.pagination).toMatchObject({
				count,
				limit: 1,
				page: 2,
				pages: count,
				prev: 1,
				next: count > 2 ? 3 : null,
			});
		},
	);

	it('sorts lists by created_at DESC by default and ASC on request', async () => {
		const desc = ids(await list('sites'), 'sites');
		expect(desc).toEqual([SEED.sites.leeds, SEED.sites.camden]);
		expect(ids(await list('sites?sort_direction=ASC'), 'sites')).toEqual([
			SEED.sites.camden,
			SEED.sites.leeds,
		]);
		expect((await list('sites?sort_direction=up')).status).toBe(422);
		expect((await list('sites?limit=500')).body.error.details[0].pointer).toBe('/limit');
	});

	it('returns the documented resource shapes', async () => {
		const site = (await list('sites')).body.sites.find((s: Json) => s.id === SEED.sites.camden);
		expect(site).toMatchObject({
			name: 'Camden',
			address: { city: 'London' },
			access_hours: { monday: { status: 'set_hours' } },
		});
		const unitType = (await list('unit_types')).body.unit_types.find(
			(u: Json) => u.id === SEED.unitTypes.camdenLocker,
		);
		expect(unitType).toMatchObject({
			name: 'Locker (15 sq ft)',
			site: { id: SEED.sites.camden },
			status: 'bookable',
			security_deposit: { amount: 10000, currency: 'GBP', formatted: '£100.00' },
			_links: {
				'sf:new_order': {
					href: expect.stringContaining('/order/contact-details?unit_type_slug='),
					title: 'New order',
				},
			},
		});
		expect(unitType.prices).toHaveLength(6);
		expect(unitType.prices[0]).toEqual({
			billing_period: 'monthly',
			price: { amount: 1999, currency: 'GBP', formatted: '£19.99' },
			stripe_price_id: expect.any(String),
		});
		const level = (await list('protection_levels')).body.protection_levels[0];
		expect(level.name).toBeUndefined();
		expect(level.cover_level).toMatchObject({
			currency: 'GBP',
			formatted: expect.stringMatching(/^£/),
		});
		const products = (await list('products')).body.products;
		expect(products.map((p: Json) => p.charge_type).sort()).toEqual([
			'one_time',
			'one_time',
			'recurring',
		]);
		const coupons = (await list('coupons')).body.coupons;
		expect(coupons.find((c: Json) => c.type === 'percentage')).toMatchObject({
			id: SEED.coupons.halfPrice,
			percent: 50,
		});
		expect(coupons.find((c: Json) => c.type === 'amount')).toMatchObject({
			amount: { amount: 1000 },
		});
	});

	it('filters unit_types and products by site_id', async () => {
		const leeds = ids(await list(`unit_types?site_id=${SEED.sites.leeds}`), 'unit_types');
		expect(leeds.sort()).toEqual(
			[SEED.unitTypes.leedsLocker, SEED.unitTypes.leedsSmall, SEED.unitTypes.leedsLarge].sort(),
		);
		expect(ids(await list(`products?site_id=${SEED.sites.leeds}`), 'products')).toEqual([
			SEED.products.movingBoxes,
		]);
		expect(
			ids(await list(`products?site_id=${SEED.sites.leeds},${SEED.sites.camden}`), 'products'),
		).toHaveLength(3);
	});

	it('filters contacts by email (case-insensitive) and search (name, email or phone)', async () => {
		expect(ids(await list('contacts?email=JOHN@doe.com'), 'contacts')).toEqual([
			SEED.contacts.john,
		]);
		expect(
			ids(await list('contacts?email=john@doe.com,priya@patel.example'), 'contacts').sort(),
		).toEqual([SEED.contacts.john, SEED.contacts.priya].sort());
		expect(ids(await list('contacts?search=smith'), 'contacts')).toEqual([SEED.contacts.jane]);
		expect(ids(await list('contacts?search=patel.example'), 'contacts')).toEqual([
			SEED.contacts.priya,
		]);
		expect(ids(await list('contacts?search=%2B447700900'), 'contacts').sort()).toEqual(
			[SEED.contacts.jane, SEED.contacts.priya].sort(),
		);
		expect(ids(await list('contacts?sort_by=full_name&sort_direction=ASC'), 'contacts')).toEqual([
			SEED.contacts.jane,
			SEED.contacts.john,
			SEED.contacts.priya,
			SEED.contacts.sam,
		]);
	});

	it('shows a single resource by id, 404 when unknown', async () => {
		const res = await call(t.sb.url, 'GET', `/2025-09/sites/${SEED.sites.leeds}`);
		expect(res.body.site).toMatchObject({ id: SEED.sites.leeds, name: 'Leeds Central' });
		const missing = await call(t.sb.url, 'GET', '/2025-09/unit_types/utype_0000000000000000');
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('resource_not_found');
	});
});

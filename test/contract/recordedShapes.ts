/**
 * Answers in the shapes Stora's reference records where our doc pages have no example: a contact
 * (`stora-api.md` §8 fields plus the newer `status` and `identity_check`, catalogue §2.13) and a line-item list
 * (`stora-api.md` §7.6: `{line_items: [...], meta}`), with IDs whose bodies are not hex (catalogue §1).
 */
import type { DocExample } from './docExamples';

const money = (amount: number) => ({
	amount,
	currency: 'GBP',
	formatted: `£${(amount / 100).toFixed(2)}`,
});
const meta = { request_id: '01563646-58c1-4607-8fe0-cae3e92c4477' };

export const CONTACT: DocExample = {
	page: 'catalogue §2.13 contact',
	wrapper: 'contact',
	body: {
		contact: {
			id: 'con_195h6kfm9ro15lof',
			full_name: 'John Doe',
			email: 'john@example.com',
			phone_number: '+447700900123',
			type: 'domestic',
			source: 'pre_open',
			marketing_source: null,
			use_case: null,
			address: {
				line_1: '1 High Street',
				line_2: null,
				city: 'London',
				postal_code: 'NW1 8AB',
				state: null,
				country_alpha2: 'GB',
			},
			tax_id: null,
			company_registration_number: null,
			stripe_customer_id: 'cus_Q1w2E3r4T5y6U7',
			tenancies_count: 0,
			status: 'lead',
			identity_check: { required: false, status: 'not_attempted' },
			metadata: {},
			created_at: '2025-02-22T14:41:00Z',
			updated_at: '2025-02-22T14:41:00Z',
		},
		meta,
	},
};

export const LINE_ITEMS: DocExample = {
	page: 'stora-api.md §7.6 line items',
	wrapper: 'line_items',
	body: {
		line_items: [
			{
				id: 'olitm_a1b2c3d4e5f6g7h8',
				created_at: '2025-02-22T14:41:00Z',
				updated_at: '2025-02-22T14:41:00Z',
				type: 'unit_type',
				quantity: 1,
				item: { id: 'utype_3b3aed5cca33b11d' },
				price: money(5999),
				discount_total: money(2999),
				tax: money(0),
				total: money(3000),
				total_excluding_tax: money(3000),
			},
			{
				id: 'olitm_zz9y8x7w6v5u4t3s',
				created_at: '2025-02-22T14:41:00Z',
				updated_at: '2025-02-22T14:41:00Z',
				type: 'product',
				quantity: 2,
				item: { id: 'prod_0bc539e1087f3070' },
				price: money(999),
				discount_total: money(0),
				tax: money(333),
				total: money(1998),
				total_excluding_tax: money(1665),
			},
		],
		meta: {
			...meta,
			pagination: { count: 2, last: 1, limit: 50, next: null, page: 1, pages: 1, prev: null },
		},
	},
};

/** The order the line items belong to (an ID body that is not hex). */
export const LINE_ITEMS_ORDER_ID = 'order_k3m9x2qz7w1p5r8t';

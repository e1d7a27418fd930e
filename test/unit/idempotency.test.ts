import { canonicalJson, userKeyHeader } from '../../nodes/Stora/helpers/idempotency';

describe('canonical JSON: equal data, equal text', () => {
	it('sorts keys at every level and drops undefined', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: null } })).toBe(
			canonicalJson({ a: { c: null, d: [2, { f: 1 }] }, b: 1 }),
		);
		expect(canonicalJson({ a: { c: null, d: [2, { f: 1 }] }, b: 1 })).toBe(
			'{"a":{"c":null,"d":[2,{"f":1}]},"b":1}',
		);
	});

	it('tells different data apart', () => {
		expect(canonicalJson({ email: 'a@example.com' })).not.toBe(
			canonicalJson({ email: 'b@example.com' }),
		);
		expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
	});
});

describe('user keys as headers', () => {
	it('a printable ASCII key is sent as typed, after its operation', () => {
		expect(userKeyHeader('create', 'form-7731')).toBe('create:form-7731');
		expect(userKeyHeader('finalize', 'form 7731')).toBe('finalize:form 7731');
	});

	it('a key the node made is sent as it is', () => {
		const printed = 'n8n-create-0123456789abcdef0123456789abcdef';
		expect(userKeyHeader('create', printed)).toBe(printed);
	});

	it.each([['王小明-预订'], ['booking 🎉'], ['tab\tinside'], ['x'.repeat(201)]])(
		'%s is sent as a hash every header accepts, the same each time',
		(key) => {
			const header = userKeyHeader('create', key);
			expect(header).toMatch(/^create:sha256-[0-9a-f]{64}$/);
			expect(userKeyHeader('create', key)).toBe(header);
			expect(userKeyHeader('create', `${key}!`)).not.toBe(header);
		},
	);
});

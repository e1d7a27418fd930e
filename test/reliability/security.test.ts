/**
 * Errors carry what Stora said, never what was sent: the request's headers hold the token.
 */
import { SEED } from '../../sandbox';
import { serialize } from '../helpers/artifacts';
import { useSandbox } from '../engine/sandbox';

const t = useSandbox();

const create = { resource: 'order', operation: 'create', siteId: SEED.sites.camden };

function expectNoRequestInside(error: unknown) {
	const text = serialize(error);
	expect(text).not.toMatch(/authorization/i);
	expect(text).not.toContain('Bearer');
	expect(text).not.toContain(t.sandbox.token);
	return text;
}

describe('what an error carries', () => {
	it('a Stora error: its body (code, message, details, request ID), without the request', async () => {
		const result = await t.run({ ...create, finalizeImmediately: true });
		const error = result.nodeError('Stora');
		const text = expectNoRequestInside(error);
		expect(text).toContain('invalid_content');
		expect(text).toContain('/line_items');
		expect(text).toContain(t.requests()[0].headers['idempotency-key']);
	});

	it('a dropped connection: the code and the key, without the request', async () => {
		t.sandbox.faults.add({ method: 'POST', path: '/2025-09/orders', type: 'reset' });
		const result = await t.run({ ...create, options: { maxRetries: 0 } });
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe('Stora did not answer');
		expect(error.description).toMatch(
			/^POST \/orders failed after 1 attempt: the connection was closed before Stora answered \(ECONNRESET\)/,
		);
		expect(error.description).toMatch(/Idempotency key: n8n-create-[0-9a-f]{32}\. Typed into/);
		expectNoRequestInside(error);
	});

	it('a 401: what to do, without echoing the rejected token', async () => {
		const revoked = `revoked-${t.sandbox.token}`;
		const result = await t.run(create, { credentials: { accessToken: revoked } });
		const text = serialize(result.nodeError('Stora'));
		expect(text).toContain('Stora rejected the access token');
		expect(text).not.toContain(revoked);
	});

	it('an error item under Continue on Fail: the details, without the request', async () => {
		const result = await t.run(
			{ ...create, finalizeImmediately: true },
			{ node: { onError: 'continueRegularOutput' } },
		);
		const [item] = result.json('Stora');
		expect((item.error as { httpCode: string }).httpCode).toBe('422');
		expectNoRequestInside(item);
	});
});

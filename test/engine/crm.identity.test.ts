import { SEED } from '../../sandbox';
import { byId } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

const verifications = (parameters: Record<string, unknown>) => ({
	resource: 'identityVerification',
	...parameters,
});

describe('Identity Verification', () => {
	it('Get reads one verification', async () => {
		const result = await t.run(
			verifications({
				operation: 'get',
				identityVerificationId: byId(SEED.identityVerifications.priyaSucceeded),
			}),
		);
		expect(result.json('Stora')[0]).toMatchObject({
			id: SEED.identityVerifications.priyaSucceeded,
			status: 'succeeded',
		});
		expect(t.requests()[0].path).toBe(
			`/2025-09/identity_verifications/${SEED.identityVerifications.priyaSucceeded}`,
		);
	});

	it('Get Many filters by contact and status', async () => {
		const result = await t.run(
			verifications({
				operation: 'getAll',
				returnAll: true,
				filters: { contactIds: SEED.contacts.jane, statuses: ['failed', 'processing'] },
			}),
		);
		expect(
			result
				.json('Stora')
				.map((record) => record.id)
				.sort(),
		).toEqual(
			[SEED.identityVerifications.janeFailed, SEED.identityVerifications.janeProcessing].sort(),
		);
		expect(t.requests()[0].query).toEqual({
			page: '1',
			limit: '100',
			contact_id: SEED.contacts.jane,
			status: 'failed,processing',
		});
	});

	it('a status the docs cut off is sent as given from an expression', async () => {
		const result = await t.run(
			verifications({
				operation: 'getAll',
				limit: 5,
				filters: { statuses: '={{ "succeeded,requires_input" }}' },
			}),
		);
		// The node refuses nothing it cannot know is wrong: Stora decides.
		expect(result.nodeError('Stora')?.message ?? '').not.toMatch(/^Invalid/);
		expect(t.requests()[0].query.status).toBe('succeeded,requires_input');
	});
});

/**
 * Download PDF of invoices, credit notes and signed contracts through n8n-core's engine against
 * the sandbox: the requests (JSON first where the record is read, then `Accept: application/pdf`),
 * the output json, and the binary byte for byte as Stora sent it.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { connect, items, noOpNode } from '../helpers/engine';
import type { NodeErrorView } from '../helpers/resources';
import { API, binaryBytes, byId, storaPdf, storaRecord } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

const download = (resource: string, id: string, extra: INodeParameters = {}): INodeParameters => ({
	resource,
	operation: 'downloadPdf',
	[`${resource}Id`]: byId(id),
	...extra,
});
const accepts = () => t.requests().map((r) => [r.method, r.path, r.headers.accept ?? '']);
const nodeError = (result: Awaited<ReturnType<typeof t.run>>) =>
	result.nodeError('Stora') as unknown as NodeErrorView;
const PDF = 'application/pdf';

describe('Invoice → Download PDF', () => {
	it('reads the invoice, then asks for its PDF; the file is named after its number, bytes as sent', async () => {
		const id = SEED.invoices.paid;
		const result = await t.run(download('invoice', id));
		expect(result.status).toBe('success');
		const requests = accepts();
		expect(requests).toHaveLength(2);
		expect(requests[0].slice(0, 2)).toEqual(['GET', `${API}/invoices/${id}`]);
		expect(requests[0][2]).not.toContain(PDF);
		expect(requests[1]).toEqual(['GET', `${API}/invoices/${id}`, PDF]);
		expect(t.requests().every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);

		const invoice = await storaRecord(t.sandbox, '/invoices', id, 'invoice');
		const [item] = result.output('Stora');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ ...invoice, fileName: `${invoice.number as string}.pdf` });
		expect(item.binary?.data).toMatchObject({
			mimeType: PDF,
			fileName: `${invoice.number as string}.pdf`,
		});
		const bytes = binaryBytes(item);
		expect(bytes.equals(await storaPdf(t.sandbox, `/invoices/${id}`))).toBe(true);
		expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(bytes.toString('latin1')).toContain(id);
	});

	it('puts the file in the field chosen, one file per item', async () => {
		const result = await t.run(
			{
				...download('invoice', ''),
				invoiceId: byId('={{ $json.id }}'),
				binaryPropertyName: 'invoicePdf',
			},
			{ inputItems: items({ id: SEED.invoices.paid }, { id: SEED.invoices.open }) },
		);
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => [item.pairedItem, item.json.id])).toEqual([
			[{ item: 0 }, SEED.invoices.paid],
			[{ item: 1 }, SEED.invoices.open],
		]);
		expect(Object.keys(output[0].binary ?? {})).toEqual(['invoicePdf']);
		expect(
			binaryBytes(output[1], 'invoicePdf').equals(
				await storaPdf(t.sandbox, `/invoices/${SEED.invoices.open}`),
			),
		).toBe(true);
		expect(binaryBytes(output[0], 'invoicePdf').equals(binaryBytes(output[1], 'invoicePdf'))).toBe(
			false,
		);
	});

	it('an invoice without a number (a draft) is named by its ID', async () => {
		const result = await t.run(download('invoice', SEED.invoices.draft));
		expect(result.status).toBe('success');
		const [item] = result.output('Stora');
		const invoice = await storaRecord(t.sandbox, '/invoices', SEED.invoices.draft, 'invoice');
		const expected = invoice.number
			? `${invoice.number as string}.pdf`
			: `${SEED.invoices.draft}.pdf`;
		expect(item.json.fileName).toBe(expected);
		expect(item.binary?.data.fileName).toBe(expected);
	});

	it('passes the file on to the next node unchanged', async () => {
		const result = await t.run(download('invoice', SEED.invoices.paid), {
			extraNodes: [noOpNode('Email')],
			connections: connect(['Stora', 'Email']),
		});
		const [item] = result.output('Email');
		expect(
			binaryBytes(item).equals(await storaPdf(t.sandbox, `/invoices/${SEED.invoices.paid}`)),
		).toBe(true);
	});
});

describe('Credit Note → Download PDF', () => {
	it('asks for the PDF directly (no show endpoint is documented); named by the ID', async () => {
		const id = SEED.creditNotes.priyaRefund;
		const result = await t.run(download('creditNote', id));
		expect(result.status).toBe('success');
		expect(accepts()).toEqual([['GET', `${API}/credit_notes/${id}`, PDF]]);
		const [item] = result.output('Stora');
		expect(item.json).toEqual({ id, fileName: `${id}.pdf` });
		expect(item.binary?.data).toMatchObject({ mimeType: PDF, fileName: `${id}.pdf` });
		const bytes = binaryBytes(item);
		expect(bytes.equals(await storaPdf(t.sandbox, `/credit_notes/${id}`))).toBe(true);
		expect(bytes.toString('latin1')).toContain(id);
	});
});

describe('Contract → Download PDF', () => {
	it('a signed contract: read it, then its PDF, named by the ID', async () => {
		const id = SEED.contracts.signed;
		const result = await t.run(download('contract', id));
		expect(result.status).toBe('success');
		const requests = accepts();
		expect(requests.map((r) => r.slice(0, 2))).toEqual([
			['GET', `${API}/contracts/${id}`],
			['GET', `${API}/contracts/${id}`],
		]);
		expect(requests[1][2]).toBe(PDF);
		const contract = await storaRecord(t.sandbox, '/contracts', id, 'contract');
		const [item] = result.output('Stora');
		expect(item.json).toEqual({ ...contract, fileName: `${id}.pdf` });
		expect(binaryBytes(item).equals(await storaPdf(t.sandbox, `/contracts/${id}`))).toBe(true);
	});

	it.each([
		['pending', SEED.contracts.pending],
		['voided', SEED.contracts.voided],
	])('a %s contract: a clear error before the PDF is asked for', async (status, id) => {
		const result = await t.run(download('contract', id));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(`${error.message} ${error.description}`).toContain(id);
		expect(`${error.message} ${error.description}`).toMatch(/signed/);
		expect(`${error.message} ${error.description}`).toContain(status);
		expect(accepts()).toEqual([
			['GET', `${API}/contracts/${id}`, expect.not.stringContaining(PDF)],
		]);
	});

	it('Stora answering 406 to the PDF request: "Stora has no PDF for this record"', async () => {
		const id = SEED.contracts.signed;
		// The second GET of the contract (the PDF request) is answered 406.
		t.sandbox.faults.add({
			method: 'GET',
			path: `${API}/contracts/${id}`,
			type: 'status',
			status: 406,
			every: 2,
		});
		const result = await t.run(download('contract', id));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('406');
		expect(`${error.message} ${error.description}`).toContain('Stora has no PDF for this record');
		expect(t.requests()).toHaveLength(2);
	});

	it('with Continue on Fail, an unsigned contract is an error item and the signed one is downloaded', async () => {
		const result = await t.run(
			{ ...download('contract', ''), contractId: byId('={{ $json.id }}') },
			{
				inputItems: items({ id: SEED.contracts.pending }, { id: SEED.contracts.signed }),
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.status).toBe('success');
		const [failed, downloaded] = result.output('Stora');
		expect(failed.json.error).toBeDefined();
		expect(failed.binary).toBeUndefined();
		expect(downloaded.json.id).toBe(SEED.contracts.signed);
		expect(binaryBytes(downloaded).length).toBeGreaterThan(0);
	});
});

describe('PDF answers the node must not trust', () => {
	it('an empty PDF answer is asked again, and never output as an empty file', async () => {
		const path = `${API}/credit_notes/${SEED.creditNotes.johnVoided}`;
		const empty = { method: 'GET', path, type: 'status', status: 200, body: '' } as const;
		t.sandbox.faults.add({ ...empty, headers: { 'content-type': PDF } });
		const retried = await t.run(download('creditNote', SEED.creditNotes.johnVoided));
		expect(retried.status).toBe('success');
		expect(t.requests().map((r) => r.status)).toEqual([200, 200]);
		expect(
			binaryBytes(retried.output('Stora')[0]).equals(
				await storaPdf(t.sandbox, `/credit_notes/${SEED.creditNotes.johnVoided}`),
			),
		).toBe(true);

		t.sandbox.clearRequests();
		t.sandbox.faults.add({ ...empty, times: 20, headers: { 'content-type': PDF } });
		const failed = await t.run(
			download('creditNote', SEED.creditNotes.johnVoided, { options: { maxRetries: 1 } }),
		);
		expect(failed.status).toBe('error');
		expect(failed.nodeError('Stora')?.message).toMatch(/empty|no PDF|did not answer/i);
		expect(t.requests()).toHaveLength(2);
	});

	it('Stora’s JSON error to a PDF request is shown with its message and request ID', async () => {
		const result = await t.run(download('creditNote', 'cred_0000000000000000'));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
	});
});

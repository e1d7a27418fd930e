/**
 * Shared pieces of the workflow tests of the plain resources (issue 19): pickers as the editor
 * saves them, Stora's own answer to compare the node's output with, and the bytes of a binary
 * output.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from './sandbox';

export const API = '/2025-09';

/** A resource locator "By ID" / "From List", as saved workflows hold them. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Runs a node as version 2 (Simplify on by default where offered). */
export const v2 = { node: { typeVersion: 2 } };

/** The default key of a POST in a key space, e.g. `n8n-unit_reserve-<32 hex>`. */
export const defaultKey = (space: string) => new RegExp(`^n8n-${space}-[0-9a-f]{32}$`);

export type NodeErrorView = {
	message: string;
	description: string;
	httpCode?: string;
	context?: IDataObject;
};

/**
 * Stora's answer to a request, read straight from the sandbox over HTTP with its token, and taken
 * out of the request log again so that the test sees only the node's requests.
 */
export async function storaAnswer(
	sb: Sandbox,
	path: string,
	accept = 'application/json',
): Promise<{ status: number; headers: Headers; bytes: Buffer; json?: IDataObject }> {
	const logged = sb.requests.length;
	const response = await fetch(`${sb.url}${API}${path}`, {
		headers: { Authorization: `Bearer ${sb.token}`, Accept: accept },
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	await sb.idle();
	sb.requests.splice(logged);
	const isJson = (response.headers.get('content-type') ?? '').includes('json');
	return {
		status: response.status,
		headers: response.headers,
		bytes,
		json: isJson ? (JSON.parse(bytes.toString('utf8')) as IDataObject) : undefined,
	};
}

/** One record as Stora answers `GET {path}/{id}`, without its envelope. */
export async function storaRecord(
	sb: Sandbox,
	path: string,
	id: string,
	single: string,
): Promise<IDataObject> {
	const answer = await storaAnswer(sb, `${path}/${id}`);
	if (answer.status !== 200) throw new Error(`GET ${path}/${id}: ${answer.status}`);
	return answer.json?.[single] as IDataObject;
}

/** Every record of a list as Stora answers it (every page of 100), in Stora's order. */
export async function storaList(
	sb: Sandbox,
	path: string,
	list: string,
	query = '',
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const answer = await storaAnswer(
			sb,
			`${path}?page=${page}&limit=100${query ? `&${query}` : ''}`,
		);
		const batch = (answer.json?.[list] ?? []) as IDataObject[];
		records.push(...batch);
		if (batch.length < 100) return records;
	}
}

/** The PDF bytes Stora sends for a record (`Accept: application/pdf`). */
export async function storaPdf(sb: Sandbox, path: string): Promise<Buffer> {
	const answer = await storaAnswer(sb, path, 'application/pdf');
	if (answer.status !== 200) throw new Error(`PDF of ${path}: ${answer.status}`);
	return answer.bytes;
}

/**
 * The bytes of an output item's binary property. n8n-core keeps binary data in the item
 * (base64) in its default mode, which the test engine uses.
 */
export function binaryBytes(item: INodeExecutionData, field = 'data'): Buffer {
	const binary = item.binary?.[field];
	if (!binary) {
		throw new Error(
			`No binary "${field}" on the item (has: ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`,
		);
	}
	if (binary.id) throw new Error(`Binary "${field}" is stored outside the item (${binary.id})`);
	return Buffer.from(binary.data, 'base64');
}

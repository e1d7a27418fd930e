import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InputChecker } from './validation';

/**
 * The POST operations, each with its own key space at Stora: `create` (an order) and `finalize`
 * keep the names of the first release, so keys printed by it still work. Set Base Price shares
 * one space across unit types, protection levels and products: the path tells them apart.
 */
export type PostOperation =
	| 'create'
	| 'finalize'
	| 'line_item'
	| 'contact'
	| 'unit_reserve'
	| 'unit_grant_access'
	| 'unit_deallocate'
	| 'unit_overlock'
	| 'unit_remove_overlock'
	| 'base_price'
	| 'deal_create'
	| 'deal_win'
	| 'deal_lose'
	| 'deal_reopen'
	| 'task_create'
	| 'task_reopen'
	| 'note_create'
	| 'timeline_event';

/** How an error names the node that made a key. */
const OPERATION_NAMES: Record<PostOperation, string> = {
	create: 'Create (order)',
	finalize: 'Finalize',
	line_item: 'Line Item → Create',
	contact: 'Contact → Create',
	unit_reserve: 'Unit → Reserve',
	unit_grant_access: 'Unit → Grant Access',
	unit_deallocate: 'Unit → Deallocate',
	unit_overlock: 'Unit → Overlock a Contact’s Units',
	unit_remove_overlock: 'Unit → Remove Overlock',
	base_price: 'Set Base Price',
	deal_create: 'Deal → Create',
	deal_win: 'Deal → Win',
	deal_lose: 'Deal → Lose',
	deal_reopen: 'Deal → Reopen',
	task_create: 'Task → Create',
	task_reopen: 'Task → Reopen',
	note_create: 'Note → Create',
	timeline_event: 'Timeline Event → Create',
};

/** The Idempotency-Key of one POST: the header sent, and what to type into the option to reuse it. */
export interface IdempotencyKey {
	header: string;
	/** Typed into Options → Idempotency Key, this sends `header` again. */
	typed: string;
	fromUser: boolean;
}

/** A POST as its operation prepares it; the router gives it its key before anything is sent. */
export interface IdempotentPost {
	path: string;
	body: IDataObject;
	/** Options → Idempotency Key, already checked, or '' for the default key. */
	userKey: string;
	key?: IdempotencyKey;
}

const DEFAULT_KEY = new RegExp(`^n8n-(${Object.keys(OPERATION_NAMES).join('|')})-[0-9a-f]{32}$`);
/** Printable ASCII without leading or trailing spaces: every HTTP stack accepts it in a header. */
const HEADER_SAFE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;
const MAX_PLAIN_KEY_LENGTH = 200;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every level, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value))
		return `[${value.map((entry) => canonicalJson(entry ?? null)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const json = (value as { toJSON?: () => unknown }).toJSON;
		if (typeof json === 'function') return canonicalJson(json.call(value));
		const entries = Object.entries(value as IDataObject)
			.filter(([, entry]) => entry !== undefined && typeof entry !== 'function')
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * Reads Options → Idempotency Key. The key the node prints in its errors is accepted as typed:
 * a default key (`n8n-create-…`) is sent as it is, and a key pasted with its operation prefix
 * (`create:X`) is not prefixed twice.
 */
export function readUserKey(check: InputChecker, operation: PostOperation, raw: unknown): string {
	if (raw !== undefined && raw !== null && typeof raw === 'object') {
		check.fail('Idempotency Key', raw, 'An idempotency key is text, e.g. a form submission ID.');
	}
	let key = String(raw ?? '')
		.normalize('NFC')
		.trim();
	if (key.startsWith(`${operation}:`)) key = key.slice(operation.length + 1).trim();
	const defaultKey = DEFAULT_KEY.exec(key);
	if (defaultKey && defaultKey[1] !== operation) {
		check.fail(
			'Idempotency Key',
			key,
			`This key was made by a ${OPERATION_NAMES[defaultKey[1] as PostOperation]} node; a ${OPERATION_NAMES[operation]} node cannot reuse it. Leave the option empty, or use your own key.`,
		);
	}
	return key;
}

/**
 * The header for a user key: the key as typed, prefixed with the operation so that one key can
 * serve a Create and a Finalize node. A key that is not printable ASCII (a name in Chinese, an
 * emoji) or is very long is sent as its SHA-256: the same key always gives the same header.
 */
export function userKeyHeader(operation: PostOperation, key: string): string {
	if (DEFAULT_KEY.test(key)) return key;
	if (HEADER_SAFE.test(key) && key.length <= MAX_PLAIN_KEY_LENGTH) return `${operation}:${key}`;
	return `${operation}:sha256-${sha256(key)}`;
}

/**
 * What makes two requests the same booking: the workflow and node that send it, the request
 * itself, and the item it was made from. n8n's execution ids restart in every database and
 * imports keep node ids, so neither can tell two bookings apart; what they send can.
 *
 * An AI Agent's tool call is the exception: n8n gives the tool the agent's own input (the chat
 * message, the session) merged with the call's arguments and a `toolCallId` that changes on
 * every try. The arguments are what the request is made of, so the request alone is the
 * booking: the same call repeated in a later chat turn reuses its key.
 */
function fingerprint(
	ctx: IExecuteFunctions,
	node: INode,
	operation: PostOperation,
	item: IDataObject,
	post: IdempotentPost,
): string {
	const input = 'toolCallId' in item ? null : item;
	return sha256(
		canonicalJson({
			scheme: 2,
			workflow: ctx.getWorkflow().id ?? null,
			node: node.id ?? node.name,
			operation,
			path: post.path,
			body: post.body,
			input,
		}),
	);
}

/**
 * Gives every prepared POST of a run its key, before anything is sent. Default keys come from
 * the request's fingerprint; identical items of one run are told apart by their order among
 * themselves, which a re-run of the same input repeats. Two items with the same user key would
 * get one order between them: both are rejected, each error naming the other item.
 */
export function assignIdempotencyKeys(
	ctx: IExecuteFunctions,
	operation: PostOperation,
	posts: Array<IdempotentPost | undefined>,
): Map<number, NodeOperationError> {
	const failures = new Map<number, NodeOperationError>();
	const occurrences = new Map<string, number>();
	const itemsByHeader = new Map<string, number[]>();
	const inputs = ctx.getInputData();
	// n8n hands out a deep copy of the node on every getNode()
	const node = ctx.getNode();
	posts.forEach((post, itemIndex) => {
		if (!post) return;
		if (post.userKey !== '') {
			const header = userKeyHeader(operation, post.userKey);
			post.key = { header, typed: post.userKey, fromUser: true };
			itemsByHeader.set(header, [...(itemsByHeader.get(header) ?? []), itemIndex]);
			return;
		}
		const seed = fingerprint(ctx, node, operation, inputs[itemIndex]?.json ?? {}, post);
		const occurrence = occurrences.get(seed) ?? 0;
		occurrences.set(seed, occurrence + 1);
		const header = `n8n-${operation}-${sha256(`${seed}\n${occurrence}`).slice(0, 32)}`;
		post.key = { header, typed: header, fromUser: false };
	});
	for (const itemIndexes of itemsByHeader.values()) {
		if (itemIndexes.length < 2) continue;
		for (const itemIndex of itemIndexes) {
			const others = itemIndexes.filter((other) => other !== itemIndex);
			const typed = posts[itemIndex]?.userKey ?? '';
			failures.set(
				itemIndex,
				new NodeOperationError(
					ctx.getNode(),
					`Invalid Idempotency Key "${typed}" [item ${itemIndex}]: item ${others.join(', item ')} has the same key`,
					{
						description:
							operation === 'create'
								? 'Stora would answer every request with this key with the first one’s order, so these items would share one order. Give each item its own key (e.g. {{ $json.submissionId }}), or leave the option empty.'
								: 'Stora would answer every request with this key with its answer to the first one, so the others would never be carried out. Give each item its own key (e.g. {{ $json.rowId }}), or leave the option empty.',
						itemIndex,
					},
				),
			);
		}
	}
	return failures;
}

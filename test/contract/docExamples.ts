/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Stora's own doc pages for the Orders endpoints (the authority; see BRIEF/README). */
export const DOCS_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'stora-docs');

/** Every top-level JSON object printed on a doc page, in page order (request bodies and responses alike). */
export function jsonBlocks(text: string): unknown[] {
	const blocks: unknown[] = [];
	let i = text.indexOf('{');
	while (i !== -1) {
		const end = balancedEnd(text, i);
		if (end !== -1) {
			try {
				blocks.push(JSON.parse(text.slice(i, end + 1)));
				i = text.indexOf('{', end + 1);
				continue;
			} catch {
				// not JSON (e.g. `{order_id}` in a URL): look further on
			}
		}
		i = text.indexOf('{', i + 1);
	}
	return blocks;
}

/** Index of the `}` closing the `{` at start, skipping strings; -1 if none. */
function balancedEnd(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return i;
	}
	return -1;
}

export interface DocExample {
	page: string;
	/** The answer's wrapper key: `order`, `orders`, `contact`, `line_items`. */
	wrapper: string;
	body: Record<string, unknown>;
}

/** The example responses (objects wrapped as `order` or `orders`) of every doc page, deduplicated per page. */
export function docResponses(dir = DOCS_DIR): DocExample[] {
	const out: DocExample[] = [];
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.txt'))
		.sort()) {
		const seen = new Set<string>();
		for (const block of jsonBlocks(readFileSync(join(dir, file), 'utf8'))) {
			if (!block || typeof block !== 'object') continue;
			const body = block as Record<string, unknown>;
			const wrapper = Array.isArray(body.orders)
				? 'orders'
				: body.order && typeof body.order === 'object' && 'status' in (body.order as object)
					? 'order'
					: undefined;
			const key = JSON.stringify(body);
			if (!wrapper || seen.has(key)) continue;
			seen.add(key);
			out.push({ page: file.replace(/\.txt$/, ''), wrapper, body });
		}
	}
	return out;
}

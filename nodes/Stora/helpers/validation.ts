import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toUtcIso } from './dateTime';

/**
 * Input checks that run before any request is sent. Each failure names the field, the value
 * and the item, and says what a valid value looks like.
 */
export class InputChecker {
	constructor(
		private readonly ctx: Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>,
		readonly itemIndex: number,
	) {}

	fail(field: string, value: unknown, rule: string): never {
		const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
		throw new NodeOperationError(
			this.ctx.getNode(),
			`Invalid ${field} ${shown ?? 'undefined'} [item ${this.itemIndex}]`,
			{ description: rule, itemIndex: this.itemIndex },
		);
	}

	id(field: string, value: unknown, prefix: string): string {
		const id = typeof value === 'string' ? value.trim() : value;
		if (typeof id !== 'string' || !new RegExp(`^${prefix}[A-Za-z0-9]+$`).test(id)) {
			this.fail(
				field,
				value,
				`A ${field} is an ID that starts with "${prefix}", e.g. ${prefix}14b419f1096013f1.`,
			);
		}
		return id;
	}

	integer(field: string, value: unknown, min: number): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
			this.fail(field, value, `${field} must be a whole number of ${min} or more.`);
		}
		return number;
	}

	email(field: string, value: string): string {
		const email = value.trim();
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
			this.fail(field, value, `${field} must be an email address, e.g. jane@example.com.`);
		}
		return email;
	}

	dateTime(field: string, value: unknown): string {
		const text = dateText(value);
		const iso = text === undefined ? undefined : toUtcIso(text, this.ctx.getTimezone());
		if (iso === undefined) {
			this.fail(field, value, `${field} must be a date and time, e.g. 2025-03-04T14:41:00Z.`);
		}
		return iso;
	}

	httpUrl(field: string, value: string): string {
		const url = value.trim();
		let protocol = '';
		try {
			protocol = new URL(url).protocol;
		} catch {
			protocol = '';
		}
		if (protocol !== 'https:' && protocol !== 'http:') {
			this.fail(
				field,
				value,
				`${field} must be an http(s) URL, e.g. https://example.com/orders/cancelled.`,
			);
		}
		return url;
	}

	/** A JSON parameter arrives as text typed by the user, or as a value mapped by an expression. */
	json(field: string, value: unknown): unknown {
		if (typeof value !== 'string') return value;
		try {
			return JSON.parse(value);
		} catch (error) {
			return this.fail(field, value, `${field} is not valid JSON: ${(error as Error).message}.`);
		}
	}

	oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
		if (typeof value !== 'string' || !allowed.includes(value as T)) {
			this.fail(field, value, `${field} must be one of: ${allowed.join(', ')}.`);
		}
		return value as T;
	}

	object(field: string, value: unknown): IDataObject {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			this.fail(field, value, `${field} must be a JSON object.`);
		}
		return value as IDataObject;
	}
}

/** Expressions may give a string, a JS Date or a Luxon DateTime ($now, $today). */
function dateText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	const toISO = (value as { toISO?: unknown } | null)?.toISO;
	if (typeof toISO === 'function') return String(toISO.call(value));
	return undefined;
}

export const METADATA_MAX_KEYS = 20;
const METADATA_KEY_PATTERN = /^[a-z0-9._:-]{1,40}$/;
const METADATA_MAX_VALUE_LENGTH = 500;

/** Stora's metadata rules: at most 20 keys of [a-z0-9._:-]{1,40}, string values up to 500 characters. */
export function checkMetadata(
	check: InputChecker,
	field: string,
	metadata: IDataObject,
): IDataObject {
	const keys = Object.keys(metadata);
	if (keys.length > METADATA_MAX_KEYS) {
		check.fail(
			field,
			metadata,
			`Stora accepts at most ${METADATA_MAX_KEYS} metadata keys; this has ${keys.length}.`,
		);
	}
	for (const key of keys) {
		if (!METADATA_KEY_PATTERN.test(key)) {
			check.fail(
				`${field} key`,
				key,
				'A metadata key is 1 to 40 characters of lowercase letters, digits, ".", "_", ":" or "-".',
			);
		}
		const value = metadata[key];
		if (typeof value !== 'string') {
			check.fail(`${field} value for "${key}"`, value, 'Metadata values must be text.');
		}
		if (value.length > METADATA_MAX_VALUE_LENGTH) {
			check.fail(
				`${field} value for "${key}"`,
				`${value.slice(0, 40)}…`,
				`A metadata value is at most ${METADATA_MAX_VALUE_LENGTH} characters; this one has ${value.length}.`,
			);
		}
	}
	return metadata;
}

export function pairsToObject(
	pairs: Array<{ key?: string; value?: unknown }> | undefined,
): IDataObject {
	const result: IDataObject = {};
	for (const { key = '', value = '' } of pairs ?? []) {
		// A blank row is ignored; a value without a key is kept so the key check reports it.
		if (key === '' && value === '') continue;
		result[key] = value as IDataObject[string];
	}
	return result;
}

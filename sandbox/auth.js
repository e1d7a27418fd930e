'use strict';

const { ApiError } = require('./errors');

/** Every scope the sandbox knows (stora-api.md §1.4); the default token holds all of them. */
const ALL_SCOPES = [
	'public.access_token:read',
	'public.application:read',
	'public.contact:read',
	'public.contact:write',
	'public.contract:read',
	'public.contract_template:read',
	'public.coupon:read',
	'public.credit_note:read',
	'public.deal:read',
	'public.deal:write',
	'public.deal_stage:read',
	'public.identity_verification:read',
	'public.invoice:read',
	'public.note:read',
	'public.note:write',
	'public.order:read',
	'public.order:write',
	'public.product:read',
	'public.product:write',
	'public.product_category:read',
	'public.protection_level:read',
	'public.protection_level:write',
	'public.site:read',
	'public.staff:read',
	'public.subscription:read',
	'public.task:read',
	'public.task:write',
	'public.tenancy:read',
	'public.timeline_event:write',
	'public.timeline_source:read',
	'public.timeline_template:read',
	'public.unit:read',
	'public.unit:write',
	'public.unit_type:read',
	'public.unit_type:write',
	'public.webhook_endpoint:read',
	'public.webhook_endpoint:write',
];

/**
 * Builds the token table: the main token with every scope plus any extra tokens.
 * @param {string} token
 * @param {Record<string, string[]>} extra
 * @returns {Map<string, Set<string>>}
 */
function buildTokenTable(token, extra = {}) {
	const table = new Map();
	table.set(token, new Set(ALL_SCOPES));
	for (const [t, scopes] of Object.entries(extra)) table.set(t, new Set(scopes));
	return table;
}

/**
 * Resolves the bearer token of a request, or throws 401 invalid_token.
 * @param {string | undefined} header the Authorization header
 * @param {Map<string, Set<string>>} tokens
 * @param {(token: string) => boolean} [expired] whether an issued OAuth token has run out
 * @returns {{ token: string, scopes: Set<string> }}
 */
function authenticate(header, tokens, expired = () => false) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header || '');
	if (!match) throw new ApiError('invalid_token', 'The access token is missing or malformed.');
	const scopes = tokens.get(match[1]);
	if (!scopes || expired(match[1])) throw new ApiError('invalid_token', 'The access token is invalid or has expired.');
	return { token: match[1], scopes };
}

/**
 * Throws 403 forbidden naming the scopes that are missing.
 * @param {Set<string>} held
 * @param {string[]} needed
 */
function requireScopes(held, needed) {
	const missing = [...new Set(needed)].filter((s) => !held.has(s));
	if (missing.length === 0) return;
	throw new ApiError(
		'forbidden',
		`You do not have permission to access this resource: the access token is missing the scope ${missing.join(', ')}.`,
		missing.map((s) => ({ message: `missing scope ${s}`, pointer: null })),
	);
}

module.exports = { ALL_SCOPES, buildTokenTable, authenticate, requireScopes };

/**
 * What a request to a Stora path is about, in the words of its errors: the record, what a POST
 * to it does, and the scope it needs.
 */

/** Each collection's record, as errors name it. */
const RECORD_NAMES: Record<string, string> = {
	orders: 'order',
	contacts: 'contact',
	webhook_endpoints: 'webhook endpoint',
	units: 'unit',
	unit_allocations: 'unit allocation',
	tenancies: 'tenancy',
	subscriptions: 'subscription',
	invoices: 'invoice',
	credit_notes: 'credit note',
	contracts: 'contract',
	sites: 'site',
	unit_types: 'unit type',
	protection_levels: 'protection level',
	products: 'product',
	deals: 'deal',
	'deals/stages': 'deal stage',
	tasks: 'task',
	notes: 'note',
	'timeline/events': 'timeline event',
	'timeline/sources': 'timeline source',
	'timeline/templates': 'timeline template',
	identity_verifications: 'identity verification',
};

/** The scope name of each collection beyond orders, contacts and webhook endpoints (catalogue §1). */
const SCOPE_NAMES: Record<string, string> = {
	units: 'unit',
	// Not visible in Stora's docs: allocations are read with the units they belong to.
	unit_allocations: 'unit',
	tenancies: 'tenancy',
	subscriptions: 'subscription',
	invoices: 'invoice',
	credit_notes: 'credit_note',
	contracts: 'contract',
	sites: 'site',
	unit_types: 'unit_type',
	protection_levels: 'protection_level',
	products: 'product',
	deals: 'deal',
	'deals/stages': 'deal_stage',
	tasks: 'task',
	notes: 'note',
	'timeline/events': 'timeline_event',
	'timeline/sources': 'timeline_source',
	'timeline/templates': 'timeline_template',
	identity_verifications: 'identity_verification',
};

/** A POST that changes records rather than creating one. */
interface Action {
	path: RegExp;
	subject: string;
	/** What Stora may have done when no answer came, e.g. "reserved the unit". */
	done: string;
	/** The sentence for a server error. */
	unsure: string;
	/** What Stora refused, for its 409 and 422 answers, e.g. "reserve this unit". */
	refused: string;
	/** What to check before trying again, when not the unit's or the contact's state. */
	check?: string;
}

const DEAL_STATE_ADVICE =
	'Check the deal’s status in Stora (Deal → Get): only open deals can be won or lost, and only won or lost ones reopened';

/** Win, Lose and Reopen of a deal: the same words but for the action's own. */
const dealAction = (action: string, done: string): Action => ({
	path: new RegExp(`^/deals/[^/]+/${action}$`),
	subject: 'deal',
	done: `marked the deal ${done}`,
	unsure: `The deal may or may not have been marked ${done}: check it in Stora before trying again.`,
	refused: `${action} this deal in its current state`,
	check: DEAL_STATE_ADVICE,
});

const UNIT_STATE_ADVICE =
	'Check the unit’s status and allocation in Stora (Unit → Get, or Unit Allocation → Get Many for this unit)';

const ACTIONS: Action[] = [
	{
		path: /^\/units\/[^/]+\/reserve$/,
		subject: 'unit',
		done: 'reserved the unit',
		unsure:
			'The unit may or may not have been reserved: check it in Stora before reserving it again.',
		refused:
			'reserve this unit for this tenancy in its current state (e.g. it is occupied, or reserved for another tenancy)',
	},
	{
		path: /^\/units\/[^/]+\/grant_access$/,
		subject: 'unit',
		done: 'granted access to the unit',
		unsure:
			'Access to the unit may or may not have been granted: check the unit in Stora before granting access again.',
		refused:
			'grant this tenancy access to this unit in its current state (e.g. it is reserved for another tenancy, or occupied)',
	},
	{
		path: /^\/units\/[^/]+\/deallocate$/,
		subject: 'unit',
		done: 'deallocated the unit',
		unsure:
			'The unit may or may not have been deallocated: check it in Stora before deallocating it again.',
		refused: 'deallocate this unit in its current state',
	},
	{
		path: /^\/units\/overlock$/,
		subject: 'contact’s units',
		done: 'overlocked the contact’s units',
		unsure:
			'The contact’s units may or may not have been overlocked: check them in Stora before overlocking them again.',
		refused: 'overlock this contact’s units',
	},
	{
		path: /^\/units\/remove_overlock$/,
		subject: 'contact’s units',
		done: 'removed the overlock from the contact’s units',
		unsure:
			'The overlock may or may not have been removed from the contact’s units: check them in Stora before removing it again.',
		refused: 'remove the overlock from this contact’s units',
	},
	{
		path: /^\/(unit_types|protection_levels|products)\/[^/]+\/base_price$/,
		subject: 'base prices',
		done: 'set the base prices',
		unsure:
			'The base prices may or may not have been set: check the record’s prices in Stora before setting them again.',
		refused: 'set these base prices',
	},
	dealAction('win', 'won'),
	dealAction('lose', 'lost'),
	dealAction('reopen', 'open again'),
	{
		path: /^\/tasks\/[^/]+\/open$/,
		subject: 'task',
		done: 'reopened the task',
		unsure:
			'The task may or may not have been reopened: check it in Stora before reopening it again.',
		refused: 'reopen this task in its current state',
		check: 'Check the task in Stora (Task → Get Many)',
	},
];

const actionOf = (path: string) => ACTIONS.find((action) => action.path.test(path));

/** The collection a path names: its first segment, or two for the timeline's and deal stages'. */
const collectionOf = (path: string) =>
	/^\/(timeline\/[a-z_]+|deals\/stages|[a-z_]+)/.exec(path)?.[1] ?? '';

/** The record a request is about, for the error's wording. */
export function subjectOf(path: string): string {
	const action = actionOf(path);
	if (action) return action.subject;
	if (/^\/orders\/[^/]+\/line_items/.test(path)) return 'line item';
	return RECORD_NAMES[collectionOf(path)] ?? 'order';
}

/** What Stora may have done with a POST whose answer never came, e.g. "stored the order". */
export function mayHaveDone(path: string): string {
	return actionOf(path)?.done ?? `stored the ${subjectOf(path)}`;
}

/** The sentence for a POST that got a server error. */
export function unsureSentence(path: string): string {
	return (
		actionOf(path)?.unsure ??
		`The ${subjectOf(path)} may or may not have been created: check it in Stora before creating it again.`
	);
}

/** The record named in a path's ID segment, e.g. `unit` for `/units/unit_1/reserve`. */
export function recordOfPath(path: string): string | undefined {
	const collection = collectionOf(path);
	if (!path.startsWith(`/${collection}/`)) return undefined;
	return RECORD_NAMES[collection];
}

/** What to do when Stora refuses an action on a record (409 `conflict`, 422): the same for both. */
export function refusalAdvice(method: string, path: string): string | undefined {
	const action = method === 'POST' ? actionOf(path) : undefined;
	if (!action) return undefined;
	const check =
		action.check ??
		(action.subject === 'base prices'
			? 'Check each billing period (at most once) and amount (a whole number in minor units, e.g. 4999 for 49.99)'
			: action.subject === 'unit'
				? UNIT_STATE_ADVICE
				: 'Check the contact and the status of their units in Stora (Unit → Get Many)');
	return `Stora refused to ${action.refused}. ${check}; when it is fixed, run the node again with a new Idempotency Key (Options → Idempotency Key): for 24 hours Stora answers the same key with this same refusal.`;
}

/** The scope a request to one of the collections beyond orders and contacts needs. */
export function scopeOf(method: string, path: string): string | undefined {
	const name = SCOPE_NAMES[collectionOf(path)];
	if (!name) return undefined;
	return `public.${name}:${method === 'GET' ? 'read' : 'write'}`;
}

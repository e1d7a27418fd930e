'use strict';
/**
 * Workflows the tests derive from the examples (so that what is tested is the example itself,
 * with only its sample input changed) and a few test-only workflows.
 */
const { STORA_CREDENTIAL_ID, STORA_CREDENTIAL_NAME } = require('./stack');

const clone = (x) => JSON.parse(JSON.stringify(x));

/** A copy of a workflow with a new id/name and the given Set-node fields replaced. */
function withBookingDetails(workflow, { id, name, setNode = 'Booking details', fields }) {
	const wf = clone(workflow);
	wf.id = id;
	wf.name = name;
	const set = wf.nodes.find((n) => n.name === setNode);
	if (!set) throw new Error(`no node "${setNode}" in ${workflow.name}`);
	for (const [key, value] of Object.entries(fields)) {
		const a = set.parameters.assignments.assignments.find((x) => x.name === key);
		if (!a) throw new Error(`no field "${key}" in "${setNode}"`);
		a.value = value;
	}
	return wf;
}

/** A copy of a workflow with a new id/name and some parameters of one node replaced (shallow merge). */
function withNodeParameters(workflow, { id, name, node, parameters }) {
	const wf = clone(workflow);
	wf.id = id;
	wf.name = name;
	const target = wf.nodes.find((n) => n.name === node);
	if (!target) throw new Error(`no node "${node}" in ${workflow.name}`);
	target.parameters = { ...target.parameters, ...clone(parameters) };
	return wf;
}

/**
 * A copy of an example cut down to its manual trigger and one of its Stora nodes, that node switched
 * to Get (resource Order) of `orderId` by ID and renamed `rename`; its credential, position and the
 * example's "Expand" option stay.
 */
function withStoraGet(workflow, { id, name, trigger, node, rename = node, orderId }) {
	const wf = clone(workflow);
	wf.id = id;
	wf.name = name;
	const start = wf.nodes.find((n) => n.name === trigger);
	const stora = wf.nodes.find((n) => n.name === node);
	if (!start) throw new Error(`no node "${trigger}" in ${workflow.name}`);
	if (!stora || stora.type !== 'n8n-nodes-stora.stora') throw new Error(`no Stora node "${node}" in ${workflow.name}`);
	const expand = stora.parameters.options?.expand;
	stora.name = rename;
	stora.parameters = {
		resource: 'order',
		operation: 'get',
		orderId: { __rl: true, mode: 'id', value: orderId },
		options: expand ? { expand } : {},
	};
	wf.nodes = [start, stora];
	wf.connections = { [trigger]: { main: [[{ node: rename, type: 'main', index: 0 }]] } };
	wf.pinData = {};
	return wf;
}

/**
 * Manual trigger → Code (one item per order id) → Stora Get with "On Error: Continue (using error
 * output)" → "Found" / "Failed" no-ops.
 */
function continueOnFailWorkflow({ id, orderIds }) {
	const code = `return ${JSON.stringify(orderIds.map((orderId) => ({ json: { order_id: orderId } })))};`;
	return {
		id,
		name: 'e2e: Stora Get with error output',
		nodes: [
			{ id: 'c0f-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c0f-2',
				name: 'Order IDs',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: code },
			},
			{
				id: 'c0f-3',
				name: 'Get order',
				type: 'n8n-nodes-stora.stora',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'order',
					operation: 'get',
					orderId: { __rl: true, mode: 'id', value: '={{ $json.order_id }}' },
					options: {},
				},
				credentials: { storaApi: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME } },
				onError: 'continueErrorOutput',
			},
			{ id: 'c0f-4', name: 'Found', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, -100], parameters: {} },
			{ id: 'c0f-5', name: 'Failed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, 100], parameters: {} },
		],
		connections: {
			Start: { main: [[{ node: 'Order IDs', type: 'main', index: 0 }]] },
			'Order IDs': { main: [[{ node: 'Get order', type: 'main', index: 0 }]] },
			'Get order': {
				main: [[{ node: 'Found', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** A workflow with only a Stora Trigger on the given credential (activating it registers a webhook endpoint). */
function triggerOnlyWorkflow({ id, credential, events = ['order.created'] }) {
	return {
		id,
		name: `e2e: Stora Trigger (${credential.name})`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Stora Trigger',
				type: 'n8n-nodes-stora.storaTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events, options: {} },
				credentials: { storaApi: { id: credential.id, name: credential.name } },
				webhookId: `${id}-webhook`,
			},
		],
		connections: {},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	triggerOnlyWorkflow, clone, withBookingDetails, withNodeParameters, withStoraGet, continueOnFailWorkflow };

/**
 * Problems with a node's parameters against its description (as n8n serves it in /types/nodes.json):
 * unknown names, names not shown for the chosen resource/operation, static option values that do not
 * exist. Expressions are not evaluated. Catches examples drifting from the node's parameter names,
 * which n8n would otherwise ignore silently. With `version` (the node's typeVersion), parameters of
 * the other version (`displayOptions` on `@version`) count as not shown.
 */
function checkNodeParameters(properties, parameters, where = '', version = undefined) {
	const problems = [];
	const isExpression = (v) => typeof v === 'string' && v.startsWith('=');
	const valueOf = (siblings, params, name) => {
		if (name in params) return params[name];
		const p = siblings.find((s) => s.name === name);
		return p ? p.default : undefined;
	};
	const matches = (allowed, value) =>
		isExpression(value) ||
		(Array.isArray(value) ? value.some((v) => allowed.includes(v)) : allowed.includes(value));
	const shown = (prop, siblings, params) => {
		const { show = {}, hide = {} } = prop.displayOptions || {};
		for (const [k, allowed] of Object.entries(show)) {
			// `@version` is checked when the node's typeVersion is given; other `@`/`/` conditions are not
			if (k === '@version' && version !== undefined && !allowed.includes(version)) return false;
			if (k.startsWith('@') || k.startsWith('/')) continue;
			if (!matches(allowed, valueOf(siblings, params, k))) return false;
		}
		for (const [k, hidden] of Object.entries(hide)) {
			if (k === '@version' && version !== undefined && hidden.includes(version)) return false;
			if (k.startsWith('@') || k.startsWith('/')) continue;
			const v = valueOf(siblings, params, k);
			if (!isExpression(v) && matches(hidden, v)) return false;
		}
		return true;
	};
	const walk = (siblings, params, path) => {
		for (const [key, value] of Object.entries(params || {})) {
			const here = `${path}${key}`;
			const candidates = siblings.filter((p) => p.name === key);
			if (candidates.length === 0) {
				problems.push(`${where}${here}: no such parameter`);
				continue;
			}
			const prop = candidates.find((p) => shown(p, siblings, params));
			if (!prop) {
				problems.push(`${where}${here}: not shown for these settings (hidden by displayOptions)`);
				continue;
			}
			if (isExpression(value)) continue;
			if (prop.type === 'collection') {
				walk(prop.options || [], value, `${here}.`);
			} else if (prop.type === 'fixedCollection') {
				for (const [group, entries] of Object.entries(value || {})) {
					const def = (prop.options || []).find((o) => o.name === group);
					if (!def) {
						problems.push(`${where}${here}.${group}: no such group`);
						continue;
					}
					[].concat(entries).forEach((entry, i) => walk(def.values || [], entry, `${here}.${group}[${i}].`));
				}
			} else if (prop.type === 'options' && Array.isArray(prop.options) && !prop.typeOptions?.loadOptionsMethod) {
				if (!prop.options.some((o) => o.value === value)) problems.push(`${where}${here}: "${value}" is not an option`);
			} else if (prop.type === 'multiOptions' && Array.isArray(prop.options) && !prop.typeOptions?.loadOptionsMethod) {
				for (const v of [].concat(value)) {
					if (!prop.options.some((o) => o.value === v)) problems.push(`${where}${here}: "${v}" is not an option`);
				}
			} else if (prop.type === 'resourceLocator') {
				const modes = (prop.modes || []).map((m) => m.name);
				if (value && value.mode && !modes.includes(value.mode)) problems.push(`${where}${here}: mode "${value.mode}" is not one of ${modes}`);
			}
		}
	};
	walk(properties, parameters, '');
	return problems;
}

module.exports.checkNodeParameters = checkNodeParameters;

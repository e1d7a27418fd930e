import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/common';
import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { recordAction } from '../crm/action';
import { assigneeField, assigneeRef, definedEntries, nested, optionalRef } from '../crm/fields';
import { stageLocator } from './fields';

const { deal, dealStage } = CRM_RECORDS;

/** Deal → Win: `POST /deals/{id}/win`, no body; the deal's status becomes `won`. */
export const win = recordAction({
	record: deal,
	operation: 'win',
	suffix: 'win',
	keySpace: 'deal_win',
	subject: 'win of the deal',
});

/** The reasons Stora's docs list; the list is cut there, so an expression may give another. */
const LOST_REASONS: Record<string, string> = {
	'Accessibility Concern': 'accessibility_concern',
	'Better Deal Elsewhere': 'better_deal_elsewhere',
	'Chose Competitor': 'chose_competitor',
	'Price Concerns': 'price_concerns',
};

const lostReasonField: INodeProperties = {
	displayName: 'Lost Reason',
	name: 'lostReason',
	type: 'options',
	required: true,
	options: Object.entries(LOST_REASONS).map(([name, value]) => ({ name, value })),
	default: '',
	description:
		'Why the deal was lost, from Stora’s list: accessibility_concern, better_deal_elsewhere, chose_competitor, price_concerns. Stora’s docs cut the list short: for another of Stora’s reasons, give its value as an expression, e.g. {{ "contract_terms" }}.',
};

/** Deal → Lose: `POST /deals/{id}/lose` with the required `lost_reason`. */
export const lose = recordAction({
	record: deal,
	operation: 'lose',
	suffix: 'lose',
	keySpace: 'deal_lose',
	subject: 'loss of the deal',
	fields: [lostReasonField],
	body(ctx, check) {
		const raw = ctx.getNodeParameter('lostReason', check.itemIndex, '') as unknown;
		const reason = typeof raw === 'string' ? raw.trim() : '';
		if (!/^[a-z][a-z0-9_]*$/.test(reason)) {
			check.fail(
				'Lost Reason',
				raw ?? '',
				`A Lose needs one of Stora’s lost reasons, e.g. ${Object.values(LOST_REASONS).join(', ')} (lowercase words joined by _).`,
			);
		}
		return { lost_reason: reason };
	},
});

/** Deal → Reopen: `POST /deals/{id}/reopen`, optionally to a stage and an assignee. */
export const reopen = recordAction({
	record: deal,
	operation: 'reopen',
	suffix: 'reopen',
	keySpace: 'deal_reopen',
	subject: 'reopening of the deal',
	fields: [additionalFields([assigneeField('the reopened deal'), stageLocator(false)])],
	body(ctx, check) {
		const fields = ctx.getNodeParameter('additionalFields', check.itemIndex, {}) as IDataObject;
		return definedEntries({
			stage: optionalRef(check, dealStage, nested(fields, dealStage), 'Stage'),
			assignee: assigneeRef(check, fields.assigneeId),
		});
	},
});

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, contactIdLocator } from '../../descriptions/common';
import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { readRecordId, recordLocator } from '../../descriptions/records';
import { InputChecker } from '../../helpers/validation';
import { locatorValue, optionalRef } from '../crm/fields';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import { actionOptions, postAction, prepareAction } from '../recordPost';
import { eventFieldOptions, eventFieldsBody, pairsOf } from './fields';

const { timelineEvent, timelineSource, timelineTemplate } = CRM_RECORDS;

/** The chosen template's predefined variables as fields, loaded by `resourceMapping.ts`. */
const variablesField: INodeProperties = {
	displayName: 'Variables',
	name: 'variables',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	description:
		'The template’s predefined variables; Stora refuses the event without the required ones',
	typeOptions: {
		loadOptionsDependsOn: ['timelineTemplateId.value'],
		resourceMapper: {
			resourceMapperMethod: 'getTimelineTemplateVariables',
			mode: 'add',
			fieldWords: { singular: 'variable', plural: 'variables' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: false,
		},
	},
};

interface MapperValue {
	value?: IDataObject | null;
	schema?: Array<{ id: string; displayName?: string; required?: boolean; removed?: boolean }>;
}

const blank = (value: unknown) =>
	value === undefined || value === null || String(value).trim() === '';

/** The mapper's values, the required ones (as the template marked them when loaded) checked. */
function mappedVariables(check: InputChecker, raw: unknown): IDataObject {
	const mapper = (raw ?? {}) as MapperValue;
	const values = mapper.value ?? {};
	for (const field of mapper.schema ?? []) {
		if (field.required && !field.removed && blank(values[field.id])) {
			check.fail(
				`Variable "${field.id}"`,
				values[field.id] ?? '',
				'The template requires this variable: give it a value.',
			);
		}
	}
	return Object.fromEntries(Object.entries(values).filter(([, value]) => !blank(value)));
}

/** Timeline Event → Create: `POST /timeline/events`, an event on a contact's timeline. */
export const create: Operation<PreparedAction> = {
	keySpace: 'timeline_event',
	description: updateDisplayOptions(
		{ show: { resource: ['timelineEvent'], operation: ['create'] } },
		[
			recordLocator(timelineSource, {
				description:
					'Where the event comes from, e.g. your phone system: pick one of Stora’s sources, or give its ID (tsrc_…)',
			}),
			recordLocator(timelineTemplate, {
				description:
					'How the event reads on the timeline: pick a template, or give its ID (aetpl_…)',
			}),
			{
				...contactIdLocator,
				required: false,
				description:
					'The contact whose timeline shows the event: search by name, email or phone, or give its ID (con_…)',
			},
			variablesField,
			additionalFields(eventFieldOptions(false)),
			actionOptions('event', 'timeline event'),
		],
	),
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedAction {
		const check = new InputChecker(this, itemIndex);
		const source = { id: readRecordId(this, check, timelineSource) };
		const template = { id: readRecordId(this, check, timelineTemplate) };
		const contact = optionalRef(
			check,
			{ displayName: 'Contact', prefix: 'con_' },
			locatorValue(this.getNodeParameter('contactId', itemIndex, '')),
		);
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const predefined = mappedVariables(check, this.getNodeParameter('variables', itemIndex, {}));
		const custom = pairsOf(check, fields, 'Custom Variable');
		for (const name of Object.keys(custom)) {
			if (name in predefined) {
				check.fail(
					'Custom Variable name',
					name,
					`"${name}" is also among the template’s variables: give it once.`,
				);
			}
		}
		const variables = { ...predefined, ...custom };
		const body: IDataObject = { source, template, ...eventFieldsBody(check, fields) };
		if (contact) body.contact = contact;
		if (Object.keys(variables).length > 0) body.variables = variables;
		return prepareAction(this, check, 'timeline_event', timelineEvent.path, body);
	},
	async execute(this: IExecuteFunctions, prepared, itemIndex) {
		return await postAction(this, prepared, itemIndex, { key: timelineEvent.single });
	},
};

import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { CRM_RECORDS } from '../descriptions/crmRecords';
import { storaApiRequest } from '../transport';
import { EDITOR_RETRY_SETTINGS } from '../transport/retryPolicy';

const { timelineTemplate } = CRM_RECORDS;

/** A template's variable as Stora lists it: a name, or an object naming it (and whether it is required). */
function variableOf(entry: unknown): { name: string; required?: boolean } | undefined {
	if (typeof entry === 'string') return entry.trim() ? { name: entry.trim() } : undefined;
	if (entry === null || typeof entry !== 'object') return undefined;
	const object = entry as IDataObject;
	const name = object.name ?? object.key ?? object.id;
	if (typeof name !== 'string' || name.trim() === '') return undefined;
	return {
		name: name.trim(),
		required: typeof object.required === 'boolean' ? object.required : undefined,
	};
}

/**
 * The chosen template's predefined variables as the Variables mapper's fields. The template
 * defines which Stora requires: required unless it says otherwise.
 */
export async function getTimelineTemplateVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const id = this.getCurrentNodeParameter('timelineTemplateId', { extractValue: true });
	if (typeof id !== 'string' || !new RegExp(`^${timelineTemplate.prefix}[A-Za-z0-9]+$`).test(id)) {
		return {
			fields: [],
			emptyFieldsNotice: 'Pick a template first: its variables are shown here.',
		};
	}
	const body = await storaApiRequest.call(
		this,
		{
			method: 'GET',
			path: `${timelineTemplate.path}/${id}`,
			expect: { [timelineTemplate.single]: 'object' },
		},
		{ retry: EDITOR_RETRY_SETTINGS },
	);
	const template = body[timelineTemplate.single] as IDataObject;
	const predefined = ((template.variables as IDataObject | null | undefined)?.predefined ??
		[]) as unknown[];
	const fields = (Array.isArray(predefined) ? predefined : [])
		.map(variableOf)
		.filter((variable) => variable !== undefined)
		.map(({ name, required }) => ({
			id: name,
			displayName: name,
			required: required ?? true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string' as const,
		}));
	return {
		fields,
		emptyFieldsNotice: 'This template has no predefined variables: add Custom Variables instead.',
	};
}

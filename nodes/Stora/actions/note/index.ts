import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, metadataFields, optionsCollection } from '../../descriptions/common';
import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { readRecordId, recordLocator } from '../../descriptions/records';
import { metadataOf, metadataPatchOf } from '../../helpers/metadata';
import { readOptions } from '../../helpers/options';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import {
	definedEntries,
	optionalText,
	requiredText,
	resourceId,
	resourceIdField,
} from '../crm/fields';
import type { Operation } from '../operation';
import { recordUpdate } from '../crm/update';
import { plainResource } from '../plain/plainResource';
import type { PreparedAction } from '../recordPost';
import { actionOptions, postAction, prepareAction } from '../recordPost';
import { resourceIdsFilter } from './filters';

const record = CRM_RECORDS.note;

const contentField: INodeProperties = {
	displayName: 'Content',
	name: 'content',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. Called Jane: she will visit on Saturday',
	description: 'What the note says',
};

const noteLocator = recordLocator(record, {
	description: 'The note: pick one from the list, or give its ID (note_…)',
});

/** Note → Create: `POST /notes`; content and resource are required. */
const create: Operation<PreparedAction> = {
	keySpace: 'note_create',
	description: updateDisplayOptions({ show: { resource: ['note'], operation: ['create'] } }, [
		{ ...contentField, required: true },
		resourceIdField('the note', true),
		additionalFields(metadataFields('note')),
		actionOptions('note', 'note'),
	]),
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedAction {
		const check = new InputChecker(this, itemIndex);
		const content = requiredText(check, 'Content', this.getNodeParameter('content', itemIndex, ''));
		const raw = this.getNodeParameter('resourceId', itemIndex, '');
		const resource = {
			id: resourceId(check, 'Resource ID', requiredText(check, 'Resource ID', raw)),
		};
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = definedEntries({ content, resource, metadata: metadataOf(check, fields) });
		return prepareAction(this, check, 'note_create', record.path, body);
	},
	async execute(this: IExecuteFunctions, prepared, itemIndex) {
		return await postAction(this, prepared, itemIndex, { key: record.single });
	},
};

/** Note → Update: `PATCH /notes/{id}`. */
const update = recordUpdate({
	record,
	locator: noteLocator,
	about: 'Resource ID moves the note to another record.',
	fields: [
		{ ...contentField, description: 'The note’s new text' },
		...metadataFields('note', true),
		resourceIdField('the note'),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	body(check, fields) {
		const resource = optionalText(fields.resourceId);
		return definedEntries({
			content: optionalText(fields.content),
			resource:
				resource === undefined ? undefined : { id: resourceId(check, 'Resource ID', resource) },
			metadata: metadataPatchOf(check, fields),
		});
	},
});

interface PreparedDelete {
	id: string;
	retry: RetrySettings;
}

/**
 * Note → Delete: `DELETE /notes/{id}`, output `{ deleted: true, id }`. Any 2xx is a deletion;
 * when an earlier attempt's answer was lost, the transport reads the retry's 404 as that deletion.
 */
const deleteNote: Operation<PreparedDelete> = {
	description: updateDisplayOptions({ show: { resource: ['note'], operation: ['delete'] } }, [
		noteLocator,
		optionsCollection([], false),
	]),
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedDelete {
		const check = new InputChecker(this, itemIndex);
		return { id: readRecordId(this, check, record), retry: readOptions(this, itemIndex).retry };
	},
	async execute(this: IExecuteFunctions, { id, retry }, itemIndex) {
		await storaApiRequest.call(
			this,
			{ method: 'DELETE', path: `${record.path}/${id}` },
			{ itemIndex, retry },
		);
		return { deleted: true, id };
	},
};

export const note = plainResource({
	record,
	get: false,
	listDescription: 'List the notes on records',
	filters: [resourceIdsFilter],
	additionalQuery: true,
	actions: [
		{
			option: {
				name: 'Create',
				value: 'create',
				action: 'Create a note',
				description: 'Write a note on a record',
			},
			operation: create,
		},
		{
			option: {
				name: 'Delete',
				value: 'delete',
				action: 'Delete a note',
				description: 'Delete a note',
			},
			operation: deleteNote,
		},
		{
			option: {
				name: 'Update',
				value: 'update',
				action: 'Update a note',
				description: 'Change a note’s text, record or metadata',
			},
			operation: update,
		},
	],
});

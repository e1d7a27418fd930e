import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { additionalFields } from '../../descriptions/common';
import { updateDisplayOptions } from 'n8n-workflow';

import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { InputChecker } from '../../helpers/validation';
import { requiredText } from '../crm/fields';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import { actionOptions, postAction, prepareAction } from '../recordPost';
import { taskFieldOptions, taskFieldsBody, titleField } from './fields';

const { task } = CRM_RECORDS;

/** Task → Create: `POST /tasks`; only the title is required. */
export const create: Operation<PreparedAction> = {
	keySpace: 'task_create',
	description: updateDisplayOptions({ show: { resource: ['task'], operation: ['create'] } }, [
		{ ...titleField, required: true },
		additionalFields(taskFieldOptions(false)),
		actionOptions('task', 'task'),
	]),
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedAction {
		const check = new InputChecker(this, itemIndex);
		const title = requiredText(check, 'Title', this.getNodeParameter('title', itemIndex, ''));
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = { title, ...taskFieldsBody(check, fields, false) };
		return prepareAction(this, check, 'task_create', task.path, body);
	},
	async execute(this: IExecuteFunctions, prepared, itemIndex) {
		return await postAction(this, prepared, itemIndex, { key: task.single });
	},
};

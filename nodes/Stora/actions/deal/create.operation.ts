import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, contactIdLocator } from '../../descriptions/common';
import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { readRecordId } from '../../descriptions/records';
import { InputChecker } from '../../helpers/validation';
import { readContactId } from '../contact/shared';
import { requiredText } from '../crm/fields';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import { actionOptions, postAction, prepareAction } from '../recordPost';
import { dealFieldOptions, dealFieldsBody, stageLocator } from './fields';

const { deal, dealStage } = CRM_RECORDS;

/** Deal → Create: `POST /deals`, a new open deal on a stage of the pipeline. */
export const create: Operation<PreparedAction> = {
	keySpace: 'deal_create',
	description: updateDisplayOptions({ show: { resource: ['deal'], operation: ['create'] } }, [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Jane Roe – 50 sq ft in Camden',
			description:
				'The deal’s name, as Stora’s pipeline shows it, e.g. the customer and what they asked about',
		},
		{
			...contactIdLocator,
			description:
				'The contact the deal is with: search by name, email or phone, or give its ID (con_…)',
		},
		stageLocator(),
		additionalFields(dealFieldOptions(false)),
		actionOptions('deal', 'deal'),
	]),
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedAction {
		const check = new InputChecker(this, itemIndex);
		const name = requiredText(check, 'Name', this.getNodeParameter('name', itemIndex, ''));
		const contact = { id: readContactId(this, check) };
		const stage = { id: readRecordId(this, check, dealStage, 'Stage') };
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = { name, contact, stage, ...dealFieldsBody(check, fields, false) };
		return prepareAction(this, check, 'deal_create', deal.path, body);
	},
	async execute(this: IExecuteFunctions, prepared, itemIndex) {
		return await postAction(this, prepared, itemIndex, { key: deal.single });
	},
};

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import type { RecordKind } from '../../descriptions/records';
import { readRecordId, recordLocator } from '../../descriptions/records';
import { readOptions } from '../../helpers/options';
import { InputChecker } from '../../helpers/validation';
import { storaApiFile, storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { Operation } from '../operation';
import { ItemWithFile } from '../operation';

const PDF = 'application/pdf';

interface DocumentSpec {
	record: RecordKind;
	/** Read the record first (for its number, or to check it has a PDF); credit notes have no show endpoint. */
	readFirst: boolean;
	/** Why the record has no PDF, or undefined when it has one. */
	noPdf?: (record: IDataObject) => string | undefined;
	/** The file name's stem, from the record as read. */
	nameOf?: (record: IDataObject) => unknown;
	notice?: string;
}

interface PreparedDownload {
	id: string;
	binaryPropertyName: string;
	retry: RetrySettings;
}

const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** A file name from Stora's number (e.g. `ABC-361`), or the record's ID when it has none. */
function fileNameOf(stem: unknown, id: string): string {
	const name = typeof stem === 'string' ? stem.trim().replace(/[^A-Za-z0-9._-]+/g, '-') : '';
	return `${name === '' ? id : name}.pdf`;
}

/**
 * Download PDF of an invoice, credit note or contract: `GET /<records>/{id}` with
 * `Accept: application/pdf`, the bytes as Stora sent them into a binary field, and the record
 * (as read first, or its ID) with the file's name as JSON.
 */
export function downloadPdf(spec: DocumentSpec): Operation<PreparedDownload> {
	const { record } = spec;
	const fields: INodeProperties[] = [
		...(spec.notice
			? [
					{
						displayName: spec.notice,
						name: 'downloadPdfNotice',
						type: 'notice' as const,
						default: '',
					},
				]
			: []),
		recordLocator(record),
		binaryPropertyField,
		optionsCollection([], false),
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: ['downloadPdf'] } },
			fields,
		),
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedDownload {
			const check = new InputChecker(this, itemIndex);
			const id = readRecordId(this, check, record);
			const raw = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as unknown;
			const binaryPropertyName = typeof raw === 'string' ? raw.trim() : '';
			if (binaryPropertyName === '') {
				check.fail(
					'Put Output File in Field',
					raw,
					'Name the binary field to put the PDF in, e.g. data.',
				);
			}
			return { id, binaryPropertyName, retry: readOptions(this, itemIndex).retry };
		},
		async execute(this: IExecuteFunctions, prepared: PreparedDownload, itemIndex: number) {
			const { id, binaryPropertyName, retry } = prepared;
			const path = `${record.path}/${id}`;
			const call = { itemIndex, retry };
			let json: IDataObject = { id };
			if (spec.readFirst) {
				const answer = await storaApiRequest.call(
					this,
					{ method: 'GET', path, expect: { [record.single]: 'object' } },
					call,
				);
				json = answer[record.single] as IDataObject;
				const why = spec.noPdf?.(json);
				if (why) {
					throw new NodeOperationError(this.getNode(), `${record.displayName} ${id} has no PDF`, {
						description: why,
						itemIndex,
					});
				}
			}
			const data = await storaApiFile.call(this, { method: 'GET', path, accept: PDF }, call);
			const fileName = fileNameOf(spec.nameOf?.(json), id);
			const binary = await this.helpers.prepareBinaryData(data, fileName, PDF);
			return new ItemWithFile({ ...json, fileName }, { [binaryPropertyName]: binary });
		},
	};
}

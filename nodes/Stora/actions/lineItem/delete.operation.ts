import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const description: INodeProperties[] = [];

export function prepare(this: IExecuteFunctions): IDataObject {
	return {};
}

export async function execute(this: IExecuteFunctions): Promise<IDataObject> {
	throw new Error('Not built yet');
}

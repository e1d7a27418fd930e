import type { IDataObject } from 'n8n-workflow';

import { CRM_RECORDS } from '../descriptions/crmRecords';
import { pagedPicker } from './listSearch';

const date = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : undefined);

const short = (text: unknown, length = 60) => {
	const plain = String(text ?? '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
};

const joined = (...parts: unknown[]) =>
	parts
		.filter((part) => part !== undefined && part !== null && part !== '')
		.map(String)
		.join(' · ');

const { deal, dealStage, identityVerification, note, task, timelineSource, timelineTemplate } =
	CRM_RECORDS;

/** Deals, labelled by name, status and creation date. */
export const searchDeals = pagedPicker({
	...deal,
	label: (record: IDataObject) =>
		joined(record.name ?? record.id, record.status, date(record.created_at)),
});

/** The pipeline's stages in its order (by position); Stora has no show endpoint for one. */
export const searchDealStages = pagedPicker({
	...dealStage,
	qs: { sort_by: 'position', sort_direction: 'ASC' },
	label: (record: IDataObject) => String(record.name ?? record.id),
	showable: false,
});

/** Tasks by title, status and due date; Stora documents no show endpoint for a task. */
export const searchTasks = pagedPicker({
	...task,
	label: (record: IDataObject) =>
		joined(
			short(record.title) || record.id,
			record.status,
			date(record.due_at) && `due ${date(record.due_at)}`,
		),
	showable: false,
});

/** Notes by the start of their text; Stora documents no show endpoint for a note. */
export const searchNotes = pagedPicker({
	...note,
	label: (record: IDataObject) =>
		joined(short(record.content, 50) || record.id, date(record.created_at)),
	showable: false,
});

/** Timeline sources by name; Stora lists them only. */
export const searchTimelineSources = pagedPicker({
	...timelineSource,
	label: (record: IDataObject) => String(record.name ?? record.id),
	showable: false,
});

export const searchTimelineTemplates = pagedPicker({
	...timelineTemplate,
	label: (record: IDataObject) => String(record.name ?? record.id),
});

/** Verifications by status, contact and date. */
export const searchIdentityVerifications = pagedPicker({
	...identityVerification,
	label: (record: IDataObject) =>
		joined(
			record.status,
			(record.contact as IDataObject | null | undefined)?.id,
			date(record.created_at),
			record.id,
		),
});

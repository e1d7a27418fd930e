import type { RecordKind } from './records';
import { RECORDS } from './records';

const kind = (spec: RecordKind) => spec;

/**
 * The records of Stora's sales pipeline and timeline (catalogue §1, §2.10–§2.15), as `RECORDS`
 * describes the others. Stages, sources and templates are only lists: they back pickers.
 */
export const CRM_RECORDS = {
	deal: kind({
		resource: 'deal',
		displayName: 'Deal',
		noun: 'a deal',
		path: '/deals',
		single: 'deal',
		list: 'deals',
		prefix: 'deal_',
		example: 'deal_3f9a1c7e5b2d4a68',
		readScope: 'public.deal:read',
		searchListMethod: 'searchDeals',
	}),
	dealStage: kind({
		resource: 'dealStage',
		displayName: 'Deal Stage',
		noun: 'a deal stage',
		path: '/deals/stages',
		// Stora documents no show endpoint for a stage.
		single: 'stage',
		list: 'stages',
		prefix: 'dstg_',
		example: 'dstg_8c2e4a6b0d1f3e57',
		readScope: 'public.deal_stage:read',
		searchListMethod: 'searchDealStages',
	}),
	task: kind({
		resource: 'task',
		displayName: 'Task',
		noun: 'a task',
		path: '/tasks',
		single: 'task',
		list: 'tasks',
		prefix: 'task_',
		example: 'task_5a7c9e1b3d2f4a60',
		readScope: 'public.task:read',
		searchListMethod: 'searchTasks',
	}),
	note: kind({
		resource: 'note',
		displayName: 'Note',
		noun: 'a note',
		path: '/notes',
		single: 'note',
		list: 'notes',
		prefix: 'note_',
		example: 'note_2b4d6f8a0c1e3b59',
		readScope: 'public.note:read',
		searchListMethod: 'searchNotes',
	}),
	timelineEvent: kind({
		resource: 'timelineEvent',
		displayName: 'Timeline Event',
		noun: 'a timeline event',
		path: '/timeline/events',
		single: 'event',
		list: 'events',
		prefix: 'aevt_',
		example: 'aevt_9d1f3a5c7e2b4d68',
		// Stora documents no list or show of events, so no read scope: they are written only.
		readScope: 'public.timeline_event:write',
		searchListMethod: '',
	}),
	timelineSource: kind({
		resource: 'timelineSource',
		displayName: 'Source',
		noun: 'a timeline source',
		path: '/timeline/sources',
		single: 'source',
		list: 'sources',
		prefix: 'tsrc_',
		example: 'tsrc_4e6a8c0b2d1f3a57',
		readScope: 'public.timeline_source:read',
		searchListMethod: 'searchTimelineSources',
	}),
	timelineTemplate: kind({
		resource: 'timelineTemplate',
		displayName: 'Template',
		noun: 'a timeline template',
		path: '/timeline/templates',
		single: 'template',
		list: 'templates',
		prefix: 'aetpl_',
		example: 'aetpl_7f9b1d3e5a2c4b60',
		readScope: 'public.timeline_template:read',
		searchListMethod: 'searchTimelineTemplates',
	}),
	identityVerification: kind({
		resource: 'identityVerification',
		displayName: 'Identity Verification',
		noun: 'an identity verification',
		path: '/identity_verifications',
		single: 'identity_verification',
		list: 'identity_verifications',
		prefix: 'idver_',
		example: 'idver_6c8e0a2b4d1f3c59',
		readScope: 'public.identity_verification:read',
		searchListMethod: 'searchIdentityVerifications',
	}),
} as const;

/** Staff appear only as assignees and creators: Stora lists no staff endpoint. */
export const STAFF_PREFIX = 'staff_';

/**
 * The prefixes a task's or note's `resource` may carry: any record Stora names by ID (the docs
 * show units and contacts on tasks; notes name units, contacts, subscriptions and tasks).
 */
export const RESOURCE_PREFIXES = [
	'order_',
	...Object.values(RECORDS).map((record) => record.prefix),
	...Object.values(CRM_RECORDS).map((record) => record.prefix),
];

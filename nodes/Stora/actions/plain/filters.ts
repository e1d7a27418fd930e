import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RecordKind } from '../../descriptions/records';
import type { InputChecker } from '../../helpers/validation';
import { textList } from '../order/getAll.operation';

/** One filter of a Get Many: its field inside Filters and the query it becomes, checked. */
export interface ListFilter {
	property: INodeProperties;
	query(check: InputChecker, filters: IDataObject): IDataObject;
}

/** What an ID filter needs to know of the record it names. */
export type FilteredRecord = Pick<
	RecordKind,
	'resource' | 'displayName' | 'prefix' | 'example' | 'list'
>;

const plural = (list: string) => list.replace(/_/g, ' ');

/**
 * A documented ID filter, e.g. `site_id`: comma-separated IDs (or a list from an expression),
 * each checked against the prefix, sent as one comma-separated value as orders send theirs.
 */
export function idsFilter(record: FilteredRecord, key: string, what: string): ListFilter {
	const field = `${record.displayName} ID`;
	return {
		property: {
			displayName: `${record.displayName} IDs`,
			name: `${record.resource}Ids`,
			type: 'string',
			default: '',
			placeholder: `e.g. ${record.example}, ${record.prefix}…`,
			description: `Only ${what} of these ${plural(record.list)} (comma-separated IDs, each starting with ${record.prefix})`,
		},
		query(check, filters) {
			const ids = textList(filters[`${record.resource}Ids`]).map((id) =>
				check.id(field, id, record.prefix),
			);
			return ids.length > 0 ? { [key]: ids.join(',') } : {};
		},
	};
}

interface ChoiceFilterSpec {
	displayName: string;
	name: string;
	/** The query parameter, e.g. `status`. */
	key: string;
	/** Each choice's name and the value sent, e.g. `{ Overlocked: 'overlock' }`. */
	choices: Record<string, string>;
	/** Other spellings accepted as text, e.g. `overlocked` for Stora's literal `overlock`. */
	aliases?: Record<string, string>;
	description: string;
}

/** A documented filter on a fixed set of values: a multi-select, or comma-separated text. */
export function choiceFilter(spec: ChoiceFilterSpec): ListFilter {
	const options = Object.entries(spec.choices)
		.map(([name, value]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const accepted = [...Object.values(spec.choices), ...Object.keys(spec.aliases ?? {})];
	return {
		property: {
			displayName: spec.displayName,
			name: spec.name,
			type: 'multiOptions',
			options,
			default: [],
			description: spec.description,
		},
		query(check, filters) {
			const chosen = textList(filters[spec.name]).map((value) => {
				const known = check.oneOf(spec.displayName, value, accepted);
				return spec.aliases?.[known] ?? known;
			});
			return chosen.length > 0 ? { [spec.key]: [...new Set(chosen)].join(',') } : {};
		},
	};
}

/** Query parameters the node itself sets: one given here would break the paging. */
const RESERVED_KEYS = ['page', 'limit'];

/**
 * Additional Query Parameters, sent as given, for the lists whose filters Stora's docs list
 * incompletely: a filter the node does not know is the user's to name, never the node's guess.
 */
export function additionalQueryFilter(what: string): ListFilter {
	return {
		property: {
			displayName: 'Additional Query Parameters',
			name: 'additionalQuery',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Parameter' },
			default: {},
			placeholder: 'Add Parameter',
			description: `Query parameters sent as given with each page of ${what}, e.g. site_id = site_14b419f1096013f1`,
			hint: 'Stora’s docs list this list’s filters incompletely: check that Stora takes a parameter (it ignores or refuses unknown ones) before relying on it',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameters',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							placeholder: 'e.g. site_id',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. site_14b419f1096013f1',
						},
					],
				},
			],
		},
		query(check, filters) {
			const pairs = ((filters.additionalQuery as IDataObject | undefined)?.parameters ??
				[]) as IDataObject[];
			const qs: IDataObject = {};
			for (const pair of pairs) {
				const key = String(pair.key ?? '').trim();
				const value = String(pair.value ?? '');
				// A row left empty in the form is no parameter.
				if (key === '' && value === '') continue;
				const field = 'Additional Query Parameter key';
				if (key === '')
					check.fail(field, pair.key ?? '', `Give the parameter of value "${value}" a key.`);
				if (RESERVED_KEYS.includes(key)) {
					check.fail(field, key, 'The node sets page and limit itself (use Return All / Limit).');
				}
				if (key in qs) check.fail(field, key, 'Give each parameter once.');
				qs[key] = value;
			}
			return qs;
		},
	};
}

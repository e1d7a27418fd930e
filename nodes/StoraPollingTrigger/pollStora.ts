import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { contactOutput, orderOutput } from '../Stora/helpers/simplify';
import { releaseConnection } from '../Stora/transport';
import { storedState } from './pollState';
import { newestMatching, pollOnce } from './polls';
import type { Settings } from './settings';
import { readSettings } from './settings';

const STATE_KEY = 'pollState';

/**
 * The static data of polls under way in this process: a poll that starts while the previous one
 * is still reading (a long catch-up) would emit the same records from the same state.
 */
const polling = new WeakSet<IDataObject>();

/**
 * Poll contexts that have polled: n8n makes one per activation and polls first while activating.
 * The first poll after the user activates the workflow starts afresh, so that the state left
 * when it was deactivated does not emit the weeks in between; after a restart of n8n ('init')
 * or an update of an active workflow, polling goes on from the saved state.
 */
const polledContexts = new WeakSet<IPollFunctions>();

function startsAfresh(ctx: IPollFunctions): boolean {
	const first = !polledContexts.has(ctx);
	polledContexts.add(ctx);
	return first && ctx.getActivationMode() === 'activate';
}

/** A record as the Stora node outputs it for its resource. */
function outputOf(record: IDataObject, settings: Settings): IDataObject {
	const { resource } = settings.event;
	if (resource === 'order') return orderOutput(record, settings.simplify);
	if (resource === 'contact') return contactOutput(record, settings.simplify);
	return record;
}

/**
 * One poll: the records new since the last one, oldest first, or null when there are none. The
 * state is replaced only once every request has succeeded, so a failed poll changes nothing
 * and the next one catches up. Fetch Test Event returns the newest record and keeps the state.
 */
export async function pollStora(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		return await pollOrTest.call(this);
	} finally {
		releaseConnection.call(this);
	}
}

async function pollOrTest(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	if (this.getMode() === 'manual') {
		const record = await newestMatching(this, settings, Date.now());
		if (record === undefined) {
			throw new NodeOperationError(this.getNode(), 'No matching record was found in Stora', {
				description: `Stora has no record for "${settings.event.name}" with these settings yet. Make one happen in Stora (or widen the filters), then fetch again.`,
			});
		}
		return [this.helpers.returnJsonArray([outputOf(record, settings)])];
	}
	const staticData = this.getWorkflowStaticData('node');
	if (polling.has(staticData)) return null;
	polling.add(staticData);
	try {
		const previous = startsAfresh(this)
			? undefined
			: storedState(staticData[STATE_KEY], settings.fingerprint);
		const { emit, state } = await pollOnce(this, settings, previous, Date.now());
		staticData[STATE_KEY] = state as unknown as IDataObject;
		if (emit.length === 0) return null;
		return [this.helpers.returnJsonArray(emit.map((record) => outputOf(record, settings)))];
	} finally {
		polling.delete(staticData);
	}
}

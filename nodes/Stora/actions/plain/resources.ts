import { contract } from '../contract';
import { creditNote } from '../creditNote';
import { deal } from '../deal';
import { dealStage } from '../dealStage';
import { identityVerification } from '../identityVerification';
import { invoice } from '../invoice';
import { note } from '../note';
import { product } from '../product';
import { protectionLevel } from '../protectionLevel';
import { site } from '../site';
import { subscription } from '../subscription';
import { task } from '../task';
import { tenancy } from '../tenancy';
import { timelineEvent } from '../timelineEvent';
import { unit } from '../unit';
import { unitAllocation } from '../unitAllocation';
import { unitType } from '../unitType';
import type { PlainResource } from './plainResource';

/** The resources built from a spec (actions/<resource>/index.ts), by Resource value. */
export const PLAIN_RESOURCES: Record<string, PlainResource> = {
	contract,
	creditNote,
	deal,
	dealStage,
	identityVerification,
	invoice,
	note,
	product,
	protectionLevel,
	site,
	subscription,
	task,
	tenancy,
	timelineEvent,
	unit,
	unitAllocation,
	unitType,
};

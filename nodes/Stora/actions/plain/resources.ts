import { contract } from '../contract';
import { creditNote } from '../creditNote';
import { invoice } from '../invoice';
import { product } from '../product';
import { protectionLevel } from '../protectionLevel';
import { site } from '../site';
import { subscription } from '../subscription';
import { tenancy } from '../tenancy';
import { unit } from '../unit';
import { unitAllocation } from '../unitAllocation';
import { unitType } from '../unitType';
import type { PlainResource } from './plainResource';

/** The resources built from a spec (actions/<resource>/index.ts), by Resource value. */
export const PLAIN_RESOURCES: Record<string, PlainResource> = {
	contract,
	creditNote,
	invoice,
	product,
	protectionLevel,
	site,
	subscription,
	tenancy,
	unit,
	unitAllocation,
	unitType,
};

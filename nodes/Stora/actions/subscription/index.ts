import { RECORDS } from '../../descriptions/records';
import { simplifySubscription } from '../../helpers/simplify';
import { plainResource } from '../plain/plainResource';

export const subscription = plainResource({
	record: RECORDS.subscription,
	listDescription: 'List subscriptions, the billing agreements of tenancies',
	additionalQuery: true,
	simplify: simplifySubscription,
});

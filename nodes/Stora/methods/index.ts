import * as crmSearch from './crmSearch';
import * as recordSearch from './listSearch';

// pagedPicker builds searches; it is not one.
const { pagedPicker, ...recordSearches } = recordSearch;

/** Every picker's search method, by the name its `searchListMethod` gives. */
export const listSearch = { ...recordSearches, ...crmSearch };
export { pagedPicker };
export * as loadOptions from './loadOptions';
export * as resourceMapping from './resourceMapping';

/** The only door to Stora: operations and methods import from here. */
export type { CallOptions, StoraAnswer, StoraContext, StoraRequest } from './request';
export { isCancelled, storaApiAnswer, storaApiFile, storaApiRequest } from './request';
export { executionCancelledError } from './wait';
export type { CursorField, ListRequest } from './list';
export { MAX_PAGE_SIZE, pageSizeFor, storaApiRequestAllItems } from './list';
export { releaseConnection, storaBaseUrl, storaRateLimits } from './connection';
export { LOOPBACK_URL } from './baseUrl';

const LOOPBACK_HOST = String.raw`(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?(\/|$)`;

/** http:// is accepted only for these hosts: the token must never cross a network in clear text. */
export const LOOPBACK_HTTP_URL = new RegExp(String.raw`^http:\/\/${LOOPBACK_HOST}`, 'i');

/** An http(s) URL whose host is this machine. */
export const LOOPBACK_URL = new RegExp(String.raw`^https?:\/\/${LOOPBACK_HOST}`, 'i');

/** An http:// URL to any other host. */
export const INSECURE_HTTP_URL = new RegExp(String.raw`^\s*http:\/\/(?!${LOOPBACK_HOST})`, 'i');

export const DEFAULT_BASE_URL = 'https://public-api.stora.co';

export const API_VERSION = '2025-09';

/**
 * Returns the Base URL without trailing slashes, or `undefined` when it would send the token
 * over plain http to a non-loopback host (or is not an http(s) URL at all).
 */
export function secureBaseUrl(raw: string | undefined): string | undefined {
	const baseUrl = (raw ?? '').trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
	if (/^https:\/\/[^/]+/i.test(baseUrl) || LOOPBACK_HTTP_URL.test(baseUrl)) return baseUrl;
	return undefined;
}

/** How the OAuth2 credential's errors begin, so the node tells them from network failures. */
export const TOKEN_FAILURE = 'Could not get an access token from Stora';

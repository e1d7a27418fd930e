import { NodeHelpers } from 'n8n-workflow';

import { StoraApi } from '../../credentials/StoraApi.credentials';

const credential = new StoraApi();
const notice = credential.properties.find((property) => property.name === 'insecureBaseUrlNotice')!;
const shown = (baseUrl: string) => NodeHelpers.displayParameter({ baseUrl }, notice, null, null);

describe('Stora API credential form', () => {
	it('warns about a plain http:// Base URL to another host', () => {
		expect(shown('http://public-api.stora.co')).toBe(true);
		expect(shown('http://10.0.0.5:4010')).toBe(true);
		expect(shown('http://localhost.evil.example')).toBe(true);
	});

	it('stays quiet for https:// and for this machine', () => {
		expect(shown('https://public-api.stora.co')).toBe(false);
		expect(shown('http://127.0.0.1:4010')).toBe(false);
		expect(shown('http://localhost:4010/')).toBe(false);
		expect(shown('http://[::1]:4010')).toBe(false);
	});

	it('sends the token as a Bearer header through the generic authenticate block', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
	});

	it('keeps the token out of sight in the form', () => {
		const token = credential.properties.find((property) => property.name === 'accessToken')!;
		expect(token.typeOptions?.password).toBe(true);
	});
});

/**
 * An in-memory credentials helper for in-process workflow runs.
 *
 * n8n-core asks `additionalData.credentialsHelper` for decrypted credential
 * data and to "authenticate" each request made with
 * `httpRequestWithAuthentication`. The real implementation lives in the n8n
 * CLI (database + encryption); this one keeps plain objects keyed by
 * credential type name and applies the credential class's `authenticate`
 * block itself, resolving `={{ $credentials.x }}` expressions with the
 * workflow's own expression engine, like n8n does.
 */
import './env';

import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, UnexpectedError } from 'n8n-workflow';

/** Credential type definitions, looked up by name (e.g. `storaApi`). */
export interface CredentialTypeRegistry {
	get(name: string): ICredentialType | undefined;
}

type AuthTarget = 'headers' | 'qs' | 'body' | 'auth';

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Current data per credential type; OAuth token refreshes and preAuthentication write here. */
	readonly data: Record<string, ICredentialDataDecryptedObject>;

	/** How many times a node read (decrypted) a credential, by type. */
	readonly decryptions: Record<string, number> = {};

	/** Every `authenticate` call, in order (type name + final request), for assertions. */
	readonly authenticated: Array<{ type: string; request: IHttpRequestOptions }> = [];

	constructor(
		private readonly types: CredentialTypeRegistry,
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		this.data = Object.fromEntries(
			Object.entries(credentials).map(([type, value]) => [type, { ...value }]),
		);
	}

	private typeOf(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type)
			throw new UnexpectedError(
				`Unknown credential type "${name}" (not loaded by the test harness)`,
			);
		return type;
	}

	/** `extends` chain, nearest first; names that are not loaded (e.g. `oAuth2Api`) are still listed. */
	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		const visit = (typeName: string) => {
			for (const parent of this.types.get(typeName)?.extends ?? []) {
				if (parents.includes(parent)) continue;
				parents.push(parent);
				visit(parent);
			}
		};
		visit(name);
		return parents;
	}

	/** The type's own properties followed by its loaded parents' (own names win). */
	getCredentialsProperties(type: string): INodeProperties[] {
		const seen = new Set<string>();
		const result: INodeProperties[] = [];
		for (const name of [type, ...this.getParentTypes(type)]) {
			for (const property of this.types.get(name)?.properties ?? []) {
				if (seen.has(property.name)) continue;
				seen.add(property.name);
				result.push(property);
			}
		}
		return result;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions[type] = (this.decryptions[type] ?? 0) + 1;
		const stored = this.data[type];
		if (stored === undefined) {
			throw new UnexpectedError(
				`No test credentials of type "${type}" were given to the harness (node credential "${nodeCredentials.name}")`,
			);
		}
		if (raw) return { ...stored };

		// Like n8n: fill in property defaults the user never changed …
		const decrypted: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type === 'notice') continue;
			if (property.default !== undefined)
				decrypted[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		Object.assign(decrypted, stored);

		// … and resolve expressions stored in credential fields (e.g. "={{ $vars.x }}").
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			for (const [key, value] of Object.entries(decrypted)) {
				if (typeof value !== 'string' || !value.startsWith('=')) continue;
				decrypted[key] = workflow.expression.getParameterValue(
					value,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					'internal',
					{},
					undefined,
					false,
					decrypted,
				) as ICredentialDataDecryptedObject[string];
			}
		}
		return decrypted;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData({ ...(this.data[type] ?? {}) });
		return credentials;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.typeOf(typeName);
		let request = requestOptions as IHttpRequestOptions;

		if (typeof authenticate === 'function') {
			request = await authenticate(credentials, request);
		} else if (authenticate?.type === 'generic') {
			const resolve = (value: unknown) =>
				typeof value === 'string' && value.startsWith('=')
					? workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						)
					: value;

			for (const [target, entries] of Object.entries(authenticate.properties) as Array<
				[AuthTarget, Record<string, unknown>]
			>) {
				const current = ((request as unknown as Record<string, unknown>)[target] ??= {}) as Record<
					string,
					unknown
				>;
				for (const [key, value] of Object.entries(entries)) {
					current[String(resolve(key))] = resolve(value);
				}
			}
		}

		this.authenticated.push({ type: typeName, request: { ...request } });
		return request;
	}

	/**
	 * Like n8n: when the type has `preAuthentication` and an `expirable` property,
	 * fetch a fresh value when that property is empty or the server said 401.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.typeOf(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return undefined;
		// Exactly n8n's rule: only an empty value (not a missing one) or a 401 asks for a new one.
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as IDataObject;
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.data[typeName] = {
			...(this.data[typeName] ?? {}),
			...output,
		} as ICredentialDataDecryptedObject;
		return updated;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = { ...(this.data[type] ?? {}), oauthTokenData: data.oauthTokenData };
	}
}

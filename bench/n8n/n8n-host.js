'use strict';
/**
 * One real n8n 2.8.4 (the e2e layer's install and its N8n helper) with every benchmark workflow
 * imported and active. A run calls the workflow's production webhook, waits for n8n to save the
 * execution, then reads the run data back through n8n's REST API.
 */
const http = require('node:http');
const path = require('node:path');
const { N8n } = require('../../e2e/lib/n8n');
const { E2E_DIR } = require('../../e2e/lib/paths');
const { getFreePort } = require('../../e2e/lib/ports');
const { readMemory, resetPeak } = require('./memory');

// flatted comes with n8n (it stores run data in that format); nothing is added to the package
const { parse: parseFlatted } = require(path.join(E2E_DIR, 'node_modules', 'flatted'));

/**
 * POSTs JSON and resolves { status } once the answer is complete. Not fetch: its 300 s wait for
 * the headers is shorter than a workflow that paces 500 Creates at 60 a minute.
 */
function postWithoutTimeout(url, body) {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

class N8nHost {
	constructor() {
		this.n8n = new N8n({ name: 'bench' });
	}

	async start({ credentials, workflows }) {
		await this.n8n.prepare();
		await this.n8n.importCredentials(credentials);
		await this.n8n.importWorkflows(workflows);
		await this.n8n.start();
		await this.n8n.setupOwner();
		for (const workflow of workflows) await this.n8n.activate(workflow.id);
	}

	/**
	 * A fresh n8n process on the same database, so that its peak memory is one run's. It gets new
	 * ports: on a shared machine another process may have taken the old ones while it was down.
	 */
	async restart() {
		await this.n8n.stop({ keepUserFolder: true });
		this.n8n.port = await getFreePort();
		this.n8n.brokerPort = await getFreePort();
		this.n8n.url = `http://127.0.0.1:${this.n8n.port}`;
		await this.n8n.start();
		await this.n8n.login();
	}

	stop() {
		return this.n8n.stop();
	}

	/** Whether n8n is still up, and its last log lines, for a run that failed. */
	diagnosis() {
		const state = this.n8n.server ? 'n8n is running' : 'n8n has exited';
		const last = this.n8n.serverLog
			.slice(-3)
			.map((l) => l.message)
			.join(' | ');
		return `${state}; last log lines: ${last.slice(0, 400)}`;
	}

	get pid() {
		return this.n8n.server.pid;
	}

	/**
	 * Runs a workflow through its webhook. Resolves { status, runData, error, memory, webhookMs }:
	 * `memory.peakMb` is the process's peak resident set (VmHWM, reset just before) until the
	 * execution is saved, `memory.idleMb` its resident set before.
	 */
	async run(workflowId, webhookPath, body) {
		const idleMb = readMemory(this.pid)?.rssMb;
		if (!resetPeak(this.pid)) throw new Error('cannot reset the peak memory of n8n (/proc/<pid>/clear_refs)');
		const started = Date.now();
		const answer = await postWithoutTimeout(`${this.n8n.url}/webhook/${webhookPath}`, body);
		const webhookMs = Date.now() - started;
		const execution = await this.savedExecution(workflowId);
		const memory = { peakMb: readMemory(this.pid)?.peakMb, idleMb };
		const full = await this.n8n.rest('GET', `/executions/${execution.id}`);
		const data = parseFlatted(full.data);
		return {
			status: execution.status,
			httpStatus: answer.status,
			runData: data.resultData.runData,
			error: data.resultData.error?.message,
			memory,
			webhookMs,
		};
	}

	/** The workflow's latest execution, once n8n has stored it as finished. */
	async savedExecution(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		for (let tries = 0; tries < 600; tries++) {
			const list = await this.n8n.rest('GET', `/executions?filter=${filter}&limit=1`);
			const latest = list.results[0];
			if (latest && latest.stoppedAt && !['new', 'running'].includes(latest.status)) return latest;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`no finished execution of ${workflowId} after 2 minutes`);
	}
}

module.exports = { N8nHost };

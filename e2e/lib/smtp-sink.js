'use strict';
/**
 * A local SMTP sink: accepts every message on 127.0.0.1 (no auth, no TLS) and keeps it in memory,
 * parsed, so that tests can assert on what n8n's Send Email node sent.
 */
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const SMTP_CREDENTIAL_ID = 'e2eLocalSmtpSink';
const SMTP_CREDENTIAL_NAME = 'Local SMTP sink';

/**
 * @param {{ port?: number, host?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ host: string, port: number, messages: object[], waitFor: Function, reset: Function, close: Function }>}
 */
async function startSmtpSink(options = {}) {
	const host = options.host || '127.0.0.1';
	const messages = [];
	const waiters = new Set();

	const notify = () => {
		for (const w of [...waiters]) {
			const found = messages.filter(w.predicate);
			if (found.length >= w.count) {
				waiters.delete(w);
				clearTimeout(w.timer);
				w.resolve(found);
			}
		}
	};

	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		banner: 'n8n-nodes-stora e2e SMTP sink',
		logger: false,
		onData(stream, session, callback) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', async () => {
				try {
					const raw = Buffer.concat(chunks);
					const parsed = await simpleParser(raw);
					const message = {
						envelopeFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
						envelopeTo: session.envelope.rcptTo.map((r) => r.address),
						from: parsed.from ? parsed.from.text : undefined,
						to: parsed.to ? [].concat(parsed.to).flatMap((t) => t.value.map((v) => v.address)) : [],
						subject: parsed.subject || '',
						text: parsed.text || '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						attachments: (parsed.attachments || []).map((a) => ({
							filename: a.filename,
							contentType: a.contentType,
							content: a.content,
						})),
						date: new Date().toISOString(),
						raw: raw.toString('utf8'),
					};
					messages.push(message);
					if (options.log) options.log(`[smtp] ${message.envelopeTo.join(',')}: ${message.subject}`);
					notify();
					callback();
				} catch (err) {
					callback(err);
				}
			});
		},
	});
	server.on('error', (err) => {
		if (options.log) options.log(`[smtp] error: ${err.message}`);
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, host, () => {
			server.removeListener('error', reject);
			resolve();
		});
	});
	const port = server.server.address().port;

	return {
		host,
		port,
		messages,
		/** Messages whose envelope or To header includes `address`. */
		to(address) {
			const a = address.toLowerCase();
			return messages.filter(
				(m) => m.envelopeTo.some((x) => x.toLowerCase() === a) || m.to.some((x) => x.toLowerCase() === a),
			);
		},
		/** Resolve with the matching messages once at least `count` match; reject after `timeoutMs`. */
		waitFor(predicate, { count = 1, timeoutMs = 15000 } = {}) {
			return new Promise((resolve, reject) => {
				const w = { predicate, count, resolve };
				w.timer = setTimeout(() => {
					waiters.delete(w);
					reject(
						new Error(
							`SMTP sink: expected ${count} matching message(s) within ${timeoutMs} ms; got ` +
								`${messages.filter(predicate).length} of ${messages.length}: ` +
								JSON.stringify(messages.map((m) => ({ to: m.envelopeTo, subject: m.subject }))),
						),
					);
				}, timeoutMs);
				waiters.add(w);
				notify();
			});
		},
		reset() {
			messages.length = 0;
		},
		close() {
			for (const w of waiters) clearTimeout(w.timer);
			waiters.clear();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** An n8n credential (type `smtp`) pointing at the sink, for `n8n import:credentials`. */
function smtpCredential(sink, { id = SMTP_CREDENTIAL_ID, name = SMTP_CREDENTIAL_NAME } = {}) {
	return {
		id,
		name,
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: sink.host,
			port: sink.port,
			secure: false,
			disableStartTls: true,
		},
	};
}

module.exports = { startSmtpSink, smtpCredential, SMTP_CREDENTIAL_ID, SMTP_CREDENTIAL_NAME };

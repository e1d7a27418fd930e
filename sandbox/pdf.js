'use strict';

const { ApiError } = require('./errors');

/**
 * Whether a request asks for a PDF (`Accept: application/pdf`, alone or among others).
 * @param {string | undefined} accept
 */
function wantsPdf(accept) {
	return typeof accept === 'string' && /application\/pdf/i.test(accept);
}

/**
 * A small, valid one-page PDF naming the record, the same bytes every time for the same lines.
 * The second line is the binary marker real PDFs carry (bytes above 127), so a client that
 * decodes the answer as text damages it and a byte-for-byte test sees it.
 * @param {string[]} lines e.g. ["Invoice ABC-361", "inv_195h6kfm9ro15lof"]
 * @returns {Buffer}
 */
function pdfBytes(lines) {
	const escape = (/** @type {string} */ s) =>
		s
			.replace(/£/g, 'GBP ')
			.replace(/[\\()]/g, (c) => `\\${c}`)
			.replace(/[^\x20-\x7e]/g, '?');
	const text = lines.map((l, i) => `BT /F1 14 Tf 72 ${720 - i * 24} Td (${escape(l)}) Tj ET`).join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	/** @type {Buffer[]} */
	const parts = [Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
	let length = parts[0].length + parts[1].length;
	/** @type {number[]} */
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(length);
		const part = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
		parts.push(part);
		length += part.length;
	});
	const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
	parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
	return Buffer.concat(parts);
}

/**
 * A handler result carrying a PDF.
 * @param {string[]} lines
 * @returns {import('./orders').HandlerResult}
 */
function pdfResult(lines) {
	return { status: 200, body: pdfBytes(lines), contentType: 'application/pdf' };
}

/**
 * 406 `invalid_format` for a record or endpoint that has no PDF.
 * @param {string} [message]
 */
function noPdf(message) {
	return new ApiError('invalid_format', message ?? 'This resource cannot be rendered as PDF: only invoices, credit notes and signed contracts can.', [
		{ message: 'Accept `application/pdf` is not supported here', pointer: null },
	]);
}

module.exports = { wantsPdf, pdfBytes, pdfResult, noPdf };

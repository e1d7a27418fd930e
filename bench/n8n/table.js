'use strict';
/** The benchmark's tables, as Markdown (printed and written to bench/results.md). */

const seconds = (ms) => (ms === undefined ? '-' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
const megabytes = (mb) => (mb === undefined || Number.isNaN(mb) ? '-' : String(Math.round(mb)));
const memory = (r) => (r.idleMb === undefined ? megabytes(r.peakMb) : `${megabytes(r.idleMb)} → ${megabytes(r.peakMb)}`);
const ratio = (x, digits = 2) => (x === undefined ? '-' : `${x.toFixed(digits)}×`);
const number = (n) => (n === undefined ? '-' : n.toLocaleString('en-GB'));

function markdownTable(header, rows) {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function faultFreeTable(results) {
	const header = ['scenario', 'tool', 'status', 'time s', 'requests', 'orders', 'dupes', 'missing', 'MB idle → peak'];
	const rows = results.map((r) => [
		r.scenario,
		r.toolName,
		r.status,
		seconds(r.timeMs),
		number(r.requests),
		number(r.orders),
		number(r.duplicates),
		number(r.missing),
		memory(r),
	]);
	return markdownTable(header, rows);
}

function limitedTable(results) {
	const header = [
		'limits, latency',
		'scenario',
		'tool',
		'status',
		'time s',
		'requests',
		'429s',
		'orders',
		'dupes',
		'missing',
		'legal min s',
		'time / min',
		'MB idle → peak',
	];
	const rows = results.map((r) => [
		r.group,
		r.scenario,
		r.toolName,
		r.status,
		seconds(r.timeMs),
		number(r.requests),
		number(r.limited),
		number(r.orders),
		number(r.duplicates),
		number(r.missing),
		String(r.legalMinimumS),
		// a failed or incomplete run has no time to compare
		r.legalMinimumS > 0 && r.status === 'success' && r.missing === 0 && r.duplicates === 0
			? ratio(r.timeMs / 1000 / r.legalMinimumS)
			: '-',
		memory(r),
	]);
	return markdownTable(header, rows);
}

function targetLines(targets) {
	return targets.map((t) => `- ${t.met ? 'met' : '**MISSED**'}: ${t.text} (${t.measured})`);
}

module.exports = { faultFreeTable, limitedTable, targetLines, seconds, ratio, markdownTable };

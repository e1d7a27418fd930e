import type { IDataObject } from 'n8n-workflow';

type Module = typeof import('../../nodes/StoraTrigger/acceptedEvents');

/** A fresh copy of the module: another n8n process, with nothing in memory. */
function freshProcess(): Module {
	let loaded: Module | undefined;
	jest.isolateModules(() => {
		loaded = jest.requireActual<Module>('../../nodes/StoraTrigger/acceptedEvents');
	});
	return loaded!;
}

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 11, 1);

describe('events accepted once in 24 hours', () => {
	it('accepts an event once, and again after the window', () => {
		const { acceptOnce } = freshProcess();
		const data: IDataObject = {};
		expect(acceptOnce(data, 'live:wf:node', 'evt_1', t0)).toBe(true);
		expect(acceptOnce(data, 'live:wf:node', 'evt_1', t0 + 23 * HOUR)).toBe(false);
		expect(acceptOnce(data, 'live:wf:node', 'evt_1', t0 + 24 * HOUR)).toBe(true);
	});

	it('knows what another process accepted, through the static data', () => {
		const data: IDataObject = {};
		expect(freshProcess().acceptOnce(data, 'live:wf:node', 'evt_1', t0)).toBe(true);
		const saved = JSON.parse(JSON.stringify(data)) as IDataObject;
		expect(freshProcess().acceptOnce(saved, 'live:wf:node', 'evt_1', t0 + 1000)).toBe(false);
	});

	it('keeps in memory what a lost save dropped, and writes it back', () => {
		const { acceptOnce } = freshProcess();
		const data: IDataObject = {};
		acceptOnce(data, 'live:wf:node', 'evt_1', t0);
		const lost: IDataObject = {};
		expect(acceptOnce(lost, 'live:wf:node', 'evt_1', t0 + 1000)).toBe(false);
		expect(Object.keys(lost.acceptedEvents as IDataObject)).toEqual(['evt_1']);
	});

	it('keeps the editor’s test listener apart from the active workflow', () => {
		const { acceptOnce } = freshProcess();
		expect(acceptOnce({}, 'test:wf:node', 'evt_1', t0)).toBe(true);
		expect(acceptOnce({}, 'live:wf:node', 'evt_1', t0)).toBe(true);
	});

	it('remembers at most the newest 10,000 events', () => {
		const { acceptOnce, MAX_REMEMBERED_EVENTS } = freshProcess();
		const accepted = Object.fromEntries(
			Array.from({ length: MAX_REMEMBERED_EVENTS }, (_, i) => [`evt_${i}`, t0 + i]),
		);
		const data: IDataObject = { acceptedEvents: accepted };
		expect(acceptOnce(data, 's', 'evt_new', t0 + MAX_REMEMBERED_EVENTS)).toBe(true);
		const kept = Object.keys(data.acceptedEvents as IDataObject);
		expect(kept).toHaveLength(MAX_REMEMBERED_EVENTS);
		expect(kept).toContain('evt_new');
		expect(kept).not.toContain('evt_0');
		expect(acceptOnce(data, 's', `evt_${MAX_REMEMBERED_EVENTS - 1}`, t0 + HOUR)).toBe(false);
	});
});

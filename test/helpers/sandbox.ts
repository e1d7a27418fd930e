/**
 * One sandbox per test file, restored to its seed data before each test. Tests read it as
 * `box.sb`: jest hooks assign it after the file has been collected.
 */
import { startSandbox } from '../../sandbox';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxOptions = Parameters<typeof startSandbox>[0];

export function sandboxPerFile(options: SandboxOptions = {}): { sb: Sandbox } {
	const box = {} as { sb: Sandbox };
	beforeAll(async () => {
		box.sb = await startSandbox(options);
	});
	afterAll(async () => {
		await box.sb.close();
	});
	beforeEach(() => box.sb.reset());
	return box;
}

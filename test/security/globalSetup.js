/** Gives the whole jest run one folder for the artifacts the token scan reads. */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
	const directory = mkdtempSync(join(tmpdir(), 'stora-test-artifacts-'));
	process.env.STORA_TEST_ARTIFACTS = directory;
	// n8n's own logger writes every line, at debug level, to a file the scan reads too.
	process.env.N8N_LOG_LEVEL = 'debug';
	process.env.N8N_LOG_OUTPUT = 'file';
	process.env.N8N_LOG_FILE_LOCATION = join(directory, 'n8n.log');
};

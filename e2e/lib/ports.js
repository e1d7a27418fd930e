'use strict';
const net = require('node:net');

/** Ask the OS for a free TCP port on 127.0.0.1. */
function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Several distinct free ports. */
async function getFreePorts(n) {
	const ports = new Set();
	while (ports.size < n) ports.add(await getFreePort());
	return [...ports];
}

module.exports = { getFreePort, getFreePorts };

const { src, dest, parallel } = require('gulp');

/** Icons and codex files are not TypeScript, so tsc leaves them out of dist/. */
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex);

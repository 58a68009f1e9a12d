// tsc does not keep the executable bit or a shebang's effect on npm's bin link; make the CLI runnable.
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, '..', 'dist', 'cli', 'shifan.js');
if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
